import DienHinhCore
@testable import DienHinhStore
import Foundation
import Testing

/// Seeded random inputs through the CSV reader and the importers: every input is either read or refused
/// with positioned errors; nothing crashes and a refused import writes nothing.
@Suite struct CSVRobustnessTests {
    static let alphabet: [[UInt8]] = [
        Array(",".utf8), Array("\"".utf8), Array("\n".utf8), Array("\r\n".utf8), Array("a".utf8), Array("Đức".utf8),
        Array("VKSH.429".utf8), Array("2019".utf8), Array("HCLD".utf8), [0xEF, 0xBB, 0xBF], [0xFF], [0xC3], [0x1B], [0x00],
        Array("true".utf8), Array(" ".utf8), Array("e\u{301}".utf8),
    ]

    static func input(_ rng: inout DemoRandom, header: String) -> Data {
        var bytes = Array(header.utf8) + [0x0A]
        for _ in 0..<rng.int(60) { bytes += alphabet[rng.int(alphabet.count)] }
        return Data(bytes)
    }

    @Test func readerNeverCrashesAndPositionsAreInside() {
        var rng = DemoRandom(seed: 42)
        for _ in 0..<3000 {
            let data = Self.input(&rng, header: "id,kind,name")
            let r = CSVReader.read(data, file: "x.csv")
            let lines = data.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            for e in r.errors {
                if let p = e.position { #expect(p.line >= 1 && p.line <= lines && p.column >= 1) }
                #expect(!e.message.isEmpty)
            }
            for row in r.rows { #expect(row.line >= 2 && row.line <= lines) }
        }
    }

    @Test func importsAreAllOrNothingOnRandomInput() throws {
        let db = try makeDatabase(demo: .small)
        let before = (try db.candidateCount(), try db.achievementCount())
        var rng = DemoRandom(seed: 7)
        var refused = 0
        for i in 0..<300 {
            let header = i % 2 == 0 ? "id,kind,name,unit_code,complies_with_policy" : "candidate_id,year,type,class"
            let data = Self.input(&rng, header: header)
            do {
                if i % 2 == 0 {
                    _ = try db.importCandidates(data, file: "r.csv", dryRun: true, strings: vi)
                } else {
                    _ = try db.importAchievements(data, file: "r.csv", dryRun: true, strings: vi)
                }
            } catch let f as ImportFailure {
                refused += 1
                #expect(!f.errors.isEmpty)
            }
        }
        #expect(refused > 200)
        #expect((try db.candidateCount(), try db.achievementCount()) == before)
    }
}
