import DienHinhCore
import Foundation
import Testing

/// Where a verdict explains itself (the "→" lines of every recorded screen), awards are named, never written as
/// their catalog codes (issue 20).
@Suite struct NamesNotCodesTests {
    @Test func verdictFindingsNameTheirAwards() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }
        let codes = Set(AwardCode.allCases.map(\.rawValue))
        var findings = 0
        for f in files {
            for line in try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8).split(separator: "\n")
            where line.contains("→ ") {
                findings += 1
                let words = line.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init)
                #expect(!words.contains { codes.contains($0) }, "\(f): \(line)")
            }
        }
        #expect(findings > 20, "\(findings) finding lines read")
    }

    /// Issue 20, "what it must show": no recorded screen (every snapshot, 80x24 and 120x40) shows a catalog code, a
    /// clause's code, a contract field name or a number cut by "…".
    @Test func noScreenShowsACodeAFieldNameOrACutNumber() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".txt") }
        let codes = Set(AwardCode.allCases.map(\.rawValue))
        // The field names a person could mistake for words are the ones with an underscore (unit_code, is_leader …).
        let fields = Set((CSVColumns.candidates + CSVColumns.achievements).filter { $0.contains("_") })
        #expect(files.count > 80)
        for f in files {
            let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
            let words = Set(text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
            #expect(words.isDisjoint(with: codes), "\(f): \(words.intersection(codes).sorted())")
            #expect(words.isDisjoint(with: fields), "\(f): \(words.intersection(fields).sorted())")
            #expect(text.firstMatch(of: /\d…/) == nil, "\(f): a number cut by …")
            // A clause is the plan's wording with "điểm 1.2a, gạch đầu dòng 6" under it, never its code `1.2a.6`.
            let clauseCodes = Set(Clause.allCases.map(\.rawValue)).filter { text.contains($0) }
            #expect(clauseCodes.isEmpty, "\(f): \(clauseCodes.sorted())")
        }
    }
}
