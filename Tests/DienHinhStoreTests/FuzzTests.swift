import DienHinhCore
@testable import DienHinhStore
import Foundation
import FuzzSupport
import GRDB
import PropertyBased
import Testing

/// Hostile and damaged files through every reader of outside data in the store: the CSV reader, both CSV
/// importers and the bundle merge. Every input is imported whole or refused with a positioned message, never
/// a crash; a refused file leaves the database file byte-for-byte as it was.
/// Each fuzzer runs for `DIENHINH_FUZZ_SECONDS` (2 s by default, 60 s under `make fuzz`).
@Suite struct FuzzTests {
    /// The demo data set as its clerks would export it: the valid files the mutators start from.
    static let demo: (candidates: [UInt8], achievements: [UInt8]) = {
        let db = try! makeDatabase(demo: .small)
        return (Array(try! db.exportCandidates(format: .csv).utf8), Array(try! db.exportAchievements(format: .csv).utf8))
    }()

    /// Pieces that random CSVs are built from (what the seeded robustness test used to draw on).
    static let alphabet: [[UInt8]] = [
        Array(",".utf8), Array("\"".utf8), Array("\n".utf8), Array("\r\n".utf8), Array("\r".utf8), Array("a".utf8),
        Array("Đức".utf8), Array("VKSH.429".utf8), Array("2019".utf8), Array("HCLD".utf8), [0xEF, 0xBB, 0xBF],
        [0x1B], [0x00], Array("true".utf8), Array(" ".utf8), Array("e\u{301}".utf8), Array("\"\"".utf8),
    ]
    /// Not UTF-8; drawn rarely, or nearly every random file would stop at the UTF-8 check.
    static let broken: [[UInt8]] = [[0xFF], [0xC3], [0xED, 0xA0, 0x80]]

    /// A valid file cut to its header and a random run of its rows, then damaged: small enough for thousands
    /// of imports a second, and most rows still reference what the target database holds.
    static func mutated(_ file: [UInt8]) -> Generator<[UInt8], Shrink.None<[UInt8]>> {
        let lines = file.split(separator: 0x0A).map(Array.init)
        return Generator { rng in
            let from = Int.random(in: 1..<lines.count, using: &rng)
            let to = min(lines.count, from + Int.random(in: 1...40, using: &rng))
            let excerpt = ([lines[0]] + lines[from..<to]).joined(separator: [0x0A]) + [0x0A]
            // One input in eight is left whole, so the importing branch is exercised too.
            return Int.random(in: 0..<8, using: &rng) == 0 ? Array(excerpt) : Mutate.bytes(Array(excerpt), using: &rng)
        }
    }

    /// A header the importer knows, then random pieces from `alphabet`.
    static func random(header: String) -> Generator<[UInt8], Shrink.None<[UInt8]>> {
        Generator { rng in
            var bytes = Array(header.utf8) + [0x0A]
            for _ in 0..<Int.random(in: 0...80, using: &rng) {
                bytes += Int.random(in: 0..<200, using: &rng) == 0 ? broken.randomElement(using: &rng)! : alphabet.randomElement(using: &rng)!
            }
            return bytes
        }
    }

    static func either(_ a: Generator<[UInt8], Shrink.None<[UInt8]>>, _ b: Generator<[UInt8], Shrink.None<[UInt8]>>)
        -> Generator<[UInt8], Shrink.None<[UInt8]>> {
        Generator { rng in Bool.random(using: &rng) ? a.run(using: &rng) : b.run(using: &rng) }
    }

    // MARK: The reader

    /// Found by the reader fuzzer (DIENHINH_FUZZ_CASE=17076196034537079352:4): a field holding "\r\n" was
    /// written unquoted, because "\r\n" is one Character that equals neither "\r" nor "\n".
    @Test(arguments: ["a\r\nb", "\r\ntrue Đức", "\"\u{301}x", "x\"\u{301}", " \u{301}a", "a,\u{301}", "plain"])
    func writtenFieldsReadBackTheSame(_ field: String) {
        let file = CSVWriter.bom + CSVWriter.line(["id", "note"]) + CSVWriter.line(["1", field])
        let r = CSVReader.read(Data(file.utf8), file: "w.csv")
        #expect(r.errors.isEmpty)
        #expect(r.rows.map(\.fields) == [["1", field]])
        #expect(Array(r.rows.first?.fields.last?.utf8 ?? "".utf8) == Array(field.utf8))
    }

