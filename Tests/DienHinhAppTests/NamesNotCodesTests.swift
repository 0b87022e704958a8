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
}
