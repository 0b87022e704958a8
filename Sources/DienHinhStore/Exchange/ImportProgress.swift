import Foundation

/// The phases of a long import, as the progress bar names them.
public enum ImportPhase: String, Sendable {
    /// Checking every row against the rules and the database.
    case validating
    /// Writing the accepted rows inside the import's one transaction.
    case inserting
    /// Both at once: a large import writes the rows already accepted while it checks the next ones.
    case importing
}

/// Told how far an import has gone: `(phase, done, total)`; called at most about every 1% of the rows.
public typealias ImportProgressHandler = (ImportPhase, _ done: Int, _ total: Int) -> Void

/// Counts rows and calls its handler only when another ~1% is done, so progress costs nothing per row.
struct ProgressTicker {
    let phase: ImportPhase
    let total: Int
    let handler: ImportProgressHandler?
    private let every: Int
    private var done = 0
    private var next: Int

    init(phase: ImportPhase, total: Int, handler: ImportProgressHandler?) {
        self.phase = phase
        self.total = total
        self.handler = handler
        every = max(1, total / 100)
        next = every
        handler?(phase, 0, total)
    }

    @inline(__always)
    mutating func step(by n: Int = 1) {
        done += n
        if done >= next {
            next = (done / every + 1) * every
            handler?(phase, done, total)
        }
    }

    /// The final 100%, once, even when the last step already reported it.
    func finish() {
        if done % every != 0 || done == 0 { handler?(phase, done, total) }
    }
}
