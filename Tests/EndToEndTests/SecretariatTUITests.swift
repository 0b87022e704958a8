import Foundation
import Testing

/// The secretariat's day in a real terminal (issue 19), checked through the command line's JSON: a nomination from
/// a profile, members added with drawn PINs read back from their slips, a session opened with the chair's PIN and
/// its roll taken with Space and the secretary's PIN.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is needed for the end-to-end terminal tests"))
struct SecretariatTUITests {
    /// A slip's Word text (its document.xml).
    static func slipText(_ file: String) throws -> String {
        try Program.documentXML(file)
    }

    /// The six digits after "Mã PIN:" in a slip's Word text.
    static func slipPIN(_ file: String) throws -> String {
        String(try #require(try slipText(file).firstMatch(of: /Mã PIN: (\d{6})/)).1)
    }

    @Test func renderProfileWithNThenEnterNominates() throws {
        let (_, db) = try Binary.database("render-nominate.sqlite")
        let list = try Binary.json(["candidates", "--eligible", "--year", "2020", "--json"], db: db) as! [[String: Any]]
        let id = try #require(list.first?["id"] as? String)
        let r = try Binary.succeeds(["render", "profile", id, "--year", "2020", "--size", "80x24", "--keys", "N<Enter>"], db: db)
        #expect(r.stdout.contains("Đã giới thiệu"), "\(r.stdout)")
        let noms = try Binary.json(["nominations", "--year", "2020", "--json"], db: db) as! [[String: Any]]
        #expect(noms.map { $0["id"] as? String } == [id])
        // The command line withdraws it, with a reason; a second time there is nothing to withdraw (65).
        #expect(try Binary.succeeds(["withdraw", id, "--year", "2020", "--reason", "Đơn vị xin rút"], db: db).stdout.contains("Đã rút"))
        #expect((try Binary.json(["nominations", "--year", "2020", "--json"], db: db) as! [Any]).isEmpty)
        #expect(try Binary.run(["withdraw", id, "--year", "2020", "--reason", "x", "--db", db]).status == 65)
        #expect(try Binary.run(["withdraw", id, "--year", "2020", "--reason", " ", "--db", db]).status == 65)
    }

    @Test func nominateAddMembersOpenASessionAndTakeTheRoll() throws {
        let (dir, db) = try Binary.database("secretariat.sqlite")
        // An eligible individual whose name the search finds once.
        let list = try Binary.json(["candidates", "--eligible", "--year", "2020", "--json"], db: db) as! [[String: Any]]
        let names = Dictionary(grouping: list.compactMap { $0["name"] as? String }, by: { $0 })
        let pick = try #require(list.first { ($0["kind"] as? String) == "individual" && names[$0["name"] as! String]?.count == 1 })
        let id = pick["id"] as! String, name = pick["name"] as! String

        let t = try Tmux.interface(db: db, year: 2020)
        // A nomination from the profile: N, then Enter.
        try t.type("/" + name, thenWaitFor: pick["unit_name"] as! String)
        try t.keys("Enter", thenWaitFor: "[\(id)]")
        try t.type("N", thenWaitFor: "Giới thiệu ứng viên")
        try t.keys("Enter", thenWaitFor: "Đã giới thiệu")
        let noms = try Binary.json(["nominations", "--year", "2020", "--json"], db: db) as! [[String: Any]]
        #expect(noms.map { $0["id"] as? String } == [id])
        // The roll-up lists it under its unit.
        try t.keys("Escape")
        try t.keys("Escape", thenWaitFor: "Chọn cấp")
        try t.type("n", thenWaitFor: "Tổng hợp giới thiệu năm 2020")
        try t.keys("Escape", thenWaitFor: "Chọn cấp")

        // Three members, the PINs drawn by the application and read from the slips.
        try t.type("vm", thenWaitFor: "Thành viên Hội đồng (0)")
        try t.addMembers([("Lê Văn Chủ", ["Left", "Left"]), ("Trần Thị Ký", ["Right"]), ("Hồ Văn Ba", [])])
        let members = try Binary.json(["council", "members", "--json"], db: db) as! [[String: Any]]
        #expect(members.map { $0["role"] as? String } == ["chair", "secretary", "member"])
        var pins: [String] = []
        for m in ["m01", "m02", "m03"] {
            let slip = dir.path + "/phieu-ma-pin-\(m).docx"
            #expect(try FileManager.default.attributesOfItem(atPath: slip)[.posixPermissions] as? Int == 0o600)
            pins.append(try Self.slipPIN(slip))
        }
        #expect(try !t.screen().contains(pins[0]))

        // A session for 2020, opened with the chair's PIN; the roll: two arrive.
        try t.keys("Escape", thenWaitFor: "Chưa có phiên họp")
        try t.type("o", thenWaitFor: "Mã PIN của Lê Văn Chủ")
        try t.type(pins[0])
        #expect(try !t.screen().contains(pins[0]))
        try t.keys("Enter", thenWaitFor: "Đã mở phiên họp S2020-1")
        try t.type("a", thenWaitFor: "Có mặt 0/3")
        try t.keys("Space")
        try t.keys("Space", thenWaitFor: "Có mặt 2/3 thành viên, cần ít nhất 2 — đủ túc số")
        try t.keys("Enter", thenWaitFor: "Mã PIN của Trần Thị Ký")
        try t.type(pins[1])
        try t.keys("Enter", thenWaitFor: "Đã ghi 2 người có mặt")
        let status = try Binary.succeeds(["session", "status", "S2020-1"], db: db).stdout
        #expect(status.contains("2/3") || status.contains("Có mặt 2"), "\(status)")
        try t.quit()
        // Every act is in the audit chain, which still verifies.
        #expect(try Binary.run(["audit", "verify", "--db", db]).status == 0)
    }
}
