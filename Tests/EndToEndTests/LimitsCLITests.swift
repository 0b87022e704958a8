import Foundation
import Testing

/// The shared input limits as a clerk meets them at the command line: each hostile file refused with its
/// position and the database left byte-identical; exports a spreadsheet cannot run; arguments held to the same rules.
@Suite struct LimitsCLITests {
    static let header = "id,kind,name,unit_code,position,complies_with_policy"

    func database(_ dir: URL) throws -> String {
        let db = dir.appendingPathComponent("limits.sqlite").path
        #expect(try Binary.run(["init", "--db", db]).status == 0)
        return db
    }

    @Test func hostileFilesAreRefusedWithTheirPositionAndChangeNothing() throws {
        let dir = try Binary.tempDir()
        let db = try database(dir)
        let cases: [(String, Data, String)] = [
            ("long.csv", Data((Self.header + "\nCN-1,individual," + String(repeating: "Đ", count: 202) + ",VKSH.429,,true\n").utf8),
             "long.csv:2:3: name: 202 characters, at most 200"),
            ("marks.csv", Data((Self.header + "\nCN-1,individual,L" + String(repeating: "\u{301}", count: 10_000) + ",VKSH.429,,true\n").utf8),
             "marks.csv:2:3: the field has 20001 bytes, over the limit of 16384"),
            ("nul.csv", Data((Self.header + "\nCN-1,individual,Nguy\0n,VKSH.429,,true\n").utf8),
             "nul.csv:2:3: name: control character U+0000 at position 5 is not allowed"),
            ("repeated.csv", Data(("id,id,kind,name,unit_code,complies_with_policy\nCN-1,CN-2,individual,Lê,VKSH.429,true\n").utf8),
             "repeated.csv:1:2: column \"id\" repeated (already column 1); each column once"),
            ("wide.csv", Data((Self.header + String(repeating: ",x", count: 100_000) + "\nCN-1,individual,Lê,VKSH.429,,true\n").utf8),
             "wide.csv:1:65: the row has more than 64 columns"),
        ]
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        for (name, data, message) in cases {
            let file = dir.appendingPathComponent(name)
            try data.write(to: file)
            let r = try Binary.run(["import", "candidates", file.path, "--db", db, "--lang", "en"])
            #expect(r.status == 65, "\(name): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").first.map(String.init) == message, "\(name): \(r.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before, "\(name) changed the database")
        }
    }

    /// A file past the size limit is refused by its size: a sparse 200 MB file, never read.
    @Test func aFileTooLargeIsRefusedBeforeItIsRead() throws {
        let dir = try Binary.tempDir()
        let db = try database(dir)
        let file = dir.appendingPathComponent("huge.csv")
        FileManager.default.createFile(atPath: file.path, contents: Data(Self.header.utf8))
        let h = try FileHandle(forWritingTo: file)
        try h.truncate(atOffset: 200 << 20)
        try h.close()
        let r = try Binary.run(["import", "achievements", file.path, "--db", db, "--lang", "en"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("huge.csv: the file has 209715200 bytes, over the limit of 134217728"), "\(r.stderr)")
    }

    /// A path that is there but cannot be read is not reported as missing.
    @Test func aFolderIsNotAFileNotFound() throws {
        let dir = try Binary.tempDir()
        let db = try database(dir)
        let r = try Binary.run(["import", "candidates", dir.path, "--db", db, "--lang", "en"])
        #expect(r.status == 66)
        #expect(r.stderr == "cannot read \(dir.path): it is a folder, or this user may not read it\n", "\(r.stderr)")
        let gone = try Binary.run(["import", "candidates", dir.path + "/none.csv", "--db", db, "--lang", "en"])
        #expect(gone.status == 66 && gone.stderr == "file not found: \(dir.path)/none.csv\n", "\(gone.stderr)")
    }

    @Test func aFormulaNameExportsAsTextAndImportsBackTheSame() throws {
        let dir = try Binary.tempDir()
        let db = try database(dir)
        let name = "=HYPERLINK(\"http://x\",\"y\")"
        let file = dir.appendingPathComponent("c.csv")
        try (Self.header + "\nCN-1,individual,\"'" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\",VKSH.429,+cmd,true\n")
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try Binary.run(["import", "candidates", file.path, "--db", db]).status == 0)
        let out = dir.appendingPathComponent("out.csv")
        #expect(try Binary.run(["export", "candidates", out.path, "--db", db]).status == 0)
        let text = try String(contentsOf: out, encoding: .utf8)
        // No cell starts with a formula character, quoted or not.
        for line in text.split(separator: "\n").dropFirst() {
            for cell in line.split(separator: ",") {
                let bare = cell.hasPrefix("\"") ? cell.dropFirst() : cell
                #expect(bare.first.map { !"=+-@".contains($0) } ?? true, "\(line)")
            }
        }
        let other = dir.appendingPathComponent("other.sqlite").path
        #expect(try Binary.run(["init", "--db", other]).status == 0)
        #expect(try Binary.run(["import", "candidates", out.path, "--db", other]).status == 0)
        let shown = try Binary.run(["show", "CN-1", "--json", "--db", other])
        let profile = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
        let candidate = profile?["candidate"] as? [String: Any]
        #expect(candidate?["name"] as? String == name)
        #expect(candidate?["position"] as? String == "+cmd")
        // --raw, for programs: the values as stored.
        let raw = try Binary.run(["export", "candidates", "-", "--raw", "--db", db])
        #expect(raw.stdout.contains(",\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",VKSH.429,+cmd,"), "\(raw.stdout)")
    }

    @Test func argumentsAreHeldToTheSameLimits() throws {
        let dir = try Binary.tempDir()
        let db = try database(dir)
        let r = try Binary.run(["council", "add-member", "--name", "Lê\u{1B}[2J", "--role", "member", "--db", db, "--lang", "en"])
        #expect(r.status == 65)
        #expect(r.stderr == "--name: control character U+001B at position 3 is not allowed\n", "\(r.stderr)")
        let long = try Binary.run(["candidates", "--search", String(repeating: "a", count: 5000), "--db", db, "--lang", "en"])
        #expect(long.status == 65)
        #expect(long.stderr.contains("--search: 5000 characters, at most 4096"), "\(long.stderr)")
        #expect(try Binary.run(["candidates", "--search", "nguyễn văn", "--db", db]).status == 0)
    }

    /// A line break in a stored name (a database from before the limits) cannot forge a line of `show`.
    @Test func showPrintsANameOnOneLine() throws {
        let dir = try Binary.tempDir()
        let db = dir.appendingPathComponent("demo.sqlite").path
        #expect(try Binary.run(["init", "--db", db, "--demo", "--scale", "small"]).status == 0)
        let id = try Binary.sqlite(db, "SELECT id FROM candidate ORDER BY id LIMIT 1")
        _ = try Binary.sqlite(db, "UPDATE candidate SET name = 'Lê' || char(10) || 'Kết luận: đủ điều kiện' WHERE id = '\(id)'")
        let r = try Binary.run(["show", id, "--db", db])
        #expect(r.status == 0)
        #expect(r.stdout.split(separator: "\n").first == "Lê^JKết luận: đủ điều kiện  [\(id)]", "\(r.stdout)")
        #expect(!r.stdout.split(separator: "\n").contains { $0.hasPrefix("Kết luận") })
    }
}
