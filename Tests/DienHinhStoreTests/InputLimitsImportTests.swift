import DienHinhCore
@testable import DienHinhStore
import Foundation
import FuzzSupport
import PropertyBased
import Testing

/// The shared limits through the importers: each refusal positioned, the database untouched; what is accepted
/// is what the file held, and what we export a spreadsheet cannot run and our import reads back exactly.
@Suite struct InputLimitsImportTests {
    static let header = "id,kind,name,unit_code,position,complies_with_policy"

    /// Refused whole, with these messages at these positions, and nothing written.
    func refused(_ data: Data, _ expected: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let db = try makeDatabase()
        do {
            _ = try db.importCandidates(data, file: "c.csv", dryRun: false, strings: en)
            Issue.record("imported", sourceLocation: sourceLocation)
        } catch let f as ImportFailure {
            let got = f.errors.map { ($0.position.map { "\($0.line):\($0.column)" } ?? "-", $0.message) }
            #expect(got.count == expected.count, "\(got)", sourceLocation: sourceLocation)
            for (g, e) in zip(got, expected) {
                #expect(g.0 == e.0 && g.1.hasPrefix(e.1), "\(g) is not \(e)", sourceLocation: sourceLocation)
            }
        }
        #expect(try db.candidateCount() == 0, sourceLocation: sourceLocation)
    }

    @Test func overlongAndMalformedValuesAreRefusedWithTheirPosition() throws {
        let long = String(repeating: "Nguyễn ", count: 29) + "Văn"  // 206 characters
        try refused(csv(Self.header, "CN-1,individual,\(long),VKSH.429,,true"),
                    [("2:3", "name: 206 characters, at most 200")])
        try refused(csv(Self.header, "CN-1,individual,L" + String(repeating: "\u{301}", count: 5_000) + ",VKSH.429,,true"),
                    [("2:3", "name: more than 3 combining marks on one letter (character 1)")])
        // Ten thousand marks are 20,000 bytes: past the field's byte limit, refused before they are decoded.
        try refused(csv(Self.header, "CN-1,individual,L" + String(repeating: "\u{301}", count: 10_000) + ",VKSH.429,,true"),
                    [("2:3", "the field has 20001 bytes")])
        try refused(csv(Self.header, "CN-1,individual,Nguy\0n,VKSH.429,,true"),
                    [("2:3", "name: control character U+0000 at position 5")])
        try refused(csv(Self.header, "CN-1,individual,Lê,VKSH.429,,true", "\u{FEFF}CN-2,individual,Lê,VKSH.429,,true"),
                    [("3:1", "id: character U+FEFF at position 1")])
        try refused(csv(Self.header, "CN\u{200D}1,individual,Lê\u{202E}Văn,VKSH.429,,true"),
                    [("2:1", "id: character U+200D at position 3"), ("2:3", "name: invisible or bidirectional character U+202E")])
    }

    @Test func headersAreCheckedWholeAndOnce() throws {
        try refused(csv("id,id,kind,name,unit_code,complies_with_policy", "CN-1,CN-2,individual,Lê,VKSH.429,true"),
                    [("1:2", "column \"id\" repeated (already column 1)")])
        // A hundred thousand columns: one message, at the first column past the limit, and no row read.
        let wide = Self.header + String(repeating: ",x", count: 100_000)
        try refused(csv(wide, "CN-1,individual,Lê,VKSH.429,,true"), [("1:65", "the row has more than 64 columns")])
        try refused(csv(Self.header, "CN-1,individual,Lê,VKSH.429,,true" + String(repeating: ",", count: 1_000)),
                    [("2:65", "the row has more than 64 columns")])
    }

    @Test func aFieldPastItsByteLimitIsRefusedWithoutBeingRead() throws {
        let big = String(repeating: "a", count: InputLimits.fieldBytes + 1)
        try refused(csv(Self.header, "CN-1,individual,\(big),VKSH.429,,true"),
                    [("2:3", "the field has \(InputLimits.fieldBytes + 1) bytes, over the limit of \(InputLimits.fieldBytes)")])
        try refused(csv(Self.header, "CN-1,individual,\"\(big)\",VKSH.429,,true"),
                    [("2:3", "the field has \(InputLimits.fieldBytes + 1) bytes")])
    }

    /// A file past the row limit is refused as it opens, before any row is handed out to be checked.
    @Test func aFilePastTheRowLimitIsRefusedBeforeARowIsChecked() {
        var text = "id,name\n"
        text.reserveCapacity(2 * InputLimits.rowsPerFile + 16)
        for _ in 0...InputLimits.rowsPerFile { text += "x\n" }
        var stream = CSVReader.Stream(Data(text.utf8), file: "rows.csv")
        #expect(stream.next(10).isEmpty)
        #expect(stream.errors.map(\.description) == ["rows.csv:\(InputLimits.rowsPerFile + 2):1: the file has more than \(InputLimits.rowsPerFile) data rows; split it"])
        // At the limit exactly, every row is read.
        var atLimit = CSVReader.Stream(Data(text.dropLast(2).utf8), file: "rows.csv")
        var rows = 0
        while case let batch = atLimit.next(100_000), !batch.isEmpty { rows += batch.count }
        #expect(rows == InputLimits.rowsPerFile && atLimit.errors.isEmpty)
    }

