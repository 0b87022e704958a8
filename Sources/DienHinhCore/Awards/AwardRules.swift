import Foundation

/// Where a rule comes from: the document, its article and clause, as a secretary checks it against the text.
public struct LegalSource: Codable, Hashable, Sendable {
    /// A key of `AwardRuleSet.documents`.
    public var document: String
    /// "Điều 9".
    public var article: String
    /// "khoản 2", "khoản 1, điểm a"; nil when the whole article is meant.
    public var clause: String?

    public init(document: String, article: String, clause: String? = nil) {
        self.document = document
        self.article = article
        self.clause = clause
    }
}

/// A legal text a rule set cites.
public struct LegalDocument: Codable, Hashable, Sendable {
    public var vi: String
    public var en: String
    /// ISO date the text took effect, when known.
    public var inForce: String?
    public var url: String?
    public var confirmed: Bool

    enum CodingKeys: String, CodingKey { case vi, en, inForce = "in_force", url, confirmed }

    public init(vi: String, en: String, inForce: String? = nil, url: String? = nil, confirmed: Bool = true) {
        (self.vi, self.en, self.inForce, self.url, self.confirmed) = (vi, en, inForce, url, confirmed)
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        vi = try c.decode(String.self, forKey: .vi)
        en = try c.decodeIfPresent(String.self, forKey: .en) ?? vi
        inForce = try c.decodeIfPresent(String.self, forKey: .inForce)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        confirmed = try c.decodeIfPresent(Bool.self, forKey: .confirmed) ?? false
    }
}

/// A record type a condition reads, with its class for the orders (Huân chương Lao động hạng Ba = HCLD, 3).
public struct RecordKind: Hashable, Sendable, Codable {
    public var type: AwardCode
    public var awardClass: Int?

    public init(_ type: AwardCode, awardClass: Int? = nil) {
        self.type = type
        self.awardClass = awardClass
    }

    /// An order of class `awardClass` or higher counts (hạng Nhì satisfies "has hạng Ba"); class 1 is the highest.
    public func matches(_ record: Achievement) -> Bool {
        guard record.type == type else { return false }
        guard let wanted = awardClass else { return true }
        return (record.awardClass ?? Int.max) <= wanted
    }
}

/// One requirement of an award, in the vocabulary of the plan's criteria.
public indirect enum AwardCondition: Hashable, Sendable {
    /// Held in each of the last `years` years, ending in the review year.
    case consecutive(RecordKind, years: Int)
    /// At least `atLeast` records of these kinds in the last `withinYears` years, ending in the review year.
    case count([RecordKind], atLeast: Int, withinYears: Int)
    /// Holds `prior`, and in each of the `years` years after it (up to the review year) `eachYear`.
    case since(RecordKind, years: Int, eachYear: RecordKind)
    case anyOf([AwardRequirement])
    /// No disciplinary record in the last `withinYears` years.
    case noDiscipline(withinYears: Int)
    /// What the records cannot show (an initiative's scope, an exemplary role): the unit attests it.
    case attested(vi: String, en: String)
}

/// A condition with where it comes from and whether the text was read.
public struct AwardRequirement: Hashable, Sendable {
    public var condition: AwardCondition
    public var source: LegalSource?
    /// False when the condition could not be confirmed from a text: shown as unconfirmed, its number editable.
    public var confirmed: Bool
    public var note: String?

    public init(_ condition: AwardCondition, source: LegalSource? = nil, confirmed: Bool = true, note: String? = nil) {
        self.condition = condition
        self.source = source
        self.confirmed = confirmed
        self.note = note
    }

    /// The one number a secretary may change on an unconfirmed condition (years, or how many).
    public var parameter: Int? {
        switch condition {
        case .consecutive(_, let n), .since(_, let n, _), .noDiscipline(let n): n
        case .count(_, let m, _): m
        case .anyOf, .attested: nil
        }
    }

    public func with(parameter value: Int) -> AwardRequirement {
        var copy = self
        switch condition {
        case .consecutive(let k, _): copy.condition = .consecutive(k, years: value)
        case .since(let k, _, let each): copy.condition = .since(k, years: value, eachYear: each)
        case .noDiscipline: copy.condition = .noDiscipline(withinYears: value)
        case .count(let ks, _, let w): copy.condition = .count(ks, atLeast: value, withinYears: w)
        case .anyOf, .attested: break
        }
        return copy
    }
}

/// The council vote an award needs.
public struct VoteRule: Hashable, Sendable {
    /// "90%" as an exact fraction.
    public var share: Fraction
    /// Of all voting members (the law's base), or of those present.
    public var ofAllMembers: Bool
    /// Nil when the text read does not say whether the ballot is secret.
    public var secret: Bool?
    public var source: LegalSource?
    public var confirmed: Bool
    /// A bloc's members vote (the sector flag), not the council.
    public var bloc: Bool

    public init(share: Fraction, ofAllMembers: Bool = true, secret: Bool? = true, source: LegalSource? = nil,
                confirmed: Bool = true, bloc: Bool = false) {
        (self.share, self.ofAllMembers, self.secret, self.source, self.confirmed, self.bloc) =
            (share, ofAllMembers, secret, source, confirmed, bloc)
    }
}

