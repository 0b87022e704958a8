import Foundation
import Testing

/// A province's bundle from one database to another through the command line.
@Suite(.serialized) struct BundleCLITests {
    let dir: URL
    let source: String
    let centre: String

    init() throws {
        dir = try Binary.tempDir()
        source = dir.appendingPathComponent("nghean.sqlite").path
        centre = dir.appendingPathComponent("centre.sqlite").path
        #expect(try Binary.run(["init", "--db", source, "--demo", "--scale", "small"]).status == 0)
        #expect(try Binary.run(["init", "--db", centre]).status == 0)
    }

    @Test func exportImportTwiceThenCorrupt() throws {
        let file = dir.appendingPathComponent("nghean-2019.dhb").path
        let e = try Binary.run(["export", "bundle", "--unit", "VKST.40", file, "--db", source, "--lang", "en"])
        #expect(e.status == 0, "\(e.stderr)")
        #expect(e.stdout.contains("bundle of VKST.40"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(String(decoding: bytes.prefix(18), as: UTF8.self) == "DIENHINH-BUNDLE 1 ")

        let first = try Binary.run(["import", "bundle", file, "--db", centre, "--lang", "en"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("0 identical, 0 conflicts"), "\(first.stdout)")
        let second = try Binary.run(["import", "bundle", file, "--db", centre, "--lang", "en"])
        #expect(second.status == 0)
        #expect(second.stdout.contains(": 0 added,"), "\(second.stdout)")

        // The records keep the provenance of the database that entered them.
        let list = try Binary.run(["candidates", "--unit", "VKST.40", "--json", "--db", centre])
        let ids = (try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        let id = try #require(ids.first)
        let show = try Binary.run(["show", id, "--json", "--db", centre])
        let profile = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any]
        let records = profile?["achievements"] as? [[String: Any]] ?? []
        #expect(!records.isEmpty && records.allSatisfy { $0["entered_by"] as? String == "demo" && $0["entered_unit"] != nil })

        var bad = bytes
        bad[bad.count / 2] ^= 0x20
        let corrupt = dir.appendingPathComponent("corrupt.dhb")
        try bad.write(to: corrupt)
        let before = try Data(contentsOf: URL(fileURLWithPath: centre))
        let r = try Binary.run(["import", "bundle", corrupt.path, "--db", centre, "--lang", "en"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("corrupt.dhb: the bundle is corrupt"), "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: centre)) == before)

        let cut = dir.appendingPathComponent("cut.dhb")
        try bytes.prefix(bytes.count - 100).write(to: cut)
        let t = try Binary.run(["import", "bundle", cut.path, "--db", centre, "--lang", "en"])
        #expect(t.status == 65 && t.stderr.contains("truncated"))
    }

    @Test func bundleNeedsAUnit() throws {
        let r = try Binary.run(["export", "bundle", dir.appendingPathComponent("x.dhb").path, "--db", source, "--lang", "en"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--unit"))
        let u = try Binary.run(["export", "bundle", "--unit", "VKST.99", dir.appendingPathComponent("x.dhb").path, "--db", source])
        #expect(u.status == 65)
    }

    @Test func refusedImportWritesTheFullReport() throws {
        let bad = dir.appendingPathComponent("bad.csv")
        var lines = ["candidate_id,year,type"]
        for i in 0..<30 { lines.append("NOBODY-\(i),2019,HTXSNV") }
        try lines.joined(separator: "\n").write(to: bad, atomically: true, encoding: .utf8)
        let report = dir.appendingPathComponent("errors.txt").path
        let r = try Binary.run(["import", "achievements", bad.path, "--errors-out", report, "--db", centre, "--lang", "en"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("… and 10 more errors"))
        #expect(r.stderr.contains("full report is in"))
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 31)
        let good = dir.appendingPathComponent("good.csv")
        try "candidate_id,year,type\n".write(to: good, atomically: true, encoding: .utf8)
        let ok = try Binary.run(["import", "achievements", good.path, "--db", centre, "--lang", "en"])
        #expect(ok.status == 0)
        #expect(ok.stderr.contains("0 rows in"))
    }
}
