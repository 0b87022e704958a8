import DienHinhResources
import DienHinhStore
import Foundation

/// A one-line progress bar on stderr while an import runs, only when stderr is a terminal.
final class ProgressBar {
    let strings: Strings
    let enabled: Bool
    private var phaseStart = Date()
    private var phase: ImportPhase?

    init(strings: Strings, enabled: Bool = isatty(2) == 1) {
        self.strings = strings
        self.enabled = enabled
    }

    /// The store's progress handler: redraws the line (the store calls it about every 1%).
    func update(_ phase: ImportPhase, _ done: Int, _ total: Int) {
        guard enabled else { return }
        if phase != self.phase { self.phase = phase; phaseStart = Date() }
        let width = 30
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let filled = Int(fraction * Double(width))
        let elapsed = Date().timeIntervalSince(phaseStart)
        let rate = elapsed > 0.05 ? Int(Double(done) / elapsed) : 0
        let label = strings("progress.\(phase.rawValue)")
        let line = "\(label) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
            + String(format: "%3d%%", Int(fraction * 100)) + "  \(Self.grouped(done))/\(Self.grouped(total))"
            + (rate > 0 ? "  \(Self.grouped(rate))/s" : "")
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    func clear() { if enabled { Self.clearLine() } }

    static func clearLine() {
        if isatty(2) == 1 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    static func summary(rows: Int, since start: Date, strings: Strings) -> String {
        let seconds = Date().timeIntervalSince(start)
        let rate = seconds > 0 ? Int(Double(rows) / seconds) : rows
        return strings("progress.summary", grouped(rows), String(format: "%.2f", seconds), grouped(rate))
    }

    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(d)
        }
        return out
    }
}

/// The lines `import bundle` prints: the summary, one line per conflict, the hint.
enum BundleText {
    static func print(_ r: BundleReport, strings s: Strings) {
        Console.out(s("bundle.imported", r.file, r.unit, r.createdAt, r.createdBy, r.added, r.identical, r.conflicts.count))
        Console.out(r.signedBy.map { s("bundle.verified", $0, r.sequence ?? 0) } ?? s("bundle.unsigned_merged"))
        for c in r.conflicts {
            let what = c.kind == .candidate ? c.candidateId : "\(c.candidateId) \(c.fields.first { $0.name == "year" }?.theirs ?? "") \(c.fields.first { $0.name == "type" }?.theirs ?? "")"
            let diff = c.differences.filter { $0.name != "uid" }
                .map { "\($0.name) \"\($0.ours ?? "")\" ≠ \"\($0.theirs ?? "")\"" }.joined(separator: "; ")
            Console.out(s("bundle.conflict_line", c.id, s("bundle.conflict_kind.\(c.kind.rawValue)"), what, c.candidateName ?? "", diff))
        }
        if r.deleted > 0 { Console.out(s("bundle.deleted", r.deleted)) }
        if r.decisions > 0 { Console.out(s("bundle.decisions_kept", r.decisions)) }
        if r.knownConflicts > 0 { Console.out(s("bundle.known_conflicts", r.knownConflicts)) }
        if !r.conflicts.isEmpty { Console.out(s("bundle.conflicts_hint")) }
        if r.dryRun { Console.out(s("bundle.dry_run", r.file)) }
    }
}
