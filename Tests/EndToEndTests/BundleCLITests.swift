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

    /// The province makes its key and hands the public half over; the centre enrolls it (issue 18).
    func enrollProvince() throws -> String {
        let made = try Binary.succeeds(["keys", "init", "--unit", "VKST.40"], db: source)
        let pub = dir.appendingPathComponent("nghean.pub").path
        try Binary.succeeds(["keys", "public", "--unit", "VKST.40", pub], db: source)
        let enrolled = try Binary.succeeds(["keys", "enroll", pub], db: centre)
        #expect(enrolled.lastLine == made.lastLine, "the fingerprint read back over the phone")
        return made.lastLine
    }

    @Test func exportImportTwiceThenCorrupt() throws {
        let fingerprint = try enrollProvince()
        let file = dir.appendingPathComponent("nghean-2019.dhb").path
        let e = try Binary.run(["export", "bundle", "--unit", "VKST.40", file, "--db", source, "--lang", "en"])
        #expect(e.status == 0, "\(e.stderr)")
        #expect(e.stdout.contains("bundle of VKST.40") && e.stdout.contains("Signed with key \(fingerprint), sequence number 1"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(String(decoding: bytes.prefix(18), as: UTF8.self) == "DIENHINH-BUNDLE 2 ")

        let first = try Binary.run(["import", "bundle", file, "--db", centre, "--lang", "en"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("0 identical, 0 conflicts"), "\(first.stdout)")
        #expect(first.stdout.contains("Signature valid: key \(fingerprint), bundle number 1"), "\(first.stdout)")
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

    /// Issue 18: a forged bundle (payload edited, checksum recomputed), one signed by another unit's key, a replayed
    /// older one and an unsigned one are each refused with exit 65, the centre's dump unchanged; a signed one merges.
    @Test func forgedOtherUnitsReplayedAndUnsignedBundlesAreRefused() throws {
        _ = try enrollProvince()
        let old = dir.appendingPathComponent("old.dhb").path, new = dir.appendingPathComponent("new.dhb").path
        try Binary.succeeds(["export", "bundle", "--unit", "VKST.40", old], db: source)
        try Binary.succeeds(["export", "bundle", "--unit", "VKST.40", new], db: source)
        try Binary.succeeds(["import", "bundle", new], db: centre)
        func dump() throws -> String { try Binary.sqlite(centre, ".dump") }
        func refused(_ file: String, _ expected: String) throws {
            let before = try dump()
            let r = try Binary.run(["import", "bundle", file, "--db", centre, "--lang", "en"])
            #expect(r.status == 65 && r.stderr.contains(expected), "\(file): \(r.status) \(r.stderr)")
            #expect(try dump() == before, "\(file) changed the centre")
        }
        try refused(old, "older than or reuses the number")

        // Forged: a name changed in the payload, the checksum and length recomputed, the signature kept.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: new))
        let nl = bytes.firstIndex(of: 0x0A)!
        var header = String(decoding: bytes[..<nl], as: UTF8.self)
        let text = String(decoding: bytes[(nl + 1)...], as: UTF8.self)
        let first = try #require(text.range(of: #""name":"[^"]+""#, options: .regularExpression))
        let forgedPayload = Data(text.replacingCharacters(in: first, with: #""name":"Nguyễn Văn Giả""#).utf8)
        let sum = SHA256Hex.of(forgedPayload)
        header = header.replacingOccurrences(of: #"sha256=[0-9a-f]+"#, with: "sha256=\(sum)", options: .regularExpression)
            .replacingOccurrences(of: #"length=\d+"#, with: "length=\(forgedPayload.count)", options: .regularExpression)
        let forged = dir.appendingPathComponent("forged.dhb")
        try (Data((header + "\n").utf8) + forgedPayload).write(to: forged)
        try refused(forged.path, "the signature does not match the content")

        // Signed with another unit's key, enrolled for that unit (Hà Tĩnh's key, relabelled to sign for Nghệ An).
        let other = dir.appendingPathComponent("hatinh.sqlite").path
        try Binary.succeeds(["init"], db: other)
        try Binary.succeeds(["keys", "init", "--unit", "VKST.42"], db: other)
        let pub = dir.appendingPathComponent("hatinh.pub").path
        try Binary.succeeds(["keys", "public", "--unit", "VKST.42", pub], db: other)
        try Binary.succeeds(["keys", "enroll", pub], db: centre)
        let stolen = try String(contentsOfFile: other + ".keys/VKST.42.key", encoding: .utf8).replacingOccurrences(of: "VKST.42", with: "VKST.40")
        try FileManager.default.removeItem(atPath: source + ".keys/VKST.40.key")
        try stolen.write(toFile: source + ".keys/VKST.40.key", atomically: true, encoding: .utf8)
        let wrongKey = dir.appendingPathComponent("wrong-key.dhb").path
        try Binary.succeeds(["export", "bundle", "--unit", "VKST.40", wrongKey], db: source)
        try refused(wrongKey, "is enrolled for VKST.42, not VKST.40")

        // Unsigned: refused unless the centre accepts the risk, which the audit log then records.
        let plain = dir.appendingPathComponent("plain.sqlite").path
        try Binary.succeeds(["init", "--demo", "--scale", "small"], db: plain)
        let unsigned = dir.appendingPathComponent("unsigned.dhb").path
        try Binary.succeeds(["export", "bundle", "--unit", "VKST.40", unsigned], db: plain)
        try refused(unsigned, "the bundle is not signed")
        let accepted = try Binary.succeeds(["import", "bundle", unsigned, "--accept-unsigned", "--lang", "en"], db: centre)
        #expect(accepted.stdout.contains("Unsigned bundle, merged because of --accept-unsigned"))
        #expect(try Binary.sqlite(centre, "SELECT count(*) FROM audit_log WHERE action = 'bundle.unsigned_accepted'") == "1")
        // The records the signed bundle added name its key.
        #expect(try Binary.sqlite(centre, "SELECT count(*) FROM achievement WHERE signed_key IS NULL AND entered_unit <> 'VKSTC.V16'") != "")
        #expect(Int(try Binary.sqlite(centre, "SELECT count(*) FROM achievement WHERE signed_key IS NOT NULL"))! > 0)
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

/// SHA-256 in lower-case hex, as a bundle header writes it (CryptoKit is not a dependency of these tests).
enum SHA256Hex {
    static func of(_ data: Data) -> String {
        String(((try? Program.run("/usr/bin/sha256sum", [], input: data).text) ?? "").prefix(64))
    }
}
