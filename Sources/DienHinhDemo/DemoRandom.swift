import DienHinhCore
/// SplitMix64: a tiny, fast, portable generator. The demo data must be identical on every run and
/// platform for the same seed, so nothing here touches the system generator, `Hasher` (seeded per
/// process) or floating point.
public struct DemoRandom: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one unit: the run's seed mixed with a stable hash of the unit code.
    init(seed: UInt64, salt: String) {
        var probe = DemoRandom(seed: seed ^ DemoRandom.fnv1a(salt))
        state = probe.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<n` (n > 0); the modulo bias is irrelevant at these sizes.
    public mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// Uniform in the closed range.
    mutating func int(in range: ClosedRange<Int>) -> Int { range.lowerBound + int(range.count) }

    /// True with probability `perMille` / 1000.
    mutating func chance(_ perMille: Int) -> Bool { int(1000) < perMille }

    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

    /// 64-bit FNV-1a over UTF-8: stable across processes, unlike `hashValue`.
    static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }

    /// One-shot mix of a few integers into a well-spread value.
    static func mix(_ values: UInt64...) -> UInt64 {
        var g = DemoRandom(seed: 0x5EED)
        var acc: UInt64 = 0
        for v in values {
            g.state ^= v &+ acc
            acc = g.next()
        }
        return acc
    }
}

/// A weighted choice, prepared once: cumulative integer weights.
struct WeightedTable<T> {
    let items: [T]
    let cumulative: [Int]
    var total: Int { cumulative.last ?? 0 }

    init(_ pairs: [(T, Int)]) {
        items = pairs.map(\.0)
        var sum = 0
        cumulative = pairs.map { sum += $0.1; return sum }
    }

    func pick(_ rng: inout DemoRandom) -> T {
        let r = rng.int(total)
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > r { hi = mid } else { lo = mid + 1 }
        }
        return items[lo]
    }
}

extension WeightedTable: Sendable where T: Sendable {}
