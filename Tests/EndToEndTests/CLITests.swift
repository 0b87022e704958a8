import Foundation
import Testing

@Suite(.serialized) struct CLITests {
    let dir: URL
    let db: String

    init() throws { (dir, db) = try Binary.database("cli.sqlite") }

    func json(_ args: [String]) throws -> Any {
        let r = try Binary.run(args + ["--db", db, "--json"])
        #expect(r.status == 0, "\(args): \(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    @Test func unitCountsPerLevel() throws {
        let expected = ["high": 3, "provincial": 63, "district": 707]
        for (level, n) in expected {
            let units = try json(["units", "--level", level, "--year", "2020"]) as! [[String: Any]]
            #expect(units.count == n, "\(level)")
            #expect(units.allSatisfy { $0["level"] as? String == level && $0["code"] != nil && $0["name"] != nil })
        }
        let supreme = try json(["units", "--level", "supreme"]) as! [[String: Any]]
        #expect(supreme.first?["code"] as? String == "VKSTC")
    }

    @Test func searchIgnoresDiacritics() throws {
        let found = try json(["candidates", "--search", "nguyen van duc"]) as! [[String: Any]]
        #expect(found.contains { $0["name"] as? String == "Nguyễn Văn Đức" })
        for c in found { for key in ["id", "name", "level", "kind", "unit_code"] { #expect(c[key] != nil) } }
    }

    @Test func checkJSONShape() throws {
        let verdicts = try json(["check", "--year", "2019"]) as! [[String: Any]]
        #expect(!verdicts.isEmpty)
        let v = verdicts[0]
        #expect(v["year"] as? Int == 2019)
        #expect((v["parameters"] as? [String: Any])?["consecutive_years"] as? Int == 2)
        #expect((v["parameters"] as? [String: Any])?["min_initiatives"] as? Int == 2)
        let clauses = v["clauses"] as! [[String: Any]]
        #expect(clauses.first?["clause"] as? String == (v["kind"] as? String == "individual" ? "1.2a.base" : "1.2b.base"))
        #expect(verdicts.contains { $0["eligible"] as? Bool == true })
        #expect(verdicts.contains { $0["eligible"] as? Bool == false })
    }

    @Test func showPrintsProfileAndVerdict() throws {
        let list = try json(["candidates", "--kind", "individual"]) as! [[String: Any]]
        let id = list[0]["id"] as! String
        let r = try Binary.run(["show", id, "--db", db, "--year", "2020"])
        #expect(r.status == 0)
        // Each clause by the plan's wording and its place in the plan, not its code (issue 20).
        #expect(r.stdout.contains("(điểm 1.2a, câu đầu)") && !r.stdout.contains("1.2a.base"))
        #expect(r.stdout.contains("Tiêu chuẩn 1.2, năm xét 2020"))
        let missing = try Binary.run(["show", "NO-SUCH", "--db", db])
        #expect(missing.status == 66)
    }

    @Test func badImportExits65AndLeavesTheFileUnchanged() throws {
        let bad = dir.appendingPathComponent("bad.csv")
        try """
        id,kind,name,unit_code,complies_with_policy
        CN-X1,individual,Lê Thị Hạnh,VKST.99,true
        CN-X1,individual,Lê Thị Hạnh,VKSH.429,true
        CN-X2,individual,"Phạm Văn Tùng,VKSH.429,true
        """.write(to: bad, atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let r = try Binary.run(["import", "candidates", bad.path, "--db", db, "--lang", "en"])
        #expect(r.status == 65)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("bad.csv:2:4: unit_code: \"VKST.99\" is not a known unit"))
        #expect(lines.contains("bad.csv:3:1: id \"CN-X1\" repeats line 2"))
        #expect(lines.contains { $0.hasPrefix("bad.csv:4:3:") && $0.contains("never closed") })
        let after = try Data(contentsOf: URL(fileURLWithPath: db))
        #expect(before.count == after.count)
        #expect(before.elementsEqual(after), "the database file changed")
    }

    @Test func exportImportRoundTripThroughTheCLI() throws {
        let c = dir.appendingPathComponent("c.csv").path, a = dir.appendingPathComponent("a.csv").path
        #expect(try Binary.run(["export", "candidates", c, "--db", db]).status == 0)
        #expect(try Binary.run(["export", "achievements", a, "--db", db]).status == 0)
        let other = dir.appendingPathComponent("other.sqlite").path
        #expect(try Binary.run(["init", "--db", other]).status == 0)
        #expect(try Binary.run(["import", "candidates", c, "--db", other]).status == 0)
        #expect(try Binary.run(["import", "achievements", a, "--db", other]).status == 0)
        let c2 = try Binary.run(["export", "candidates", "-", "--db", other]).stdout
        let a2 = try Binary.run(["export", "achievements", "-", "--db", other]).stdout
        // Read as bytes: String(contentsOfFile:) would drop the BOM the export writes for Excel.
        let c1 = String(decoding: try Data(contentsOf: URL(fileURLWithPath: c)), as: UTF8.self)
        let a1 = String(decoding: try Data(contentsOf: URL(fileURLWithPath: a)), as: UTF8.self)
        #expect(c1.hasPrefix("\u{FEFF}id,kind,name"))
        #expect(c2.count == c1.count && c2 == c1, "candidates differ after a round trip")
        #expect(a2.count == a1.count && a2 == a1, "achievements differ after a round trip")
    }

    @Test func missingDatabaseIs66() throws {
        let r = try Binary.run(["units", "--db", dir.appendingPathComponent("nope.sqlite").path])
        #expect(r.status == 66)
        #expect(r.stderr.contains("nope.sqlite"))
    }

    @Test func usageErrorIs64() throws {
        let r = try Binary.run(["candidates", "--level", "galactic", "--db", db])
        #expect(r.status == 64)
    }
}
