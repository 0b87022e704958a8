// Integer cell geometry: columns grow to the right, rows grow downward, origin top-left.

/// A cell coordinate on the screen, used for the terminal cursor and diffs.
public struct Position: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
    public var description: String { "(\(x),\(y))" }
}

/// A terminal or widget size in cells.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = max(0, width); self.height = max(0, height) }
    /// The smallest terminal the app lays out for; below it a "too small" notice is drawn.
    public static let minimumApp = Size(width: 80, height: 24)
    /// Whether a layout designed for `minimum` fits, so the app can choose the notice instead.
    public func isAtLeast(_ minimum: Size) -> Bool { width >= minimum.width && height >= minimum.height }
    public var description: String { "\(width)x\(height)" }
}

/// A rectangle of cells; widgets render into one and layout splits one into many.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    /// The whole screen of the given size.
    public init(size: Size) { self.init(x: 0, y: 0, width: size.width, height: size.height) }

    public var size: Size { Size(width: width, height: height) }
    /// First column past the right edge.
    public var right: Int { x + width }
    /// First row past the bottom edge.
    public var bottom: Int { y + height }
    /// An empty rect draws nothing; widgets bail out early on it.
    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var description: String { "Rect(\(x),\(y) \(width)x\(height))" }

    public func contains(_ p: Position) -> Bool { p.x >= x && p.x < right && p.y >= y && p.y < bottom }

    /// The overlap of two rects (empty when they do not touch), for clipping.
    public func intersection(_ other: Rect) -> Rect {
        let nx = max(x, other.x), ny = max(y, other.y)
        let nr = min(right, other.right), nb = min(bottom, other.bottom)
        return Rect(x: nx, y: ny, width: nr - nx, height: nb - ny)
    }

    /// Shrinks on every side (negative values never grow past zero size), e.g. inside a border.
    public func inset(by margin: Int) -> Rect { inset(horizontal: margin, vertical: margin) }

    /// Shrinks by separate horizontal and vertical margins.
    public func inset(horizontal: Int, vertical: Int) -> Rect {
        let w = max(0, width - 2 * horizontal), h = max(0, height - 2 * vertical)
        return Rect(x: x + min(horizontal, width / 2), y: y + min(vertical, height / 2), width: w, height: h)
    }

    /// A rect of at most the given size centred inside this one, for dialogs and notices.
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(max(0, w), width), ch = min(max(0, h), height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// The single row at `offset` from the top, clipped to this rect.
    public func row(_ offset: Int) -> Rect {
        guard offset >= 0, offset < height else { return Rect(x: x, y: y + offset, width: width, height: 0) }
        return Rect(x: x, y: y + offset, width: width, height: 1)
    }
}