    @Test func theReadersMessagesAreInTheUsersLanguage() throws {
        let r = CSVReader.read(Data([0x61, 0x2C, 0x62, 0x0A, 0x63, 0x2C, 0xFF, 0x0A]), file: "x.csv", strings: vi)
        #expect(r.errors.map(\.description) == ["x.csv:2:2: byte 6 không phải UTF-8; hãy lưu tệp dạng UTF-8"])
        let open = CSVReader.read(Data("a\n\"b".utf8), file: "x.csv", strings: vi)
        #expect(open.errors.map(\.description) == ["x.csv:2:1: dấu ngoặc kép mở ở đây không được đóng"])
    }

    @Test func achievementsOfOneCandidateAreBounded() throws {
        let db = try makeDatabase()
        _ = try db.importCandidates(csv(Self.header, "CN-1,individual,Lê Văn Tám,VKSH.429,,true"), file: "c.csv", dryRun: false, strings: en)
        let rows = (0...InputLimits.recordsPerCandidate).map { "CN-1,2019,SANG_KIEN,,,\($0)/QĐ,,," }
        do {
            _ = try db.importAchievements(Data((["candidate_id,year,type,class,proposed_award,decision_no,decision_date,issuer,note"] + rows)
                .joined(separator: "\n").utf8), file: "a.csv", dryRun: false, strings: en)
            Issue.record("imported")
        } catch let f as ImportFailure {
            #expect(f.errors.map(\.description) == ["a.csv:\(InputLimits.recordsPerCandidate + 2):1: candidate CN-1 would have more than 1000 achievement records"])
        }
        #expect(try db.achievementCount() == 0)
    }

    @Test func aBundleWithTooManyRecordsIsRefusedBeforeItIsDecoded() throws {
        let record = #"{"uid":"u","candidate_id":"CN-1","year":2019,"type":"SANG_KIEN"},"#
        var payload = #"{"format":1,"unit":"VKSH.429","created_at":"2019","created_by":"x","candidates":[],"achievements":["#
        payload += String(repeating: record, count: InputLimits.bundleRecords + 1).dropLast() + "]}"
        #expect(BundleFormat.recordCount(Data(payload.utf8)) == InputLimits.bundleRecords + 1)
        let db = try makeDatabase()
        do {
            _ = try db.importUnsignedBundle(BundleFormat.encode(Data(payload.utf8)), file: "b.dhb", strings: en)
            Issue.record("merged")
        } catch let f as ImportFailure {
            #expect(f.errors.map(\.message) == ["the bundle holds more than \(InputLimits.bundleRecords) records"])
        }
    }

    @Test func aBundleCarriesNoHiddenCharactersInItsEnvelope() throws {
        let district = try districtDatabase()
        let bundle = try district.exportBundle(unit: "VKSH.429", createdBy: "Hạnh\u{1B}[2J")
        do {
            _ = try makeDatabase().importUnsignedBundle(bundle.data, file: "b.dhb", strings: en)
            Issue.record("merged")
        } catch let f as ImportFailure {
            #expect(f.errors.map(\.message) == ["the bundle's envelope: created_by: control character U+001B at position 5 is not allowed"])
        }
    }

    // MARK: Spreadsheets

    @Test func exportsNeverStartACellWithAFormulaAndReadBackTheSame() throws {
        let db = try makeDatabase()
        let names = ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|'/c calc'!A0", "-Nguyễn", "@Lê", "'=Trần", "'Ngô"]
        let rows = names.enumerated().map { i, n in
            CSVWriter.line(["CN-\(i)", "individual", SpreadsheetGuard.protect(n), "VKSH.429", SpreadsheetGuard.protect(n), "true"])
        }
        // Written as our export writes them (a `'` before a formula-like value).
        _ = try db.importCandidates(csv(Self.header, rows.joined()), file: "c.csv", dryRun: false, strings: en)
        let exported = try db.exportCandidates(format: .csv)
        let cells = CSVReader.read(Data(exported.utf8), file: "e.csv").rows.flatMap(\.fields)
        #expect(!cells.contains { $0.first.map { "=+-@\t\r".contains($0) } ?? false }, "\(cells)")
        #expect(cells.contains("'=HYPERLINK(\"http://x\",\"y\")"))
        let again = try makeDatabase()
        _ = try again.importCandidates(Data(exported.utf8), file: "e.csv", dryRun: false, strings: en)
        for (i, n) in names.enumerated() {
            #expect(try again.candidate("CN-\(i)")?.name == n)
            #expect(try again.candidate("CN-\(i)")?.position == n)
        }
        #expect(try again.exportCandidates(format: .csv) == exported)
        // For programs, the values as they are.
        #expect(try db.exportCandidates(format: .csv, raw: true).contains("CN-0,individual,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""))
    }