/// Whether the proposal must be posted for public comment before the vote.
public struct ConsultationRule: Hashable, Sendable {
    public var required: Bool
    public var source: LegalSource?
    public var confirmed: Bool

    public init(required: Bool, source: LegalSource? = nil, confirmed: Bool = true) {
        (self.required, self.source, self.confirmed) = (required, source, confirmed)
    }
}

/// One award of a period's rule set.
public struct AwardRule: Hashable, Sendable {
    /// The catalog code of DOMAIN.md, or a path code the catalog lacks (`HCLD_3`).
    public var award: String
    public var kind: CandidateKind
    public var requirements: [AwardRequirement]
    public var vote: VoteRule?
    public var consultation: ConsultationRule?
    public var source: LegalSource
    public var confirmed: Bool
    public var note: String?

    public init(award: String, kind: CandidateKind, requirements: [AwardRequirement], vote: VoteRule? = nil,
                consultation: ConsultationRule? = nil, source: LegalSource, confirmed: Bool = true, note: String? = nil) {
        (self.award, self.kind, self.requirements, self.vote, self.consultation, self.source, self.confirmed, self.note) =
            (award, kind, requirements, vote, consultation, source, confirmed, note)
    }

    /// The record this award is, when held: `HCLD_3` is an HCLD of class 3.
    public var record: RecordKind? { AwardRule.record(forAward: award) }

    public static func record(forAward code: String) -> RecordKind? {
        if let type = AwardCode(rawValue: code) { return RecordKind(type) }
        let parts = code.split(separator: "_")
        guard parts.count == 2, let type = AwardCode(rawValue: String(parts[0])), type.hasClasses,
              let c = Int(parts[1]), (1...3).contains(c) else { return nil }
        return RecordKind(type, awardClass: c)
    }
}

/// The award rules of one legal period, as shipped in `Resources/data/award_rules/`.
public struct AwardRuleSet: Hashable, Sendable {
    /// "2017-2023".
    public var period: String
    public var version: Int
    /// The review years whose 31 December falls in this period.
    public var fromYear: Int
    public var toYear: Int?
    public var documents: [String: LegalDocument]
    public var rules: [AwardRule]

    public init(period: String, version: Int, fromYear: Int, toYear: Int?, documents: [String: LegalDocument], rules: [AwardRule]) {
        (self.period, self.version, self.fromYear, self.toYear, self.documents, self.rules) =
            (period, version, fromYear, toYear, documents, rules)
    }

    public func covers(year: Int) -> Bool { year >= fromYear && (toYear.map { year <= $0 } ?? true) }

    /// "Nghị định số 91/2017/NĐ-CP": a cited document's title up to its date, as a citation names it; the key when the
    /// set does not hold it.
    public func shortTitle(of key: String, english: Bool) -> String {
        guard let d = documents[key] else { return key }
        let title = english ? d.en : d.vi
        for cut in [" ngày ", " dated ", " of ", " của "] {
            if let r = title.range(of: cut) { return String(title[..<r.lowerBound]) }
        }
        return title
    }

    public func rules(for kind: CandidateKind) -> [AwardRule] { rules.filter { $0.kind == kind } }

    public func rule(award: String, kind: CandidateKind) -> AwardRule? {
        rules.first { $0.award == award && $0.kind == kind }
    }

    /// This set with a secretary's value for an unconfirmed number. Confirmed conditions are the law's and refused.
    public func setting(award: String, kind: CandidateKind, requirement index: Int, to value: Int) throws -> AwardRuleSet {
        guard let r = rules.firstIndex(where: { $0.award == award && $0.kind == kind }) else {
            throw AwardRuleEditError.unknownAward(award)
        }
        guard rules[r].requirements.indices.contains(index), rules[r].requirements[index].parameter != nil else {
            throw AwardRuleEditError.noParameter(award, index + 1)
        }
        guard !rules[r].requirements[index].confirmed else { throw AwardRuleEditError.confirmed(award, index + 1) }
        guard (0...60).contains(value) else { throw AwardRuleEditError.outOfRange(value) }
        var copy = self
        copy.rules[r].requirements[index] = rules[r].requirements[index].with(parameter: value)
        return copy
    }
}

public enum AwardRuleEditError: Error, Equatable {
    case unknownPeriod(String)
    case unknownAward(String)
    case noParameter(String, Int)
    case confirmed(String, Int)
    case outOfRange(Int)
}

/// Every period's rule set; the review year picks the one in force on its 31 December.
public struct AwardRuleBook: Sendable {
    public var sets: [AwardRuleSet]

    public init(sets: [AwardRuleSet]) { self.sets = sets.sorted { $0.fromYear < $1.fromYear } }

    public func ruleSet(forYear year: Int) -> AwardRuleSet? { sets.last { $0.covers(year: year) } }

    public func ruleSet(period: String) -> AwardRuleSet? { sets.first { $0.period == period } }
}