    @Test func readerPositionsErrorsInsideTheFileAndRoundTripsWhatItReads() {
        let input = Self.either(Self.either(Self.mutated(Self.demo.candidates), Self.mutated(Self.demo.achievements)),
                                Self.random(header: "id,kind,name"))
        Fuzzer.run("csv-reader", input: input) { bytes in
            let r = CSVReader.read(Data(bytes), file: "x.csv")
            // Read a few rows at a time, as a large import reads it, the file gives the same header, rows and errors.
            var stream = CSVReader.Stream(Data(bytes), file: "x.csv")
            var streamed: [CSVRow] = []
            while case let rows = stream.next(3), !rows.isEmpty { streamed += rows }
            try Fuzzer.check(stream.header == r.header && streamed == r.rows && stream.errors == r.errors,
                             "read three rows at a time, the file reads differently")
            try Fuzzer.check(r.rows.count <= stream.estimatedRows, "\(r.rows.count) rows, estimated \(stream.estimatedRows)")
            let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) } + bytes.reduce(0) { $0 + ($1 == 0x0D ? 1 : 0) }
            for e in r.errors {
                try Fuzzer.check(!e.message.isEmpty, "an error without a message")
                if let p = e.position {
                    try Fuzzer.check(p.line >= 1 && p.line <= lines && p.column >= 1, "error outside the file: \(e)")
                }
            }
            for row in r.rows { try Fuzzer.check(row.line >= 2 && row.line <= lines, "row \(row.line) outside the file") }
            // Invalid UTF-8 is refused exactly when Swift's own validator refuses it, at the same byte.
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            let valid = String(validating: body, as: UTF8.self) != nil
            let utf8Error = r.errors.first { $0.message.contains("UTF-8") }
            try Fuzzer.check(valid == (utf8Error == nil), "UTF-8 verdict differs from Swift's: \(r.errors)")
            if !valid {
                let offset = CSVReader.firstInvalidUTF8(body)!
                try Fuzzer.check(String(validating: body[..<offset], as: UTF8.self) != nil, "bytes before the offset are not valid")
                return "invalid UTF-8"
            }
            guard r.errors.isEmpty else { return "syntax error" }
            // What was read, written back the way exports write it, reads the same.
            let again = CSVReader.read(Data((CSVWriter.bom + CSVWriter.line(r.header) + r.rows.map { CSVWriter.line($0.fields) }.joined()).utf8),
                                       file: "again.csv")
            try Fuzzer.check(again.errors.isEmpty && again.header == r.header && again.rows.map(\.fields) == r.rows.map(\.fields),
                             "written back, the file reads differently: \(again.errors)")
            return "read"
        }
    }

    // MARK: The importers

    /// A database file that a refused import must leave exactly as it was.
    struct Target {
        let pristine: String
        var db: AppDatabase

        /// Snapshots `db` (VACUUM INTO) so an import that succeeds can be undone by reopening a copy.
        init(_ db: AppDatabase) throws {
            let snapshot = db.path + ".pristine"
            try db.writer.writeWithoutTransaction { try $0.execute(sql: "VACUUM INTO ?", arguments: [snapshot]) }
            pristine = snapshot
            self.db = try AppDatabase(path: snapshot)
            try reset()
        }

        mutating func reset() throws {
            let copy = pristine + "." + UUID().uuidString
            try FileManager.default.copyItem(atPath: pristine, toPath: copy)
            db = try AppDatabase(path: copy)
        }

        /// The file and its write-ahead log, as bytes.
        var bytes: Data {
            let main = (try? Data(contentsOf: URL(fileURLWithPath: db.path))) ?? Data()
            return main + ((try? Data(contentsOf: URL(fileURLWithPath: db.path + "-wal"))) ?? Data())
        }

        /// Runs one import: refused with messages and nothing written, or imported whole. A CSV refusal names
        /// line and column (or the byte offset of bad UTF-8); a bundle's names the record, not a position.
        mutating func importing(positioned: Bool = true, _ added: (AppDatabase) throws -> Int,
                                count: (AppDatabase) throws -> Int) throws -> String {
            let before = bytes, rows = try count(db)
            do {
                let n = try added(db)
                let grown = try count(db) - rows
                try Fuzzer.check(grown == n, "imported \(n) rows but the table grew by \(grown)")
                try Fuzzer.check(try db.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok", "integrity")
                try reset()
                return n == 0 ? "imported (no rows)" : "imported"
            } catch let f as ImportFailure {
                try Fuzzer.check(!f.errors.isEmpty, "a refusal without a reason")
                for e in f.errors {
                    try Fuzzer.check(!e.message.isEmpty && (!positioned || e.position != nil || e.message.contains("byte offset")
                                                             || e.message.contains("empty")),
                                     "a refusal that names neither line and column nor byte offset: \(e)")
                }
                try Fuzzer.check(bytes == before, "a refused import changed the database file")
                return "refused"
            }
        }
    }

    /// A units file (issue 16's regional list), damaged: imported whole with the database still sound, or refused
    /// with a position for every error and the file byte for byte as it was (issue 18, item 6).
    @Test func unitsImportIsWholeOrRefusedCleanly() throws {
        var target = try Target(try makeDatabase())
        let file = [UInt8](UnitsThroughTimeTests.regional.utf8)
        let input = Self.either(Self.mutated(file), Self.random(header: "code,name,level,parent_code,valid_from,valid_to,succeeds"))
        Fuzzer.run("import-units", input: input) { bytes in
            let before = target.bytes
            do {
                _ = try target.db.importUnits(Data(bytes), file: "u.csv", dryRun: false, strings: vi)
                try Fuzzer.check(try target.db.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok", "integrity")
                try Fuzzer.check(try target.db.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty, "foreign keys")
                try target.reset()
                return "imported"
            } catch let f as ImportFailure {
                try Fuzzer.check(!f.errors.isEmpty && f.errors.allSatisfy { !$0.message.isEmpty }, "a refusal without a reason")
                try Fuzzer.check(target.bytes == before, "a refused units file changed the database file")
                return "refused"
            }
        }
    }

    /// Damaged copies of a demo file and random rows under its header, each imported whole or refused cleanly.
    func fuzzImport(_ name: String, into db: AppDatabase, sample: [UInt8], header: String,
                    _ added: (AppDatabase, Data) throws -> Int, count: (AppDatabase) throws -> Int,
                    sourceLocation: SourceLocation = #_sourceLocation) throws {
        var target = try Target(db)
        Fuzzer.run(name, input: Self.either(Self.mutated(sample), Self.random(header: header)), sourceLocation: sourceLocation) { bytes in
            try target.importing({ try added($0, Data(bytes)) }, count: count)
        }
    }

    @Test func candidateImportIsWholeOrRefusedCleanly() throws {
        try fuzzImport("import-candidates", into: try makeDatabase(), sample: Self.demo.candidates, header: "id,kind,name,unit_code,complies_with_policy",
                       { try $0.importCandidates($1, file: "c.csv", dryRun: false, strings: vi).candidates }, count: { try $0.candidateCount() })
    }

    @Test func achievementImportIsWholeOrRefusedCleanly() throws {
        let db = try makeDatabase()
        _ = try db.importCandidates(Data(Self.demo.candidates), file: "c.csv", dryRun: false, strings: vi)
        try fuzzImport("import-achievements", into: db, sample: Self.demo.achievements, header: "candidate_id,year,type,class",
                       { try $0.importAchievements($1, file: "a.csv", dryRun: false, strings: vi).achievements }, count: { try $0.achievementCount() })
    }

    // MARK: Bundles

    /// Damaged bundle files: raw damage (caught by the header, length and checksum) and damage to the payload
    /// sealed again with a correct header, as a sender's own bug would produce, which reaches the JSON
    /// decoder and the merge rules. A merge is whole or refused with nothing written.
    @Test func bundleMergeIsWholeOrRefusedCleanly() throws {
        // With a record deleted at the district, so the damage also reaches the deletions the bundle carries.
        let district = try districtDatabase()
        try district.deleteAchievement(try #require(try district.storedAchievements(of: "CN-T1").first?.achievement.id))
        let bundle = try district.exportBundle(unit: "VKSH.429").data
        let nl = bundle.firstIndex(of: 0x0A)!
        let payload = [UInt8](bundle[(nl + 1)...])
        let input = Generator<[UInt8], Shrink.None<[UInt8]>> { rng in
            Bool.random(using: &rng)
                ? Mutate.bytes([UInt8](bundle), using: &rng)
                : [UInt8](BundleFormat.encode(Data(Mutate.bytes(payload, using: &rng))))
        }
        var target = try Target(try makeDatabase())
        Fuzzer.run("bundle-merge", input: input) { bytes in
            try target.importing(positioned: false, { try $0.importUnsignedBundle(Data(bytes), file: "b.dhb", strings: vi).added },
                                 count: { try $0.candidateCount() + $0.achievementCount() })
        }
    }

    /// Damage anywhere in a signed bundle, header and signature included, and payloads re-sealed with a correct
    /// checksum but the old signature (a forger without the key): refused with nothing written. A change that still
    /// verifies can only be one that leaves the signed bytes as they were (issue 18).
    @Test func signedBundleDamageIsRefusedCleanly() throws {
        let district = try districtDatabase()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-fuzzkey-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        _ = try UnitKeys.create(databasePath: dir.appendingPathComponent("d.sqlite").path, unit: "VKSH.429")
        try FileManager.default.createDirectory(atPath: district.path + ".keys", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: dir.appendingPathComponent("d.sqlite.keys/VKSH.429.key").path,
                                         toPath: UnitKeys.privateKeyPath(databasePath: district.path, unit: "VKSH.429"))
        let centre = try makeDatabase()
        _ = try centre.enrollKey(try UnitKeys.publicKeyFile(databasePath: district.path, unit: "VKSH.429").text, file: "k.pub")
        let bundle = try district.exportBundle(unit: "VKSH.429").data
        let original = try BundleFormat.open(bundle).payload
        let nl = bundle.firstIndex(of: 0x0A)!
        let header = String(decoding: bundle[..<nl], as: UTF8.self)
        let payload = [UInt8](bundle[(nl + 1)...])
        let input = Generator<[UInt8], Shrink.None<[UInt8]>> { rng in
            if Bool.random(using: &rng) { return Mutate.bytes([UInt8](bundle), using: &rng) }
            let forged = Data(Mutate.bytes(payload, using: &rng))
            let resealed = header
                .replacingOccurrences(of: #"sha256=[0-9a-f]+"#, with: "sha256=" + BundleFormat.checksum(of: forged), options: .regularExpression)
                .replacingOccurrences(of: #"length=\d+"#, with: "length=\(forged.count)", options: .regularExpression)
            return [UInt8](Data((resealed + "\n").utf8) + forged)
        }
        var target = try Target(centre)
        Fuzzer.run("signed-bundle", input: input) { bytes in
            if let opened = try? BundleFormat.open(Data(bytes)), opened.seal != nil {
                // Whatever verifies must carry the signed payload unchanged.
                let verifies = (try? target.db.importBundle(Data(bytes), file: "b.dhb", strings: vi, dryRun: true)) != nil
                try Fuzzer.check(!verifies || opened.payload == original, "a changed payload verified")
            }
            return try target.importing(positioned: false, { try $0.importBundle(Data(bytes), file: "b.dhb", strings: vi).added },
                                        count: { try $0.candidateCount() + $0.achievementCount() })
        }
    }
}
