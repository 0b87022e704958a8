import DienHinhCore
import Foundation
import Testing

/// Issue 14: who is at the keyboard is named on what they enter and on the bundles they send.
@Suite struct OperatorCLITests {
    @Test func recordsAndBundlesNameTheirOperator() throws {
        let dir = try Binary.tempDir()
        let unitDB = dir.appendingPathComponent("unit.sqlite").path
        let centreDB = dir.appendingPathComponent("centre.sqlite").path
        let clerk = ["DIENHINH_CONFIG_HOME": dir.appendingPathComponent("clerk").path]
        let secretary = ["DIENHINH_CONFIG_HOME": dir.appendingPathComponent("secretary").path]
        for db in [unitDB, centreDB] { #expect(try Binary.run(["init", "--db", db]).status == 0) }
        #expect(try Binary.run(["operator", "show"], env: clerk).status == 66)
        #expect(try Binary.run(["operator", "set", "--name", "Nguyễn Thị Hạnh", "--unit", "NOPE", "--role", "Văn thư",
                                "--db", unitDB], env: clerk).status == 65)
        // Held to the limits a bundle's envelope is checked by: a name the centre would refuse is refused here.
        let long = try Binary.run(["operator", "set", "--name", String(repeating: "Hạnh ", count: 41), "--unit", "VKSH.429",
                                   "--role", "Văn thư", "--db", unitDB, "--lang", "en"], env: clerk)
        #expect(long.status == 65 && long.stderr.contains("--name: 204 characters, at most 200"), "\(long.stderr)")
        let oddUnit = try Binary.run(["operator", "set", "--name", "Hạnh", "--unit", "VKSH 429", "--role", "Văn thư",
                                      "--db", unitDB, "--lang", "en"], env: clerk)
        #expect(oddUnit.status == 65 && oddUnit.stderr.contains("--unit"), "\(oddUnit.stderr)")
        #expect(try Binary.run(["operator", "show"], env: clerk).status == 66)
        let set = try Binary.run(["operator", "set", "--name", "Nguyễn Thị Hạnh", "--unit", "VKSH.429", "--role", "Văn thư",
                                  "--db", unitDB], env: clerk)
        #expect(set.status == 0, "\(set.stderr)")
        let shown = try Binary.run(["operator", "show", "--json"], env: clerk)
        #expect(shown.stdout.contains("\"name\":\"Nguyễn Thị Hạnh\"") || shown.stdout.contains("\"name\" : \"Nguyễn Thị Hạnh\""))
        let file = dir.appendingPathComponent("clerk/operator.json").path
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        let c = dir.appendingPathComponent("c.csv")
        try "id,kind,name,unit_code,complies_with_policy\nCN-X1,individual,Trần Văn Bình,VKSH.429,true\n".write(to: c, atomically: true, encoding: .utf8)
        #expect(try Binary.run(["import", "candidates", c.path, "--db", unitDB], env: clerk).status == 0)
        let profile = try Binary.run(["show", "CN-X1", "--db", unitDB], env: clerk).stdout
        #expect(profile.contains("Nhập bởi Nguyễn Thị Hạnh (VKSH.429) lúc"))

        let bundle = dir.appendingPathComponent("b.dhb").path
        let exported = try Binary.run(["export", "bundle", "--unit", "VKSH.429", bundle, "--db", unitDB], env: clerk)
        #expect(exported.status == 0, "\(exported.stderr)")
        let merged = try Binary.run(["import", "bundle", bundle, "--db", centreDB, "--accept-unsigned"], env: secretary)
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("bởi Nguyễn Thị Hạnh"))
        let atCentre = try Binary.run(["show", "CN-X1", "--db", centreDB], env: secretary).stdout
        #expect(atCentre.contains("Nhập bởi Nguyễn Thị Hạnh (VKSH.429)"))

        // A nomination names who entered it, in the listing and its JSON (CN-X1 has no record: a written reason).
        let nominated = try Binary.run(["nominate", "CN-X1", "--year", "2019", "--override-reason", "Thử", "--db", unitDB], env: clerk)
        #expect(nominated.status == 0, "\(nominated.stderr)")
        let listed = try Binary.run(["nominations", "--year", "2019", "--db", unitDB], env: clerk).stdout
        #expect(listed.contains("nhập bởi Nguyễn Thị Hạnh (VKSH.429)"), "\(listed)")
        let json = try JSONSerialization.jsonObject(with: Data(try Binary.run(
            ["nominations", "--year", "2019", "--json", "--db", unitDB], env: clerk).stdout.utf8)) as? [[String: Any]]
        #expect(json?.first?["nominated_by"] as? String == "Nguyễn Thị Hạnh" && json?.first?["nominated_unit"] as? String == "VKSH.429")
        let audit = try Binary.sqlite(unitDB, "SELECT actor FROM audit_log WHERE action = 'nominate';")
        #expect(audit == "Nguyễn Thị Hạnh")
    }

    /// The terminal's first start with no operator: asked on the plain terminal before the interface opens,
    /// each answer checked (an unknown unit asked again), saved, and not asked again; an empty name skips.
    @Test(.enabled(if: Tmux.available)) func theTerminalAsksWhoIsAtTheKeyboardOnFirstStart() throws {
        let (dir, db) = try Binary.database("first.sqlite")
        let config = dir.appendingPathComponent("config").path
        func start() throws -> Tmux {
            try Tmux(width: 120, height: 30,
                     command: "DIENHINH_CONFIG_HOME=\(Tmux.quote(config)) \(Tmux.quote(Binary.path)) --db \(Tmux.quote(db)); echo EXIT=$?; sleep 30")
        }
        var t = try start()
        try t.waitFor("Họ và tên:")
        try t.enter("  Nguyễn Thị Hạnh ", thenWaitFor: "Mã đơn vị (ví dụ VKSH.429):")
        try t.enter("VKSH.999", thenWaitFor: "không có đơn vị mã \"VKSH.999\"")
        try t.enter("VKSH 429", thenWaitFor: "Mã đơn vị: ký tự U+0020 ở vị trí 5 không được phép")
        try t.enter("VKSH.429", thenWaitFor: "Vai trò (ví dụ Văn thư):")
        // The interface opens saying who is now stamped on what is entered.
        let opened = try t.enter("Văn thư", thenWaitFor: "Các cấp")
        #expect(opened.contains("Người nhập: Nguyễn Thị Hạnh (VKSH.429), Văn thư") && !opened.contains("Ghi tại"), "\(opened)")
        try t.quit()
        let saved = try JSONDecoder().decode(Operator.self, from: Data(contentsOf: URL(fileURLWithPath: config + "/operator.json")))
        #expect(saved == Operator(name: "Nguyễn Thị Hạnh", unit: "VKSH.429", role: "Văn thư"))

        // Asked once: the next start opens straight on the interface.
        t = try start()
        let screen = try t.waitFor("Các cấp")
        #expect(!screen.contains("Họ và tên"))
        try t.quit()

        // An empty name skips; nothing is saved, and the question comes again.
        try FileManager.default.removeItem(atPath: config)
        t = try start()
        try t.waitFor("Họ và tên:")
        try t.keys("Enter", thenWaitFor: "Các cấp")
        let end = try t.quit()
        #expect(end.contains("lần mở sau sẽ hỏi lại"))
        #expect(!FileManager.default.fileExists(atPath: config + "/operator.json"))
    }
}
