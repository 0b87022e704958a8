import Foundation

/// One reason a collective is close to the title Anh hùng Lao động, from its own records.
public enum ReadinessFactor: Equatable, Hashable, Sendable {
    /// The best Huân chương Độc lập held: class and year.
    case independenceOrder(awardClass: Int, year: Int)
    /// The best Huân chương Lao động held.
    case labourOrder(awardClass: Int, year: Int)
    /// Cờ thi đua của Chính phủ: how many years.
    case governmentFlags(count: Int)
    /// The longest run of consecutive years with any emulation flag (CO_CP, CO_NGANH, CO_KHOI).
    case consecutiveFlags(years: Int, from: Int, to: Int)
    /// Years of hoàn thành vượt mức chỉ tiêu nghiệp vụ.
    case overTargetYears(count: Int)
    /// Recognised initiatives (sáng kiến).
    case initiatives(count: Int)

    /// The string key and arguments that word this factor (`ahld.why.*` in the strings files).
    public var text: (key: String, args: [String]) {
        switch self {
        case let .independenceOrder(c, y): ("ahld.why.hcdl", [String(c), String(y)])
        case let .labourOrder(c, y): ("ahld.why.hcld", [String(c), String(y)])
        case let .governmentFlags(n): ("ahld.why.co_cp", [String(n)])
        case let .consecutiveFlags(n, a, b): ("ahld.why.flags", [String(n), String(a), String(b)])
        case let .overTargetYears(n): ("ahld.why.over_target", [String(n)])
        case let .initiatives(n): ("ahld.why.initiatives", [String(n)])
        }
    }

    /// Points towards the ranking: state orders weigh most, then government flags, then flag runs and results.
    public var points: Int {
        switch self {
        case .independenceOrder(let c, _): 50 - 5 * c
        case .labourOrder(let c, _): 35 - 5 * c
        case .governmentFlags(let n): 8 * n
        case .consecutiveFlags(let n, _, _): 4 * n
        case .overTargetYears(let n): 2 * n
        case .initiatives(let n): min(n, 5)
        }
    }
}

/// A collective ranked by how close it is to qualifying for Anh hùng Lao động.
public struct AHLDReadiness: Equatable, Sendable {
    public var candidate: Candidate
    public var score: Int
    public var factors: [ReadinessFactor]
    /// Already proposed for AHLD (any year up to the target year), and how it ended.
    public var proposal: ProposalOutcome?

    /// Evaluates one collective's records up to `year`; nil for an individual, a holder of AHLD, or no relevant record.
    public static func evaluate(_ candidate: Candidate, records: [Achievement], year: Int) -> AHLDReadiness? {
        guard candidate.kind == .collective else { return nil }
        let rs = records.filter { $0.year <= year }
        if rs.contains(where: { $0.type == .AHLD }) { return nil }
        var factors: [ReadinessFactor] = []
        func best(_ type: AwardCode) -> Achievement? {
            rs.filter { $0.type == type }.min { ($0.awardClass ?? 3, -$0.year) < ($1.awardClass ?? 3, -$1.year) }
        }
        if let h = best(.HCDL) { factors.append(.independenceOrder(awardClass: h.awardClass ?? 3, year: h.year)) }
        if let h = best(.HCLD) { factors.append(.labourOrder(awardClass: h.awardClass ?? 3, year: h.year)) }
        let cp = Set(rs.filter { $0.type == .CO_CP }.map(\.year)).count
        if cp > 0 { factors.append(.governmentFlags(count: cp)) }
        let flagYears = Set(rs.filter { [.CO_CP, .CO_NGANH, .CO_KHOI].contains($0.type) }.map(\.year))
        if let run = longestRun(flagYears), run.count >= 2 {
            factors.append(.consecutiveFlags(years: run.count, from: run.from, to: run.to))
        }
        let over = Set(rs.filter { $0.type == .VUOT_CHI_TIEU }.map(\.year)).count
        if over > 0 { factors.append(.overTargetYears(count: over)) }
        let initiatives = rs.filter { $0.type == .SANG_KIEN }.count
        if initiatives > 0 { factors.append(.initiatives(count: initiatives)) }
        guard !factors.isEmpty else { return nil }
        return AHLDReadiness(candidate: candidate, score: factors.map(\.points).reduce(0, +), factors: factors, proposal: nil)
    }

    /// The longest run of consecutive years (latest run wins a tie).
    static func longestRun(_ years: Set<Int>) -> (count: Int, from: Int, to: Int)? {
        var best: (count: Int, from: Int, to: Int)?
        for y in years.sorted() where !years.contains(y - 1) {
            var end = y
            while years.contains(end + 1) { end += 1 }
            let n = end - y + 1
            if best == nil || n >= best!.count { best = (n, y, end) }
        }
        return best
    }

    /// Why this collective is close, in words: `format` looks a string key up with its arguments.
    public func explanation(_ format: (String, [String]) -> String) -> String {
        var parts = factors.map { format($0.text.key, $0.text.args) }
        if let p = proposal { parts.append(format("ahld.why.proposed", [format("proposal.outcome.\(p.rawValue)", [])])) }
        return parts.joined(separator: "; ")
    }

    /// Highest score first, then name, then id: a stable ranking.
    public static func rank(_ list: [AHLDReadiness]) -> [AHLDReadiness] {
        list.sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            let fa = TextFolding.fold(a.candidate.name), fb = TextFolding.fold(b.candidate.name)
            return fa != fb ? fa < fb : a.candidate.id < b.candidate.id
        }
    }
}

/// I.1: "đến năm 2020 … Anh hùng Lao động cho ít nhất 02 tập thể" as progress.
public struct AHLDTargetProgress: Equatable, Sendable {
    /// Distinct collectives proposed for AHLD in the plan's years (any outcome but rejected counts as proposed;
    /// rejected ones are listed apart).
    public var proposed: [Proposal]
    public var rejected: [Proposal]
    public var target: Int
    public var byYear: Int
    public var closest: [AHLDReadiness]

    public init(proposals: [Proposal], target: Int, byYear: Int, closest: [AHLDReadiness]) {
        let ahld = proposals.filter { $0.award == .AHLD && $0.kind == .collective && $0.year <= byYear }
        var seen = Set<String>()
        proposed = ahld.filter { $0.outcome != .rejected }.filter { seen.insert($0.candidateId).inserted }
        rejected = ahld.filter { $0.outcome == .rejected && !seen.contains($0.candidateId) }
        self.target = target
        self.byYear = byYear
        self.closest = closest
    }

    public var count: Int { proposed.count }
    public var approved: Int { proposed.filter { $0.outcome == .approved }.count }
    public var met: Bool { count >= target }
}
