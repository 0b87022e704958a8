// Layout by constraints, the ratatui way: describe the parts, let the split do the sums.

/// Which way `Rect.split` cuts: `.vertical` stacks rows, `.horizontal` places columns side by side.
public enum Direction: Hashable, Sendable { case horizontal, vertical }

/// How much of the split a part wants.
public enum Constraint: Hashable, Sendable {
    /// Exactly n cells.
    case length(Int)
    /// At least n cells; grows into spare space.
    case min(Int)
    /// Up to n cells of spare space.
    case max(Int)
    /// A share of the whole, rounded down.
    case percentage(Int)
    /// A weighted share of what is left after the others.
    case fill(Int)
}

extension Rect {
    /// Cuts this rect into one part per constraint. The parts tile the rect exactly: their
    /// lengths always sum to its width (or height). Spare space goes to `min`, `max` and
    /// `fill` parts by weight, or to the last part when none can grow; on overflow the last
    /// parts shrink first.
    public func split(_ direction: Direction, _ constraints: [Constraint]) -> [Rect] {
        let total = direction == .horizontal ? width : height
        let lengths = Layout.lengths(total: total, constraints)
        var offset = direction == .horizontal ? x : y
        return lengths.map { len in
            defer { offset += len }
            return direction == .horizontal
                ? Rect(x: offset, y: y, width: len, height: height)
                : Rect(x: x, y: offset, width: width, height: len)
        }
    }
}

/// The arithmetic behind `Rect.split`, separate so it can be tested on plain numbers.
public enum Layout {
    /// Lengths for `constraints` that sum exactly to `total` (when there is at least one).
    public static func lengths(total: Int, _ constraints: [Constraint]) -> [Int] {
        guard !constraints.isEmpty else { return [] }
        let total = Swift.max(0, total)
        var sizes = constraints.map { c -> Int in
            switch c {
            case .length(let n), .min(let n): return Swift.max(0, n)
            case .percentage(let p): return total * Swift.max(0, Swift.min(100, p)) / 100
            case .max, .fill: return 0
            }
        }
        var left = total - sizes.reduce(0, +)
        // Overflow: shrink from the end so headers and the first parts survive.
        var i = sizes.count - 1
        while left < 0 && i >= 0 {
            let cut = Swift.min(sizes[i], -left)
            sizes[i] -= cut; left += cut; i -= 1
        }
        // Spare space: share among the parts that can grow, by weight, respecting caps.
        func weight(_ c: Constraint) -> Int {
            switch c {
            case .min: return 1
            case .max(let n): return n > 0 ? 1 : 0
            case .fill(let w): return Swift.max(0, w)
            default: return 0
            }
        }
        func room(_ k: Int) -> Int {
            if case .max(let n) = constraints[k] { return Swift.max(0, n - sizes[k]) }
            return Int.max
        }
        while left > 0 {
            let active = constraints.indices.filter { weight(constraints[$0]) > 0 && room($0) > 0 }
            if active.isEmpty { break }
            let totalWeight = active.reduce(0) { $0 + weight(constraints[$1]) }
            var given = 0
            for k in active {
                let share = Swift.min(room(k), left * weight(constraints[k]) / totalWeight)
                sizes[k] += share; given += share
            }
            if given == 0 {
                // Rounding left a remainder smaller than the weights: hand it out one by one.
                for k in active where left > 0 && room(k) > 0 { sizes[k] += 1; left -= 1 }
            } else {
                left -= given
            }
        }
        if left > 0 { sizes[sizes.count - 1] += left }
        return sizes
    }
}
