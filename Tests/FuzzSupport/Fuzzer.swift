import Foundation
import PropertyBased
import Testing

/// Runs one property over generated inputs for a time budget, the way `make test` (short) and
/// `make fuzz` (long) want it.
///
/// The environment sets the budget and the randomness:
/// - `DIENHINH_FUZZ_SECONDS`: seconds per fuzzer (default 2; `make fuzz` sets 60).
/// - `DIENHINH_FUZZ_ITERATIONS`: a cap on inputs, for a replay that must not depend on speed.
/// - `DIENHINH_FUZZ_SEED`: the run's seed (default: a fresh one). Input number `i` of a run is drawn from
///   its own generator seeded by (seed, i), so `DIENHINH_FUZZ_CASE=seed:i` replays exactly that input.
///
/// The seed is printed before the first input, so even a run that crashes the process leaves it in the log.
public enum Fuzzer {
    static let environment = ProcessInfo.processInfo.environment

    public static var seconds: Double {
        environment["DIENHINH_FUZZ_SECONDS"].flatMap(Double.init) ?? 2
    }

    /// A failed property: the thrower says what went wrong; the harness adds the seed.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// Fails the current input unless `condition` holds.
    public static func check(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw Failure(message()) }
    }

    /// Runs `property` on inputs from `input` until the budget is spent or an input fails.
    /// The property returns a short outcome label ("imported", "refused" …); the summary counts them,
    /// so a fuzzer that never reaches one of its branches shows it in the log.
    /// Returns the number of inputs tried.
    @discardableResult
    public static func run<T>(_ name: String, seconds: Double = Fuzzer.seconds,
                              input: Generator<T, some Sequence>,
                              sourceLocation: SourceLocation = #_sourceLocation,
                              property: (T) throws -> String) -> Int {
        var (seed, only) = (UInt64.random(in: 1...UInt64.max), nil as Int?)
        if let s = environment["DIENHINH_FUZZ_SEED"].flatMap({ UInt64($0) }) { seed = s }
        if let c = environment["DIENHINH_FUZZ_CASE"]?.split(separator: ":"), c.count == 2,
           let s = UInt64(c[0]), let i = Int(c[1]) {
            (seed, only) = (s, i)
        }
        let cap = environment["DIENHINH_FUZZ_ITERATIONS"].flatMap(Int.init) ?? Int.max
        print("fuzz \(name): seed \(seed)")
        fflush(nil)  // stdout, before anything can crash
        let start = Date()
        var outcomes: [String: Int] = [:]
        var i = only ?? 0
        var tried = 0
        while tried < cap && (only != nil ? tried < 1 : Date().timeIntervalSince(start) < seconds) {
            var rng = caseGenerator(seed: seed, index: i)
            let value = input.run(using: &rng)
            do {
                outcomes[try property(value), default: 0] += 1
            } catch {
                Issue.record("""
                    fuzz \(name): input #\(i) failed: \(error)
                    input: \(preview(value))
                    replay: DIENHINH_FUZZ_CASE=\(seed):\(i)
                    """, sourceLocation: sourceLocation)
                return tried + 1
            }
            tried += 1
            i += 1
        }
        let elapsed = Date().timeIntervalSince(start)
        let counts = outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let rate = String(format: "%.1f s (%.0f/s)", elapsed, Double(tried) / max(elapsed, 0.001))
        print("fuzz \(name): \(tried) inputs in \(rate), seed \(seed): \(counts)")
        return tried
    }

    /// The generator for input `index` of the run seeded `seed` (splitmix64 spreads the pair over the state).
    static func caseGenerator(seed: UInt64, index: Int) -> Xoshiro {
        var x = seed ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15)
        func next() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return Xoshiro(seed: (next(), next(), next(), next()))
    }

    /// The failing input as a reader can paste it into a regression test: bytes as a Swift array, text escaped.
    static func preview<T>(_ value: T) -> String {
        let text: String
        switch value {
        case let d as Data: text = "[" + d.map { String(format: "0x%02X", $0) }.joined(separator: ", ") + "]"
        case let b as [UInt8]: text = "[" + b.map { String(format: "0x%02X", $0) }.joined(separator: ", ") + "]"
        case let s as String: text = s.debugDescription
        default: text = String(reflecting: value)
        }
        return text.count > 4000 ? String(text.prefix(4000)) + "… (\(text.count) characters)" : text
    }
}

/// Byte-level mutations of valid files: what a damaged copy, a careless edit or a hostile sender produces.
public enum Mutate {
    /// Bytes that break CSV, UTF-8 or JSON when dropped into the middle of a file.
    static let tokens: [[UInt8]] = [
        [0x22], [0x2C], [0x0A], [0x0D], [0x0D, 0x0A], [0x00], [0xEF, 0xBB, 0xBF], [0xFF], [0xC3], [0xE1, 0xBB],
        [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0x1B, 0x5B, 0x33, 0x31, 0x6D],
        Array("\"\"".utf8), Array(",,,".utf8), Array("Đức".utf8), Array("e\u{301}".utf8), Array("\u{2028}".utf8),
        Array("{".utf8), Array("}".utf8), Array("[".utf8), Array("]".utf8), Array(":".utf8), Array("null".utf8),
        Array("-1".utf8), Array("99999999999999999999".utf8), Array("1e400".utf8), Array("\\u0000".utf8),
        Array("\\ud800".utf8), Array(" ".utf8), Array("2019".utf8), Array("31/02/2019".utf8),
    ]

    /// One to four random edits of `bytes`.
    public static func bytes(_ original: [UInt8], using rng: inout some RandomNumberGenerator) -> [UInt8] {
        var b = original
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let at = b.isEmpty ? 0 : Int.random(in: 0...b.count, using: &rng)
            switch Int.random(in: 0..<10, using: &rng) {
            case 0 where !b.isEmpty:  // flip a bit
                let i = min(at, b.count - 1)
                b[i] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng)
            case 1 where !b.isEmpty:  // overwrite a byte
                b[min(at, b.count - 1)] = UInt8.random(in: 0...255, using: &rng)
            case 2, 3:  // drop in a troublesome token
                b.insert(contentsOf: tokens.randomElement(using: &rng)!, at: at)
            case 4:  // cut the file short
                b.removeSubrange(at...)
            case 5 where !b.isEmpty:  // delete a stretch
                let end = min(b.count, at + Int.random(in: 1...64, using: &rng))
                b.removeSubrange(min(at, end)..<end)
            case 6:  // repeat a line (duplicate ids, once-a-year records twice)
                let lines = b.split(separator: 0x0A, omittingEmptySubsequences: false)
                if let line = lines.randomElement(using: &rng) { b.insert(contentsOf: Array(line) + [0x0A], at: at) }
            case 7:  // a huge field
                let filler = UInt8.random(in: 0x61...0x7A, using: &rng)
                b.insert(contentsOf: [UInt8](repeating: filler, count: Int.random(in: 1_000...200_000, using: &rng)), at: at)
            case 8:  // copy a stretch elsewhere
                let from = b.isEmpty ? 0 : Int.random(in: 0..<b.count, using: &rng)
                let chunk = b[from..<min(b.count, from + Int.random(in: 1...200, using: &rng))]
                b.insert(contentsOf: Array(chunk), at: at)
            default:  // swap two bytes
                if b.count > 1 {
                    b.swapAt(Int.random(in: 0..<b.count, using: &rng), Int.random(in: 0..<b.count, using: &rng))
                }
            }
        }
        return b
    }
}
