import Foundation
import Testing

/// The sector as it is today, through the binary: units by year, the units import, plans and the screens.
@Suite(.serialized) struct SectorTodayTests {
    static func json(_ r: Binary.Result) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
    }

    @Test func unitsByYearAndTheRegionalImport() throws {
        let (dir, db) = try Binary.database("u.sqlite", demo: false)
        let p2020 = try Self.json(try Binary.run(["units", "--db", db, "--level", "provincial", "--year", "2020", "--json"]))
        #expect(p2020.count == 63)
        let p2026 = try Self.json(try Binary.run(["units", "--db", db, "--level", "provincial", "--year", "2026", "--json"]))
        #expect(p2026.count == 34)
        #expect(p2026.allSatisfy { ($0["formed_from"] as? [String])?.isEmpty == false && $0.keys.contains("valid_to") })
        let ha = try #require(p2020.first { $0["code"] as? String == "VKST.02" })
        #expect(ha["successors"] as? [String] == ["VKST.2025.08"] && ha["valid_to"] as? String == "2025-06-30")
        for level in ["high", "district", "regional"] {
            #expect(try Self.json(try Binary.run(["units", "--db", db, "--level", level, "--year", "2026", "--json"])).isEmpty)
        }
        let file = dir.appendingPathComponent("regional.csv")
        try """
            code,name,level,parent_code,valid_from,valid_to,succeeds
            VKSKV.40.01,VKSND khu vực 1 – Nghệ An,regional,VKST.40,2025-07-01,,VKSH.412 VKSH.429
            VKSKV.08.01,VKSND khu vực 1 – Tuyên Quang,regional,VKST.2025.08,2025-07-01,,VKSH.024

            """.write(to: file, atomically: true, encoding: .utf8)
        #expect(try Binary.run(["import", "units", file.path, "--db", db]).status == 0)
        let regional = try Self.json(try Binary.run(["units", "--db", db, "--level", "regional", "--year", "2026", "--json"]))
        #expect(regional.map { $0["code"] as? String } == ["VKSKV.40.01", "VKSKV.08.01"])
        #expect(regional.allSatisfy { $0["demo"] as? Bool == false })
        // A bad file: exit 65, positions, the database file unchanged.
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        try "code,name,level,parent_code,valid_from,valid_to,succeeds\nVKSKV.1,X,regional,VKST.99,2025-07-01,,\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let bad = try Binary.run(["import", "units", file.path, "--db", db, "--lang", "en"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("regional.csv:2:4:"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test func checkRefusesAYearNoPlanCovers() throws {
        let (dir, db) = try Binary.database("p.sqlite")
        let none = try Binary.run(["check", "--db", db, "--year", "2026", "--lang", "en"])
        #expect(none.status == 69)
        #expect(none.stderr.contains("No plan covers 2026") && none.stderr.contains("plan-2017-2020 (2017–2020)"))
        #expect(try Binary.run(["check", "--db", db, "--year", "2026", "--plan", "plan-2017-2020"]).status == 0)
        let list = try Self.json(try Binary.run(["plan", "list", "--db", db, "--json"]))
        #expect(list.map { $0["id"] as? String } == ["plan-2017-2020"])
        #expect(list.first?["from_year"] as? Int == 2017 && list.first?["to_year"] as? Int == 2020)
        let out = dir.appendingPathComponent("next.json").path
        #expect(try Binary.run(["plan", "new", "--db", db, "--from", "plan-2017-2020", "--years", "2026-2030", "--out", out]).status == 0)
        #expect(try Binary.run(["plan", "import", out, "--db", db]).status == 0)
        #expect(try Binary.run(["check", "--db", db, "--year", "2026"]).status == 0)
        #expect(try Binary.run(["plan", "import", out, "--db", db]).status == 65)
    }

    /// Nothing applies the 2017–2020 rules to 2025 by itself: no marks in the list, no verdict in the profile.
    @Test func aYearNoPlanCoversIsNotJudgedOnScreen() throws {
        let (_, db) = try Binary.database("s.sqlite")
        let list = try Binary.run(["render", "browse", "--db", db, "--year", "2025", "--keys", "/nghi loc<Enter>"]).stdout
        // Rows carry "✓ " / "✗ " or "✓★" marks; the key legend's "✓ đủ" is not a row.
        #expect(list.contains("·  VKSND huyện Nghi Lộc"))
        #expect(!["✓  ", "✓★", "✗  ", "✗★"].contains { list.contains($0) })
        let judged = try Binary.run(["render", "browse", "--db", db, "--year", "2020", "--keys", "/nghi loc<Enter>"]).stdout
        #expect(judged.contains("✓  VKSND huyện Nghi Lộc"))
        let profile = try Binary.run(["render", "profile", "CN-H429-0002", "--db", db, "--year", "2025"]).stdout
        #expect(profile.contains("Năm 2025 chưa có kế hoạch nào áp dụng"))
        let show = try Binary.run(["show", "CN-H429-0002", "--db", db, "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any]
        #expect(json?["verdict"] is NSNull && (json?["no_plan"] as? String)?.contains("plan-2017-2020") == true)
    }

    @Test func levelsScreenAndDashboardByYear() throws {
        let (_, db) = try Binary.database("tui.sqlite")
        let t = try Tmux(command: "env DIENHINH_DB=\(db) \(Binary.path) tui --year 2026")
        let screen = try t.waitFor("VKSND khu vực")
        #expect(screen.contains("3. VKSND khu vực") && !screen.contains("VKSND cấp huyện") && !screen.contains("4. VKSND"))
        // The people of the ceased High procuracy stay in view: the last entry opens them.
        try t.type("4", thenWaitFor: "chưa có đơn vị kế thừa")
        #expect(try t.keys("Enter", thenWaitFor: "ứng viên").contains("cấp cao"))
        try t.keys("Escape")
        try t.keys("Escape", thenWaitFor: "Chọn cấp")
        // Back through the years to 2020: four levels again.
        try t.type("[[[[[[", thenWaitFor: "Năm xét: 2020")
        #expect(try t.waitFor("4. VKSND cấp huyện").contains("2. VKSND cấp cao"))
        try t.type("]]]]]]", thenWaitFor: "Năm xét: 2026")
        // The dashboard of 2026 says no plan covers it.
        #expect(try t.type("b", thenWaitFor: "chưa có kế hoạch nào áp dụng").contains("plan-2017-2020"))
        try t.keys("Escape")
        try t.type("[[[[[[", thenWaitFor: "Năm xét: 2020")
        try t.type("b", thenWaitFor: "Kế hoạch áp dụng năm 2020")
        try t.type("q")
    }
}
