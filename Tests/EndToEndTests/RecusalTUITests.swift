import Foundation
import Testing

/// Issue 19 at the voting kiosk: under a round opened with `--conflicts recuse`, a member of a nominee's unit
/// sees that nominee barred (⛔, [—]), Space on it is refused with a message, and the member still votes for
/// another; the command line refuses the same mark for a second such member (65); the minutes name both.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is needed for the end-to-end terminal tests"))
struct RecusalTUITests {
    @Test func recusedCandidateCannotBeMarkedAtTheKiosk() throws {
        let (_, db) = try Binary.database("recusal.sqlite")
        func cli(_ args: [String], stdin: String? = nil) throws -> String { try Binary.succeeds(args, db: db, stdin: stdin).lastLine }
        func sql(_ q: String) throws -> String { try Binary.sqlite(db, q) }
        // Four eligible nominees within the unit quota (1 collective, 2 individuals).
        let nominees = try Binary.nominateEligible(4, year: 2019, db: db)
        #expect(nominees.count == 4)
        // The recused nominee: one whose unit has no unit under it, so another unit's nominee stays free.
        let a = try #require(try nominees.first { id in
            try sql("SELECT COUNT(*) FROM unit WHERE parent_code = (SELECT unit_code FROM candidate WHERE id = '\(id)')") == "0"
        })
        let unit = try sql("SELECT unit_code FROM candidate WHERE id = '\(a)'")
        let aName = try sql("SELECT name FROM candidate WHERE id = '\(a)'")
        // M03 and M04 work in that unit.
        for i in 1...4 {
            let role = i == 1 ? "chair" : (i == 2 ? "secretary" : "member")
            let extra = i >= 3 ? ["--unit", unit] : []
            #expect(try cli(["council", "add-member", "--name", "Thành viên \(i)", "--role", role, "--pin-stdin"] + extra,
                            stdin: "pin\(i)\(i)\(i)\(i)\n") == "M0\(i)")
        }
        let session = try cli(["session", "open", "--year", "2019", "--by", "M01", "--pin-stdin"], stdin: "pin1111\n")
        _ = try cli(["session", "attend", session, "M01", "M02", "M03", "M04", "--by", "M02", "--pin-stdin"], stdin: "pin2222\n")
        let opened = try Binary.succeeds(["round", "open", session, "--min", "1", "--max", "2", "--conflicts", "recuse",
                                          "--by", "M01", "--pin-stdin"], db: db, stdin: "pin1111\n")
        #expect(opened.stdout.contains("không được chọn người có xung đột"))
        let round = opened.lastLine
        // The ballot's order, and a nominee M03 may mark.
        let order = try sql("SELECT candidate_id FROM round_candidate WHERE round_id = '\(round)' ORDER BY position").split(separator: "\n").map(String.init)
        #expect(order.count == 4)
        let ia = try #require(order.firstIndex(of: a))
        let recused = Set(try sql("SELECT candidate_id FROM round_conflict WHERE round_id = '\(round)' AND member_id = 'M03'").split(separator: "\n").map(String.init))
        #expect(recused.contains(a))
        let ic = try #require(order.firstIndex { !recused.contains($0) })

        // M03 at the kiosk: the nominee of their unit is barred on the card.
        let kiosk = try Tmux.tui("--kiosk open", db: db)
        try kiosk.waitFor("M04")
        var screen = try kiosk.enter("M03", thenWaitFor: "Phiếu bầu của Thành viên 3")
        let card = try #require(screen.split(separator: "\n").first { $0.contains("\(ia + 1). \(aName.prefix(8))") })
        #expect(card.contains("[—] \(ia + 1). "), "\(card)")
        #expect(card.contains("⛔ không được chọn: cùng đơn vị"), "\(card)")
        #expect(screen.contains("Đã chọn 0/2"))
        // Space on it is refused, with the reason on the status line; nothing is marked.
        for _ in 0..<ia { try kiosk.keys("Down") }
        screen = try kiosk.keys("Space", thenWaitFor: "Xung đột lợi ích với \(aName): không được chọn.")
        #expect(screen.contains("Đã chọn 0/2"))
        #expect(!screen.contains("[✓]"))
        // Another nominee can be marked, and the ballot cast.
        for _ in 0..<abs(ic - ia) { try kiosk.keys(ic > ia ? "Down" : "Up") }
        screen = try kiosk.keys("Space", thenWaitFor: "Đã chọn 1/2")
        let marked = try #require(screen.split(separator: "\n").first { $0.contains("[✓]") })
        #expect(marked.contains("[✓] \(ic + 1). "), "\(marked)")
        try kiosk.type("c", thenWaitFor: "Xem lại phiếu")
        try kiosk.keys("Enter", thenWaitFor: "Mã PIN:")
        try kiosk.type("pin3333", thenWaitFor: "Mã PIN: •••••••")
        try kiosk.keys("Enter", thenWaitFor: "Mã biên nhận")
        try kiosk.keys("Enter")
        try kiosk.waitUntil { $0.contains("Bỏ phiếu kín") && $0.contains("Đã bỏ phiếu: 1/4") }
        #expect(try sql("SELECT COUNT(*) FROM ballot") == "1")

        // M04 through the command line: the same mark is refused (65) and nothing is written.
        let refused = try Binary.run(["vote", round, "--member", "M04", "--pin-stdin", "--approve", a, "--db", db], stdin: "pin4444\n")
        #expect(refused.status == 65, "\(refused.stderr)")
        #expect(refused.stderr.contains("xung đột lợi ích với \(a) và vòng \(round) không cho chọn người có xung đột: phiếu không được ghi."), "\(refused.stderr)")
        #expect(try sql("SELECT COUNT(*) FROM ballot") == "1")
        // M04 may still mark a nominee they are free of; the chair and the secretary mark the recused one.
        _ = try cli(["vote", round, "--member", "M04", "--pin-stdin", "--approve", order[ic]], stdin: "pin4444\n")
        _ = try cli(["vote", round, "--member", "M01", "--pin-stdin", "--approve", a], stdin: "pin1111\n")
        _ = try cli(["vote", round, "--member", "M02", "--pin-stdin", "--approve", a], stdin: "pin2222\n")
        #expect(try sql("SELECT COUNT(*) FROM ballot") == "4")

        // The count minutes name who recused from whom.
        _ = try cli(["round", "close", round, "--by", "M01", "--pin-stdin"], stdin: "pin1111\n")
        try kiosk.waitFor("đã đóng")
        let minutes = try Binary.succeeds(["round", "minutes", round], db: db).stdout
        #expect(minutes.contains("## Xung đột lợi ích"))
        #expect(minutes.contains("Quy định của vòng: không được chọn người có xung đột"))
        for m in ["Thành viên 3 (M03)", "Thành viên 4 (M04)"] {
            #expect(minutes.contains("\(m) — \(aName) (\(a)): ứng viên thuộc đơn vị của thành viên hoặc đơn vị trực thuộc; thành viên không bỏ phiếu cho ứng viên này"), "\(minutes)")
        }
        #expect(!minutes.contains("Thành viên 1 (M01) — ") && !minutes.contains("Thành viên 2 (M02) — "))
        try kiosk.keys("F10")
        Thread.sleep(forTimeInterval: 0.2)
    }
}
