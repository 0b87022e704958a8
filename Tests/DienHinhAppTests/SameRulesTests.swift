import DienHinhApp
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation
import Testing

/// One home for the record rules: a value typed into a form and the same value in a CSV file are judged by the
/// same code, so they are refused for the same reasons in the same words (the file adds its position and column).
@Suite(.serialized) struct SameRulesTests {
    static let db: AppDatabase = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("same-rules-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try! AppDatabase.create(path: dir.appendingPathComponent("r.sqlite").path, demo: .small)
    }()

    /// The bad values of the hostile-input corpus, by field: empty, controls, bidi and invisible characters,
    /// too many marks, too long, unknown references, out-of-range and malformed values.
    static let hostile = ["", "Nguy\u{0}n", "Lê\u{1B}[2JVăn", "A\u{202E}B", "Lê\u{200B}Văn", "e\u{301}\u{302}\u{303}\u{304}",
                          String(repeating: "Đ", count: 201), "CNĐ", "VKST.99", "  "]
    static let achievementValues: [String: [String]] = [
        "year": hostile + ["2091", "1900", "abc", "20 19"],
        "type": hostile + ["XYZ", "CO_CP", "HCLD", "cstd_cs"],
        "class": hostile + ["4", "0", "x", "2"],
        "proposed_award": hostile + ["HCLD", "CSTD_CS", "zz"],
        "decision_no": hostile,
        "decision_date": hostile + ["31/02/2019", "2019-13-01", "abc", "1/1/19"],
        "issuer": hostile,
        "note": hostile + [String(repeating: "x", count: 2001)],
    ]
    static let candidateValues = ["id": hostile, "name": hostile, "unit_code": hostile + ["VKSH.429"], "position": hostile]

    static let individual: Candidate = {
        let csv = try! db.exportCandidates(format: .csv)
        let row = csv.split(separator: "\n").dropFirst().first { $0.contains(",individual,") }!
        return try! db.candidate(String(row.split(separator: ",")[0]).replacingOccurrences(of: "\u{FEFF}", with: ""))!
    }()

    /// Each problem as "field: text": the form's beside its field, the file's after its position.
    static func formProblems(_ form: FormState, _ s: Strings) -> Set<String> {
        Set(FormRules.checkAll(form).map { "\($0.field): " + s.message($0.problem, label: s("form.field.\($0.field)"), beside: true) })
    }

    static func fileProblems(_ csv: String, achievements: Bool, _ s: Strings) -> Set<String> {
        do {
            if achievements { _ = try db.importAchievements(Data(csv.utf8), file: "t.csv", dryRun: true, strings: s) }
            else { _ = try db.importCandidates(Data(csv.utf8), file: "t.csv", dryRun: true, strings: s) }
            return []
        } catch let f as ImportFailure {
            return Set(f.errors.map { e in
                // "t.csv:2:5: year: …" → "year: …"
                String(e.description.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)[3].dropFirst())
            })
        } catch { return ["\(error)"] }
    }

    static func cleaned(_ v: String) -> String { TextFolding.nfc(v.trimmingCharacters(in: .whitespacesAndNewlines)) }

    static func csvField(_ v: String) -> String { "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    @Test(arguments: [Language.vi, .en]) func aRecordFormAndAFileRefuseAlike(_ language: Language) throws {
        let s = Strings.for(language)
        let c = Self.individual
        let valid = ["year": "2019", "type": "CSTD_CS", "class": "", "proposed_award": "", "decision_no": "12/QĐ-VKS",
                     "decision_date": "2019-12-20", "issuer": "Viện trưởng", "note": ""]
        var compared = 0, refused = 0
        for (field, values) in Self.achievementValues.sorted(by: { $0.key < $1.key }) {
            for value in values {
                var record = valid
                record[field] = value
                var form = FormRules.newAchievement(candidate: c, year: 2019)
                for (k, v) in record { form.set(k, v) }
                let row = [c.id] + CSVColumns.achievements.dropFirst().map { record[$0] ?? "" }
                let csv = CSVColumns.achievements.joined(separator: ",") + "\n" + row.map(Self.csvField).joined(separator: ",") + "\n"
                let fromForm = Self.formProblems(form, s), fromFile = Self.fileProblems(csv, achievements: true, s)
                if Self.cleaned(form.value(field)) != Self.cleaned(value) {
                    // The form's field never takes a control character: typed or pasted, it is left out.
                    #expect(!fromFile.isEmpty && fromForm.allSatisfy { !$0.hasPrefix(field + ":") || !$0.contains("U+") },
                            "\(field) = \(value.debugDescription) → \(form.value(field).debugDescription)")
                    continue
                }
                #expect(fromForm == fromFile, "\(field) = \(value.debugDescription)")
                compared += 1
                if !fromFile.isEmpty { refused += 1 }
            }
        }
        #expect(compared > 50 && refused > 40, "\(compared) compared, \(refused) refused")
    }

    @Test(arguments: [Language.vi, .en]) func aCandidateFormAndAFileRefuseAlike(_ language: Language) throws {
        let s = Strings.for(language)
        let units = try Self.db.units(includeRetired: true)
        let unit = units.first { $0.code == "VKSH.429" } ?? units[0]
        var compared = 0, refused = 0
        for (field, values) in Self.candidateValues.sorted(by: { $0.key < $1.key }) {
            for value in values {
                var record = ["id": "CN-TEST-0001", "kind": "individual", "name": "Trần Thị Đức", "unit_code": unit.code,
                              "position": "Kiểm sát viên", "is_leader": "false", "complies_with_policy": "true",
                              "internally_united": "false", "orgs_clean_strong": "false", "collective_id": ""]
                record[field] = value
                var form = FormRules.newCandidate(unit: unit, existingIds: [])
                form.units = units
                for k in ["id", "name", "unit_code", "position"] { form.set(k, record[k]!) }
                let csv = CSVColumns.candidates.joined(separator: ",") + "\n"
                    + CSVColumns.candidates.map { Self.csvField(record[$0]!) }.joined(separator: ",") + "\n"
                let fromForm = Self.formProblems(form, s), fromFile = Self.fileProblems(csv, achievements: false, s)
                if Self.cleaned(form.value(field)) != Self.cleaned(value) {
                    #expect(!fromFile.isEmpty)
                    continue
                }
                #expect(fromForm == fromFile, "\(field) = \(value.debugDescription)")
                compared += 1
                if !fromFile.isEmpty { refused += 1 }
            }
        }
        #expect(compared >= 25 && refused >= 15, "\(compared) compared, \(refused) refused")
    }
}
