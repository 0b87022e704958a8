import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The clerk's evening: a record typed in Vietnamese, the power cut (SIGKILL), the record waiting on restart.
@Suite(.serialized, .enabled(if: Tmux.available && FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"),
                             "tmux and sqlite3 are needed for the forms crash test"))
struct FormsTUITests {

    static func pids(matching pattern: String) throws -> [Int32] {
        try Program.run("/usr/bin/pgrep", ["-f", pattern]).text.split(separator: "\n").compactMap { Int32($0) }
    }

    @Test func draftSurvivesSIGKILL() throws {
        let (_, db) = try Binary.database("forms-\(UUID().uuidString.prefix(8)).sqlite")
        let counts = "SELECT (SELECT COUNT(*) FROM candidate) || '/' || (SELECT COUNT(*) FROM achievement)"
        let before = try Binary.sqlite(db, counts)
        let t = try Tmux.interface(db: db)
        try t.type("/nghi loc", thenWaitFor: "VKSND huyện Nghi Lộc")
        try t.keys("Enter", thenWaitFor: "ứng viên")
        try t.keys("Down")
        try t.type("r", thenWaitFor: "Thêm thành tích")
        // Type, pick "Sáng kiến" from the list, decision, date, and a note typed in Vietnamese.
        try t.keys("Tab")
        try t.type("sang kien", thenWaitFor: "Chọn")
        try t.keys("Enter")
        try t.keys("Tab", "Tab")
        try t.type("45/QĐ-VKS")
        try t.keys("Tab")
        try t.type("12/03/2019")
        try t.keys("Tab", "Tab")
        try t.type("Sáng kiến nâng cao chất lượng", thenWaitFor: "Sáng kiến nâng cao chất lượng")
        // The power cut: SIGKILL, no chance to clean up.
        let pids = try Self.pids(matching: db)
        #expect(!pids.isEmpty)
        for pid in pids { kill(pid, SIGKILL) }
        try t.waitFor("EXIT=137")
        #expect(try Binary.sqlite(db, "PRAGMA integrity_check") == "ok")
        #expect(try Binary.sqlite(db, counts) == before, "no half-written record")
        #expect(try Binary.sqlite(db, "SELECT COUNT(*) FROM draft") == "1")
        // Restart: the draft is offered, and holds what was typed.
        let offer = try t.enter("clear; \(Binary.path) --db \(db); echo EXIT2=$?", thenWaitFor: "Có bản nháp chưa lưu")
        #expect(offer.contains("Enter: tiếp tục"))
        let form = try t.keys("Enter", thenWaitFor: "Sáng kiến nâng cao chất lượng")
        // The type kept by the draft, shown by its name (issue 20), never its code.
        #expect(form.contains("45/QĐ-VKS") && form.contains("12/03/2019") && form.contains("Sáng kiến, giải pháp") && !form.contains("SANG_KIEN"))
        // Saved now: one more record, the draft gone.
        try t.keys("F2", thenWaitFor: "Đã lưu")
        try t.quit(expecting: "EXIT2=0")
        #expect(try Binary.sqlite(db, "SELECT COUNT(*) FROM draft") == "0")
        #expect(try Binary.sqlite(db, "SELECT COUNT(*) FROM achievement WHERE note = 'Sáng kiến nâng cao chất lượng' AND decision_date = '2019-03-12'") == "1")
        #expect(try Binary.sqlite(db, "PRAGMA integrity_check") == "ok")
    }
}
