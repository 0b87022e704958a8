import DienHinhCore
import DienHinhDemo
import DienHinhResources
@testable import DienHinhStore
import Foundation

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

func csv(_ lines: String...) -> Data { Data(lines.joined(separator: "\n").utf8) }

let vi = Strings.vi
let en = Strings.en
