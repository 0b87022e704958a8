import DienHinhCore
import DienHinhDemo
import DienHinhResources
@testable import DienHinhStore
import Foundation
import Testing

/// A fresh database in its own temporary folder.
func makeDatabase(demo: DemoScale? = nil) throws -> AppDatabase {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return try AppDatabase.create(path: dir.appendingPathComponent("test.sqlite").path, demo: demo)
}

/// The shared reference lists beside the checkout (CI lays out ../shared), else our copy in Resources.
func referenceFile(_ name: String) -> URL {
    let here = URL(fileURLWithPath: #filePath)
    let repo = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let shared = repo.deletingLastPathComponent().appendingPathComponent("shared/data/units/\(name)")
    if FileManager.default.fileExists(atPath: shared.path) { return shared }
    return repo.appendingPathComponent("Resources/data/\(name)")
}

/// The structure of 2017–2020 in a fresh database: 3 high, 63 provincial and 707 district procuracies.
func expectUnitsOf2020(_ db: AppDatabase, sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(try db.units(level: .high, year: 2020).count == 3, sourceLocation: sourceLocation)
    #expect(try db.units(level: .provincial, year: 2020).count == 63, sourceLocation: sourceLocation)
    #expect(try db.units(level: .district, year: 2020).count == 707, sourceLocation: sourceLocation)
}

func csv(_ lines: String...) -> Data { Data(lines.joined(separator: "\n").utf8) }

let vi = Strings.vi
let en = Strings.en

extension AppDatabase {
    /// The merge of an unsigned (version 1) bundle, as `import bundle --accept-unsigned`: the bundle suites test the
    /// merge itself; `SignedBundleTests` tests the signatures.
    func importUnsignedBundle(_ data: Data, file: String, strings: Strings, dryRun: Bool = false,
                              importedBy: Provenance = .local(), now: Date = Date()) throws -> BundleReport {
        try importBundle(data, file: file, strings: strings, dryRun: dryRun, importedBy: importedBy, now: now, acceptUnsigned: true)
    }
}
