import Foundation
import Testing

/// Compares a screen, as text lines, with its file under __Snapshots__.
///
/// `make snapshots` (DIENHINH_RECORD_SNAPSHOTS=1) rewrites the files on purpose; a missing file is
/// written and the test fails, so a new snapshot is always looked at before it is committed.
func assertSnapshot(_ lines: [String], named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let file = dir.appendingPathComponent(name + ".txt")
    let text = lines.joined(separator: "\n") + "\n"
    let record = ProcessInfo.processInfo.environment["DIENHINH_RECORD_SNAPSHOTS"] == "1"
    guard !record, let expected = try? String(contentsOf: file, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try? text.write(to: file, atomically: true, encoding: .utf8)
        if !record { Issue.record("snapshot \(name) was missing and has been recorded; check it and commit it", sourceLocation: sourceLocation) }
        return
    }
    if expected != text {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
        Issue.record("""
            snapshot \(name) differs at line \(first + 1):
              expected: \(first < e.count ? String(e[first]) : "<end>")
              actual:   \(first < a.count ? String(a[first]) : "<end>")
            (run `make snapshots` if the change is intended)
            """, sourceLocation: sourceLocation)
    }
}
