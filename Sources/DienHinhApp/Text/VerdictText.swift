import DienHinhCore
import DienHinhResources
import Foundation

/// The plan's wording of each clause, from `clauses.json`.
public struct ClauseWording: Sendable {
    struct Entry: Decodable { var clause: String; var vi: String; var en: String }
    let entries: [String: Entry]

    public static let shipped = ClauseWording()

    init() {
        let list = (try? JSONDecoder().decode([Entry].self, from: DienHinhResources.data("clauses.json"))) ?? []
        entries = Dictionary(uniqueKeysWithValues: list.map { ($0.clause, $0) })
    }

    /// The wording with the verdict's own parameters filled in.
    public func text(_ clause: Clause, _ language: Language, parameters: EligibilityParameters = .plan) -> String {
        guard let e = entries[clause.rawValue] else { return clause.rawValue }
        return (language == .en ? e.en : e.vi)
            .replacingOccurrences(of: "{n}", with: String(clause == .collectiveFlags ? parameters.flagConsecutiveYears : parameters.consecutiveYears))
            .replacingOccurrences(of: "{m}", with: String(parameters.minInitiatives))
            .replacingOccurrences(of: "{from}", with: String(parameters.flagWindowStart))
            .replacingOccurrences(of: "{to}", with: String(parameters.flagWindowEnd))
    }
}

extension ClauseWording {
    /// The plan's point a clause belongs to: "1.2a" for `1.2a.6`.
    public func point(_ clause: Clause) -> String {
        String(clause.rawValue.split(separator: ".").dropLast().joined(separator: "."))
    }

    /// Its place inside the point, as the plan is laid out: the opening sentence, a dash (gạch đầu dòng) by its
    /// number, or the closing paragraph on leaders.
    public func part(_ clause: Clause, _ s: Strings) -> String {
        let item = clause.rawValue.split(separator: ".").last.map(String.init) ?? clause.rawValue
        switch item {
        case "base": return s("clause.part.lead")
        case "leader": return s("clause.part.closing")
        default: return s("clause.part.dash", item)
        }
    }

    /// The clause's number as a person finds it in the plan: "điểm 1.2a, gạch đầu dòng 6" (issue 20); the code
    /// (`1.2a.6`) stays in JSON.
    public func label(_ clause: Clause, _ s: Strings) -> String { s("clause.label", point(clause), part(clause, s)) }
}

/// Verdicts and records in words a council member can check.
public struct VerdictText: Sendable {
    public let strings: Strings

    public init(strings: Strings) { self.strings = strings }

    public func awardName(_ code: AwardCode) -> String { strings("award.\(code.rawValue)") }

    /// A change's label as the store keeps it ("CN-H429-0001 2019 BK_UBND", or a name) with each award type named.
    public func changeLabel(_ label: String) -> String {
        label.split(separator: " ", omittingEmptySubsequences: false)
            .map { AwardCode(rawValue: String($0)).map(awardName) ?? String($0) }.joined(separator: " ")
    }

    /// "HCLD hạng Ba 2016" style: the record as a person reads it.
    public func evidence(_ e: Evidence) -> String {
        var s = awardName(e.type)
        if let c = e.awardClass { s += " " + strings("award.class", c) }
        if let p = e.proposedAward { s += " (" + strings("award.proposed", awardName(p)) + ")" }
        s += " " + String(e.year)
        if let d = e.decisionNo { s += ", " + strings("record.decision", d) }
        if let other = e.candidateId { s += " — " + strings("evidence.of", other) }
        return s
    }

    /// "2 bản ghi trùng QĐ 562/QĐ-VKS (Sáng kiến 2020): tính 1".
    public func copies(_ c: RecordCopies) -> String {
        let decision = c.decisionNo.map { strings("record.decision", $0) } ?? strings("record.decision_dated", c.decisionDate ?? "")
        return strings("verdict.copies", c.count, decision, awardName(c.type), c.year)
    }

    /// Why the clause came out as it did.
    public func finding(_ f: Finding, year: Int) -> String {
        switch f {
        case .attested(let missing):
            return missing.isEmpty ? strings("finding.attested") : strings("finding.not_attested", missing.map { strings("attest.\($0)") }.joined(separator: ", "))
        case .found:
            return strings("finding.found")
        case .noneHeld(let types):
            return strings("finding.none_held", types.map(awardName).joined(separator: ", "), year)
        case let .sustained(run, needRun, initiatives, needInitiatives, org):
            return strings("finding.sustained", run, needRun, year, initiatives, needInitiatives, org ? strings("yes") : strings("no"))
        case let .yearRecord(exceeded, initiatives, disciplined):
            return strings("finding.year_record", year, exceeded ? strings("yes") : strings("no"), initiatives, disciplined)
        case let .flagRun(longest, need, from, to):
            return strings("finding.flag_run", longest, need, from, to)
        case .notApplicable:
            return strings("finding.not_leader")
        case let .leaderCollective(id, name, eligible, failed):
            return eligible ? strings("finding.leader_ok", name, id)
                : strings("finding.leader_fails", name, id, failed.map { ClauseWording.shipped.part($0, strings) }.joined(separator: ", "))
        case .noCollectiveRecord(let unit):
            return strings("finding.no_collective", unit)
        }
    }
}
