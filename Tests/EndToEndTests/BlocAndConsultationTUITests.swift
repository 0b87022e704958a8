import Foundation
import Testing

/// Issue 17 in real terminals: a bloc's members vote for the sector flag at the council's kiosk, and the chair's
/// console refuses a round whose shortlist holds a proposal not yet posted for public comment.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is needed for the end-to-end terminal tests"))
struct BlocAndConsultationTUITests {
    @Test func aBlocVotesTheSectorFlagAtTheKioskAndPutsItsLeaderForward() throws {
        let (dir, db) = try Binary.database("bloc.sqlite")
        func cli(_ args: [String], stdin: String? = nil) throws -> String { try Binary.succeeds(args, db: db, stdin: stdin).lastLine }
        // Five units of the small demo that have a collective, each in the bloc with its delegate.
        let list = try Binary.json(["candidates", "--json"], db: db) as! [[String: Any]]
        var units: [String] = []
        for c in list where (c["kind"] as? String) == "collective" && units.count < 5 {
            let u = c["unit_code"] as! String
            if !units.contains(u) { units.append(u) }
        }
        #expect(units.count == 5, "\(units)")
        try cli(["bloc", "define", "KHOI1", "--name", "Khối thi đua số 1", "--year", "2019", "--lead", units[0], "--units", units.joined(separator: ",")])
        var pins: [String] = []
        for (i, u) in units.enumerated() {
            let slip = dir.path + "/slip-\(i).docx"
            let id = try cli(["bloc", "add-delegate", "KHOI1", "--year", "2019", "--unit", u, "--name", "Đại diện \(i + 1)", "--slip", slip]
                             + (i == 1 ? ["--secretary"] : []))
            #expect(id == "M0\(i + 1)")
            pins.append(try SecretariatTUITests.slipPIN(slip))
        }
        let listing = try Binary.succeeds(["bloc", "list", "--year", "2019"], db: db).stdout
        #expect(listing.contains("Khối thi đua số 1") && listing.contains("Đại diện 5"), "\(listing)")
        let session = try cli(["bloc", "open-session", "KHOI1", "--year", "2019", "--by", "M01", "--pin-stdin"], stdin: pins[0] + "\n")
        #expect(session == "KHOI1-2019-1")
        try cli(["session", "attend", session, "M01", "M02", "M03", "M04", "M05", "--by", "M02", "--pin-stdin"], stdin: pins[1] + "\n")
        let round = try cli(["round", "open", session, "--award", "CO_NGANH", "--min", "1", "--max", "1", "--by", "M01", "--pin-stdin"],
                            stdin: pins[0] + "\n")

        // Four delegates approve the first name on the ballot at the kiosk, the fifth leaves it blank.
        let kiosk = try Tmux.tui("--kiosk open", db: db)
        try kiosk.waitFor("M05")
        for i in 1...5 {
            try kiosk.enter("M0\(i)", thenWaitFor: "Phiếu bầu của Đại diện \(i)")
            if i < 5 { try kiosk.keys("Space"); try kiosk.waitFor("Đã chọn 1/1") }
            try kiosk.type("c", thenWaitFor: "Xem lại phiếu")
            try kiosk.keys("Enter", thenWaitFor: "Mã PIN:")
            try kiosk.type(pins[i - 1])
            try kiosk.keys("Enter", thenWaitFor: "Mã biên nhận")
            try kiosk.keys("Enter")
            try kiosk.waitUntil { $0.contains("Đã bỏ phiếu: \(i)/5") }
        }
        try cli(["round", "close", round, "--by", "M01", "--pin-stdin"], stdin: pins[0] + "\n")
        try kiosk.waitFor("đã đóng")
        try kiosk.keys("F10")
        let result = try Binary.json(["round", "result", round, "--json"], db: db) as! [String: Any]
        // 4 of all 5 members: 80%, at least the share the rule set names for the flag.
        #expect(result["required"] as? Int == 4 && result["members"] as? Int == 5, "\(result)")
        let elected = try #require(result["elected"] as? [String])
        #expect(elected.count == 1)
        try cli(["round", "certify", round, "--by", "M01", "--pin-stdin"], stdin: pins[0] + "\n")
        let proposals = (try Binary.json(["proposals", "--year", "2019", "--json"], db: db) as! [String: Any])["proposals"] as! [[String: Any]]
        #expect(proposals.contains { $0["id"] as? String == elected[0] && $0["award"] as? String == "CO_NGANH" && $0["round"] as? String == round },
                "\(proposals)")
        #expect(try Binary.run(["audit", "verify", "--db", db]).status == 0)
    }

    @Test func theConsoleRefusesARoundWhoseProposalWasNotPosted() throws {
        let (_, db) = try Binary.database("consult.sqlite")
        func cli(_ args: [String], stdin: String? = nil) throws -> String { try Binary.succeeds(args, db: db, stdin: stdin).lastLine }
        let list = try Binary.json(["candidates", "--eligible", "--year", "2019", "--json"], db: db) as! [[String: Any]]
        let id = try #require(list.first { ($0["kind"] as? String) == "individual" }?["id"] as? String)
        try cli(["nominate", id, "--year", "2019"])
        // Proposed for the Labour Order, which needs a public posting before the council votes.
        try cli(["propose", id, "--award", "HCLD", "--year", "2019"])
        for i in 1...3 {
            let role = i == 1 ? "chair" : (i == 2 ? "secretary" : "member")
            _ = try cli(["council", "add-member", "--name", "Thành viên \(i)", "--role", role, "--pin-stdin"], stdin: "pin\(i)\(i)\(i)\(i)\n")
        }
        let session = try cli(["session", "open", "--year", "2019", "--by", "M01", "--pin-stdin"], stdin: "pin1111\n")
        try cli(["session", "attend", session, "M01", "M02", "M03", "--by", "M02", "--pin-stdin"], stdin: "pin2222\n")

        let chair = try Tmux.tui("--console \(session)", db: db)
        try chair.waitFor("Chưa mở vòng bỏ phiếu")
        try chair.type("o", thenWaitFor: "Xác nhận")
        try chair.type("y", thenWaitFor: "Enter ghi quyết định")
        try chair.type("pin1111")
        let refused = try chair.keys("Enter", thenWaitFor: "chưa được đăng công khai")
        #expect(refused.contains("lấy ý kiến công khai"), "\(refused)")
        #expect(!refused.contains("đang mở"))
        try chair.keys("F10")
        // The command line says the same, exit 69, and nothing was opened.
        let r = try Binary.run(["round", "open", session, "--by", "M01", "--pin-stdin", "--db", db], stdin: "pin1111\n")
        #expect(r.status == 69 && r.stderr.contains("chưa được đăng công khai"), "\(r.stderr)")
        #expect(try Binary.sqlite(db, "SELECT COUNT(*) FROM round").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        // Once posted and the posting over, the same round opens.
        try cli(["consult", "post", id, "--award", "HCLD", "--year", "2019", "--start", "2019-11-01", "--end", "2019-11-15",
                 "--channel", "Cổng thông tin điện tử VKSND tối cao"])
        let opened = try cli(["round", "open", session, "--min", "1", "--max", "1", "--by", "M01", "--pin-stdin"], stdin: "pin1111\n")
        #expect(opened == "\(session)-R1")
    }
}
