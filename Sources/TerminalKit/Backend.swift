// The seam between frames and a real (or pretend) terminal.

/// What a terminal must offer: draw changed cells, place the cursor, read keys.
/// NcursesBackend is the real one; TestBackend records everything for tests and scripts.
public protocol Backend: AnyObject {
    /// Current screen size; it changes after a `.resize` key.
    var size: Size { get }
    /// Draws cells (continuation cells may be skipped: the wide cell before covers them).
    func draw(_ changes: [CellChange])
    /// Shows the cursor at a position (screen readers follow it) or hides it (nil).
    func setCursor(_ position: Position?)
    /// Makes everything drawn so far visible.
    func flush()
    /// The next key, waiting at most this long (negative waits forever); nil on timeout.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Blanks the whole screen; the next draw repaints from scratch.
    func clear()
}

/// A backend with an in-memory screen, a queue of keys, and a log of what was drawn.
public final class TestBackend: Backend {
    /// What the pretend terminal currently shows.
    public private(set) var screen: Buffer
    /// Keys `readKey` will return, first to last.
    public var pendingKeys: [Key]
    public private(set) var cursor: Position?
    /// Every `draw` call's changes, in order, so tests can see what was sent.
    public private(set) var drawCalls: [[CellChange]] = []
    public private(set) var flushCount = 0
    public private(set) var clearCount = 0
    /// Whether `drawCalls` keeps every draw: off for measuring, where the log would be counted as the
    /// application's memory (80 KB a frame).
    public let recording: Bool

    public init(size: Size, keys: [Key] = [], recording: Bool = true) {
        self.screen = Buffer(size: size)
        self.pendingKeys = keys
        self.recording = recording
    }

    public var size: Size { screen.size }

    public func draw(_ changes: [CellChange]) {
        if recording { drawCalls.append(changes) }
        for c in changes { screen.place(c.cell, at: c.position) }
    }

    public func setCursor(_ position: Position?) { cursor = position }
    public func flush() { flushCount += 1 }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    public func clear() {
        clearCount += 1
        screen = Buffer(size: screen.size)
    }

    /// Pretends the window was resized: the screen blanks and `.resize` is the next key.
    public func resize(to size: Size) {
        screen = Buffer(size: size)
        pendingKeys.insert(.resize, at: 0)
    }

    /// Appends keys from a key script (see `KeyScript`).
    public func enqueue(script: String) throws { pendingKeys += try KeyScript.parse(script) }

    /// The screen as text rows, for assertions and `dienhinh render`.
    public func lines(trimTrailingSpaces: Bool = true) -> [String] { screen.lines(trimTrailingSpaces: trimTrailingSpaces) }
}

extension Buffer {
    /// Stores a cell verbatim, as a terminal would after drawing it (used by TestBackend).
    mutating func place(_ cell: Cell, at p: Position) {
        guard p.x >= 0, p.y >= 0, p.x < size.width, p.y < size.height else { return }
        cells[p.y * size.width + p.x] = cell
    }
}

/// Owns the last frame shown, builds the next, and sends only the difference to a backend.
public final class Terminal {
    public let backend: any Backend
    /// The frame the backend is believed to show.
    public private(set) var previous: Buffer
    private var needsFullRedraw = true

    public init(backend: any Backend) {
        self.backend = backend
        self.previous = Buffer(size: backend.size)
    }

    /// Current drawing area (the backend's size).
    public var size: Size { backend.size }

    /// Builds a frame of the current size with `render` and shows it. Returns the changes sent.
    @discardableResult
    public func draw(_ render: (inout Buffer) -> Void) -> [CellChange] {
        var frame = Buffer(size: backend.size)
        render(&frame)
        return draw(frame)
    }

    /// Shows a finished frame. After a resize (size change) or `invalidate()` the screen is
    /// cleared and every non-blank cell is sent; otherwise only changed cells are.
    @discardableResult
    public func draw(_ frame: Buffer) -> [CellChange] {
        let changes: [CellChange]
        if needsFullRedraw || frame.size != previous.size || frame.size != backend.size {
            backend.clear()
            changes = diff(from: Buffer(size: frame.size), to: frame)
            needsFullRedraw = false
        } else {
            changes = diff(from: previous, to: frame)
        }
        if !changes.isEmpty { backend.draw(changes) }
        backend.setCursor(frame.cursor)
        backend.flush()
        previous = frame
        return changes
    }

    /// Forgets what is on screen so the next draw repaints everything (e.g. after a shell-out).
    public func invalidate() { needsFullRedraw = true }

    /// Reads a key; a `.resize` also schedules a full repaint for the next draw.
    public func readKey(timeoutMilliseconds: Int = -1) -> Key? {
        let key = backend.readKey(timeoutMilliseconds: timeoutMilliseconds)
        if key == .resize { needsFullRedraw = true }
        return key
    }
}