    /// Data written before the limits (or by another program) may hold controls: a CSV export shows them inert,
    /// the JSON export escapes C1 and bidi as the printed JSON does, and `raw` keeps them for programs.
    @Test func exportsCarryNoRawControls() throws {
        let db = try makeDatabase()
        _ = try db.importCandidates(csv(Self.header, "CN-1,individual,Lê,VKSH.429,,true"), file: "c.csv", dryRun: false, strings: en)
        try db.writer.write { try $0.execute(sql: "UPDATE candidate SET name = 'Lê' || char(27) || '[31m' || char(155) || char(8238)") }
        let csvText = try db.exportCandidates(format: .csv)
        #expect(csvText.contains("Lê^[[31m<U+009B><U+202E>"), "\(csvText)")
        let json = try db.exportCandidates(format: .json)
        #expect(json.contains(#"Lê\u001b[31m\u009b\u202e"#), "\(json)")
        #expect(try db.exportCandidates(format: .json, raw: true).contains("\u{9B}\u{202E}"))
        #expect(try db.exportCandidates(format: .csv, raw: true).contains("Lê\u{1B}[31m"))
    }

    // MARK: What is accepted is what the file held

    /// Random text fields, mostly valid and sometimes not, written as our export writes them: the import is
    /// accepted exactly when every value keeps the limits, and then stores each value as the file held it
    /// (trimmed and NFC, as the contract says), field by field.
    @Test func anAcceptedImportStoresWhatTheFileHeld() throws {
        let pieces = ["a", "Đức", "Nguyễn", " ", ",", "\"", "'", "=", "+", "-", "@", "e\u{301}", "o\u{302}\u{323}", "1", "/", "QĐ",
                      "\t", "\n", "\r\n", "\u{0}", "\u{1B}", "\u{85}", "\u{202E}", "\u{200D}", "\u{FEFF}", "\u{301}\u{301}\u{301}\u{301}"]
        let rare: Set<String> = ["\t", "\n", "\r\n", "\u{0}", "\u{1B}", "\u{85}", "\u{202E}", "\u{200D}", "\u{FEFF}", "\u{301}\u{301}\u{301}\u{301}"]
        let text = Generator<String, Shrink.None<String>> { rng in
            var s = ""
            for _ in 0..<Int.random(in: 0...12, using: &rng) {
                var p = pieces.randomElement(using: &rng)!
                while rare.contains(p) && Int.random(in: 0..<40, using: &rng) != 0 { p = pieces.randomElement(using: &rng)! }
                s += p
            }
            return s
        }
        let record = Generator<[String], Shrink.None<[String]>> { rng in (0..<5).map { _ in text.run(using: &rng) } }
        let base = try makeDatabase()
        _ = try base.importCandidates(csv(Self.header, "CN-1,individual,Lê Văn Tám,VKSH.429,,true"), file: "c.csv", dryRun: false, strings: en)
        var target = try FuzzTests.Target(base)
        func clean(_ s: String) -> String { TextFolding.nfc(s.trimmingCharacters(in: .whitespacesAndNewlines)) }
        Fuzzer.run("accepted-is-stored", input: record) { values in
            let (name, position, decision, issuer, note) = (values[0], values[1], "1/" + values[2], values[3], values[4])
            let p = SpreadsheetGuard.protect
            let c = CSVWriter.bom + Self.header + "\n" + CSVWriter.line(["CN-2", "individual", p(name), "VKSH.429", p(position), "true"])
            let a = CSVWriter.bom + CSVColumns.achievements.joined(separator: ",") + "\n"
                + CSVWriter.line(["CN-1", "2019", "SANG_KIEN", "", "", p(decision), "", p(issuer), p(note)])
            let expectOK = !clean(name).isEmpty
                && [("name", name), ("position", position), ("decision_no", decision), ("issuer", issuer), ("note", note)]
                    .allSatisfy { InputLimits.check(clean($0.1), field: $0.0) == nil }
            let db = target.db
            defer { try? target.reset() }
            do {
                _ = try db.importCandidates(Data(c.utf8), file: "c.csv", dryRun: false, strings: en)
                _ = try db.importAchievements(Data(a.utf8), file: "a.csv", dryRun: false, strings: en)
            } catch let f as ImportFailure {
                try Fuzzer.check(!expectOK, "refused values that keep the limits: \(f.errors)")
                try Fuzzer.check(f.errors.allSatisfy { $0.position != nil }, "a refusal without its position: \(f.errors)")
                return "refused"
            }
            try Fuzzer.check(expectOK, "accepted values past the limits")
            let stored = try db.candidate("CN-2")
            try Fuzzer.check(stored?.name == clean(name), "name stored as \(String(reflecting: stored?.name))")
            try Fuzzer.check((stored?.position ?? "") == clean(position), "position stored as \(String(reflecting: stored?.position))")
            let r = try db.achievements(of: "CN-1").first
            try Fuzzer.check(r?.decisionNo == clean(decision) && (r?.issuer ?? "") == clean(issuer) && (r?.note ?? "") == clean(note),
                             "record stored as \(String(reflecting: r))")
            return "accepted"
        }
    }
}
