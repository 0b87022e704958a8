import Foundation

/// Why a ballot is invalid. Entered ballots are validated before they are stored; a paper
/// (written) ballot the counting committee rejects is recorded with `.other` and its reason.
public enum BallotProblem: Error, Equatable, Hashable, Sendable {
    /// More marks than seats.
    case tooManyMarks(count: Int, max: Int)
    /// A mark for an id that is not on the round's shortlist.
    case unknownCandidate(String)
    /// The same candidate marked twice.
    case duplicateMark(String)
    /// Any other reason the counting committee records (blank paper torn, identifying marks ...).
    case other(String)

    /// Stable code for JSON and the minutes: `too_many_marks`, `unknown_candidate`, `duplicate_mark`, `other`.
    public var code: String {
        switch self {
        case .tooManyMarks: return "too_many_marks"
        case .unknownCandidate: return "unknown_candidate"
        case .duplicateMark: return "duplicate_mark"
        case .other: return "other"
        }
    }

    /// The detail that goes with the code: `"12/10"`, the id, or the recorded text.
    public var detail: String {
        switch self {
        case let .tooManyMarks(count, max): return "\(count)/\(max)"
        case let .unknownCandidate(id), let .duplicateMark(id): return id
        case let .other(text): return text
        }
    }
}

extension BallotProblem: Codable {
    private enum CodingKeys: String, CodingKey { case reason, detail }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .reason)
        try c.encode(detail, forKey: .detail)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let code = try c.decode(String.self, forKey: .reason)
        let detail = try c.decode(String.self, forKey: .detail)
        switch code {
        case "too_many_marks":
            let parts = detail.split(separator: "/")
            guard parts.count == 2, let n = Int(parts[0]), let m = Int(parts[1]) else {
                throw DecodingError.dataCorruptedError(forKey: .detail, in: c, debugDescription: "bad detail \(detail)")
            }
            self = .tooManyMarks(count: n, max: m)
        case "unknown_candidate": self = .unknownCandidate(detail)
        case "duplicate_mark": self = .duplicateMark(detail)
        default: self = .other(detail)
        }
    }
}

/// One member's secret approval ballot: the set of approved candidate ids (0 to max seats of them).
/// It carries no member, time or order: the store keys it by a random id.
public struct Ballot: Hashable, Sendable, Codable {
    public private(set) var approvals: Set<String>

    /// An unchecked ballot; use `validated` for anything a member entered.
    public init(approvals: Set<String>) {
        self.approvals = approvals
    }

    /// Validates marks as entered, in order: duplicates, then ids not on the shortlist, then count.
    public static func validated(marks: [String], shortlist: Set<String>, maxMarks: Int) throws(BallotProblem) -> Ballot {
        var seen = Set<String>()
        for id in marks {
            if !seen.insert(id).inserted { throw .duplicateMark(id) }
        }
        for id in marks where !shortlist.contains(id) { throw .unknownCandidate(id) }
        if marks.count > maxMarks { throw .tooManyMarks(count: marks.count, max: maxMarks) }
        return Ballot(approvals: seen)
    }

    /// Checks an already-built ballot (its ids cannot repeat) against a shortlist and seat count.
    public func problem(shortlist: Set<String>, maxMarks: Int) -> BallotProblem? {
        if let unknown = sortedApprovals.first(where: { !shortlist.contains($0) }) { return .unknownCandidate(unknown) }
        if approvals.count > maxMarks { return .tooManyMarks(count: approvals.count, max: maxMarks) }
        return nil
    }

    /// Approved ids in canonical order (by UTF-8 bytes, so any language computes the same order).
    public var sortedApprovals: [String] { Ballot.canonicalOrder(approvals) }

    /// The exact text the store hashes (SHA-256, UTF-8) to make the receipt code and the published
    /// fingerprint: `ballot:<ballotId>|approve:<id1>,<id2>,...` with the ids sorted by UTF-8 bytes.
    /// An empty ballot is `ballot:<ballotId>|approve:`. In ids and the ballot id, `%`, `,` and `|`
    /// are written `%25`, `%2C`, `%7C`, so no two different ballots share a text.
    public static func canonicalText<S: Sequence>(ballotId: String, choices: S) -> String where S.Element == String {
        let ids = canonicalOrder(choices).map(escape).joined(separator: ",")
        return "ballot:\(escape(ballotId))|approve:\(ids)"
    }

    public func canonicalText(ballotId: String) -> String {
        Ballot.canonicalText(ballotId: ballotId, choices: approvals)
    }

    /// A fresh random ballot id: 128 bits from the system's secure generator, 32 lowercase hex digits.
    public static func randomId() -> String {
        var rng = SystemRandomNumberGenerator()
        return (0..<16).map { _ in
            let byte = UInt8.random(in: 0...255, using: &rng)
            return String(byte, radix: 16).leftPadded(to: 2)
        }.joined()
    }

    static func canonicalOrder<S: Sequence>(_ ids: S) -> [String] where S.Element == String {
        Array(Set(ids)).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: ",", with: "%2C")
            .replacingOccurrences(of: "|", with: "%7C")
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Formats a ballot's hash for people: the first 80 bits in Crockford base32, four groups of four,
/// e.g. `K7QM-2XRA-9D4F-H0TB`.
///
/// Crockford's alphabet (`0-9 A-Z` without `I L O U`) is chosen because members read the code off a
/// screen and look for it in a printed list: no letter can be mistaken for a digit, and `normalize`
/// forgives the usual misreadings (O for 0, I or L for 1, lower case, missing dashes).
/// 80 bits make an accidental match between two ballots of a round practically impossible.
public enum ReceiptCode {
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    public static let groups = 4
    public static let groupLength = 4

    /// `hash` must hold at least 10 bytes (a SHA-256 digest has 32); only the first 10 are used.
    public static func format<Bytes: Collection>(_ hash: Bytes) -> String where Bytes.Element == UInt8 {
        precondition(hash.count >= 10, "a receipt code needs at least 80 bits")
        var chars: [Character] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in hash.prefix(10) {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                chars.append(alphabet[Int((buffer >> UInt32(bits)) & 31)])
            }
        }
        return stride(from: 0, to: chars.count, by: groupLength)
            .map { String(chars[$0..<min($0 + groupLength, chars.count)]) }
            .joined(separator: "-")
    }

    /// Canonical form of a code a person typed, or nil if it cannot be one: upper-cases, drops spaces
    /// and dashes, reads `O` as `0` and `I`/`L` as `1`, then regroups.
    public static func normalize(_ text: String) -> String? {
        var out: [Character] = []
        for ch in text.uppercased() {
            switch ch {
            case " ", "-", "\t": continue
            case "O": out.append("0")
            case "I", "L": out.append("1")
            default:
                guard alphabet.contains(ch) else { return nil }
                out.append(ch)
            }
        }
        guard out.count == groups * groupLength else { return nil }
        return stride(from: 0, to: out.count, by: groupLength)
            .map { String(out[$0..<$0 + groupLength]) }
            .joined(separator: "-")
    }
}
