import Foundation
import Testing

/// A whole council round in real terminals: the chair's console in one tmux session, a voting
/// kiosk in another, both on the same database file, as in the meeting room.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is needed for the end-to-end terminal tests"))
struct VotingTUITests {
    @Test func roundFromKioskAndLiveConsole() throws {
        let (_, db) = try Binary.database("council.sqlite")
        func cli(_ args: [String], stdin: String? = nil) throws -> String { try Binary.succeeds(args, db: db, stdin: stdin).lastLine }
        // Four eligible nominees within the unit quota (1 collective, 2 individuals).
        let nominees = try Binary.nominateEligible(4, year: 2019, db: db)
        #expect(nominees.count == 4)
        for i in 1...5 {
            let role = i == 1 ? "chair" : (i == 2 ? "secretary" : "member")
            #expect(try cli(["council", "add-member", "--name", "Thành viên \(i)", "--role", role, "--pin-stdin"], stdin: "pin\(i)\(i)\(i)\(i)\n") == "M0\(i)")
        }
        let session = try cli(["session", "open", "--year", "2019", "--by", "M01", "--pin-stdin"], stdin: "pin1111\n")
        #expect(session == "S2019-1")
        _ = try cli(["session", "attend", session, "M01", "M02", "M03", "M04", "M05", "--by", "M02", "--pin-stdin"], stdin: "pin2222\n")

        // Before any round opens, the council room's fixed kiosk command says so and exits (issue 18).
        let early = try Binary.run(["tui", "--kiosk", "open", "--db", db])
        #expect(early.status == 69 && early.stderr.contains("Chưa có vòng bỏ phiếu nào đang mở"), "\(early.stderr)")

        // The chair's console opens the round with the default parameters, after confirming.
        let chair = try Tmux.tui("--console \(session)", db: db)
        try chair.waitFor("Chưa mở vòng bỏ phiếu")
        #expect(try chair.screen().contains("5/5 có mặt — đủ 2/3 (4)"))
        try chair.type("o", thenWaitFor: "Xác nhận")
        // The chair signs with their PIN, shown as dots.
        try chair.type("y", thenWaitFor: "Enter ghi quyết định")
        try chair.type("pin1111")
        #expect(try !chair.screen().contains("pin1111"))
        var console = try chair.keys("Enter", thenWaitFor: "Vòng S2019-1-R1 — đang mở")
        #expect(console.contains("cần ít nhất 3 phiếu đồng ý"))
        #expect(console.contains("Đã bỏ phiếu: 0/5"))

        // Three members vote, one after another, at the kiosk.
        // `--kiosk open`: the one round open now, as a council room's ForceCommand starts it (docs/COUNCIL-ROOM.md).
        let kiosk = try Tmux.tui("--kiosk open", db: db)
        try kiosk.waitFor("M05")
        var receipts: [String] = []
        for (i, marks) in [(1, ["Space"]), (2, ["Space", "Down", "Space"]), (3, ["Down", "Space"])] {
            try kiosk.enter("M0\(i)", thenWaitFor: "Phiếu bầu của Thành viên \(i)")
            for k in marks { try kiosk.keys(k) }
            // Seats really open: the 4 names on the shortlist, not the 10 asked for by default.
            try kiosk.waitFor("Đã chọn \(marks.filter { $0 == "Space" }.count)/4")
            try kiosk.type("c", thenWaitFor: "Xem lại phiếu")
            try kiosk.keys("Enter", thenWaitFor: "Mã PIN:")
            let typed = try kiosk.type("pin\(i)\(i)\(i)\(i)", thenWaitFor: "Mã PIN: •••••••")
            #expect(!typed.contains("pin\(i)"))
            let shown = try kiosk.keys("Enter", thenWaitFor: "Mã biên nhận")
            // The receipt is drawn spaced out: "J N P J - 1 V 6 K - …".
            let line = try #require(shown.split(separator: "\n").first { $0.contains(" - ") && $0.contains("│") })
            let code = line.replacingOccurrences(of: "│", with: "").replacingOccurrences(of: " ", with: "")
            #expect(code.count == 19)
            receipts.append(code)
            try kiosk.keys("Enter")
            let cleared = try kiosk.waitUntil { $0.contains("Bỏ phiếu kín") && $0.contains("Đã bỏ phiếu: \(i)/5") }
            #expect(!cleared.contains("[✓]") && !cleared.contains("Mã biên nhận") && !cleared.contains(code.prefix(4) + " "))
        }

        // The console follows live, without a key: who voted, never how.
        console = try chair.waitFor("Đã bỏ phiếu: 3/5")
        #expect(console.components(separatedBy: "✓ đã bỏ phiếu").count - 1 == 3)
        let m04 = try #require(console.split(separator: "\n").first { $0.contains("M04") })
        #expect(m04.hasSuffix("—"))

        // The chair closes the round; the result shows the count and every receipt.
        let question = try chair.type("x", thenWaitFor: "Đóng vòng S2019-1-R1 và kiểm phiếu?")
        #expect(question.contains("Còn 2 thành viên có mặt chưa"))
        try chair.type("y", thenWaitFor: "Enter ghi quyết định")
        try chair.enter("pin1111")
        // The result is drawn over the closing PIN prompt: wait until the whole count shows, not just its title.
        let result = try chair.waitUntil { $0.contains("Kết quả kiểm phiếu vòng S2019-1-R1") && $0.contains("Trúng cử (0)")
            && receipts.allSatisfy($0.contains) }
        #expect(result.contains("Phiếu phát ra 5, thu về 3 (văn bản 0), hợp lệ 3"))
        #expect(result.contains("Mã phiếu (3)"))
        for r in receipts { #expect(result.contains(r)) }
        // First nominee: marked by members 1 and 2 → 2 approvals (40%), below the threshold of 3.
        #expect(result.contains("2 · 40,0%"))
        #expect(result.contains("Trúng cử (0)"))
        // The kiosk notices the round closed.
        try kiosk.waitFor("đã đóng")
        try chair.keys("F10")
        try kiosk.keys("F10")
        Thread.sleep(forTimeInterval: 0.2)
    }
}
