import Foundation

/// An exact non-negative rational number, always kept in lowest terms.
///
/// Thresholds and quorums are fractions of a head count; computing them in floating point
/// gets the boundary wrong (e.g. `0.9 * 21` is 18.900000000000002). Every comparison in the
/// voting rules goes through integer cross-multiplication on this type instead.
public struct Fraction: Hashable, Sendable, CustomStringConvertible {
    public let numerator: Int
    public let denominator: Int

    /// The largest numerator or denominator accepted, so that `count * numerator` cannot overflow.
    public static let limit = 1_000_000_000

    /// Nil when the denominator is not positive, the numerator is negative, or either is over `limit`.
    public init?(_ numerator: Int, _ denominator: Int) {
        guard denominator > 0, numerator >= 0, numerator <= Fraction.limit, denominator <= Fraction.limit else {
            return nil
        }
        let g = Fraction.gcd(numerator, denominator)
        self.numerator = numerator / g
        self.denominator = denominator / g
    }

    /// Parses `"0.5"`, `".9"`, `"1"`, `"2/3"` and `"50%"` / `"66.5%"` exactly (no floating point).
    /// Surrounding spaces are ignored; a comma is accepted as the decimal separator (`"0,5"`).
    public init?(parsing text: String) {
        var s = text.trimmingCharacters(in: .whitespaces)
        if let slash = s.firstIndex(of: "/") {
            let left = s[..<slash].trimmingCharacters(in: .whitespaces)
            let right = s[s.index(after: slash)...].trimmingCharacters(in: .whitespaces)
            guard Fraction.isDigits(left), Fraction.isDigits(right),
                  let n = Int(left), let d = Int(right) else { return nil }
            self.init(n, d)
            return
        }
        var scale = 1
        if s.hasSuffix("%") {
            s.removeLast()
            s = s.trimmingCharacters(in: .whitespaces)
            scale = 100
        }
        s = s.replacingOccurrences(of: ",", with: ".")
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts.first.map(String.init) ?? ""
        let frac = parts.count > 1 ? String(parts[1]) : ""
        guard !(whole.isEmpty && frac.isEmpty), whole.isEmpty || Fraction.isDigits(whole),
              frac.isEmpty || Fraction.isDigits(frac), frac.count <= 9, whole.count <= 9 else { return nil }
        var denominator = 1
        for _ in 0..<frac.count { denominator *= 10 }
        guard let w = whole.isEmpty ? 0 : Int(whole), let f = frac.isEmpty ? 0 : Int(frac) else { return nil }
        let (n, overflow) = w.multipliedReportingOverflow(by: denominator)
        guard !overflow else { return nil }
        self.init(n + f, denominator * scale)
    }

    /// `"1/2"`, `"9/10"`, `"2/3"`: the canonical, lossless text form.
    public var description: String { "\(numerator)/\(denominator)" }

    /// For display and for the JSON contract's `"threshold": 0.5`; never used in a comparison.
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    /// The smallest integer `k` with `k / count >= self` (at least this fraction of `count`).
    public func atLeastCount(of count: Int) -> Int {
        let product = count * numerator
        return (product + denominator - 1) / denominator
    }

    /// The smallest integer `k` with `k / count > self` (more than this fraction of `count`).
    public func moreThanCount(of count: Int) -> Int {
        count * numerator / denominator + 1
    }

    /// Whether `part / whole` is at least (or, with `strictly`, more than) this fraction; exact.
    public func isReached(by part: Int, of whole: Int, strictly: Bool) -> Bool {
        let lhs = part * denominator
        let rhs = whole * numerator
        return strictly ? lhs > rhs : lhs >= rhs
    }

    /// In (0, 1].
    public var isProperPositive: Bool { numerator > 0 && numerator <= denominator }

    public static let half = Fraction(1, 2)!
    public static let twoThirds = Fraction(2, 3)!
    public static let ninetyPercent = Fraction(9, 10)!

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }

    private static func isDigits(_ s: String) -> Bool {
        !s.isEmpty && s.unicodeScalars.allSatisfy { $0.value >= 48 && $0.value <= 57 }
    }
}

extension Fraction: Codable {
    /// Encoded as its canonical text (`"2/3"`); decodes any text `init(parsing:)` accepts.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Fraction(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a fraction: \(text)")
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
