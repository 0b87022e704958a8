import Foundation

/// `dienhinh path --json`: one object per award of the period, codes only (docs/CLI.md).
public struct AwardStepJSON: Encodable, Equatable, Sendable {
    public struct Source: Encodable, Equatable, Sendable {
        /// The document's title as the rule set names it.
        public var document: String
        /// The rule set's key for it (`ND91_2017`).
        public var documentKey: String
        public var article: String
        public var clause: String?

        enum CodingKeys: String, CodingKey { case document, documentKey = "document_key", article, clause }

        init?(_ s: LegalSource?, _ set: AwardRuleSet) {
            guard let s else { return nil }
            document = set.documents[s.document]?.vi ?? s.document
            documentKey = s.document
            article = s.article
            clause = s.clause
        }
    }

    public struct Record: Encodable, Equatable, Sendable {
        public var type: AwardCode
        public var year: Int
        public var awardClass: Int?
        public var decisionNo: String?

        enum CodingKeys: String, CodingKey { case type, year, awardClass = "class", decisionNo = "decision_no" }

        init(_ a: Achievement) { (type, year, awardClass, decisionNo) = (a.type, a.year, a.awardClass, a.decisionNo) }
    }

    /// One unmet requirement: which, what it asks, what there is and what is still needed.
    public struct Missing: Encodable, Equatable, Sendable {
        /// 1-based position in the rule.
        public var requirement: Int
        public var condition: String
        public var records: [String]
        public var years: Int?
        public var atLeast: Int?
        public var has: [Int]?
        public var hasCount: Int?
        public var needs: [Int]?
        public var priorYear: Int?
        public var brokenIn: Int?
        public var confirmed: Bool

        enum CodingKeys: String, CodingKey {
            case requirement, condition, records, years, atLeast = "at_least", has, hasCount = "has_count", needs
            case priorYear = "prior_year", brokenIn = "broken_in", confirmed
        }

        init(index: Int, _ o: RequirementOutcome) {
            requirement = index + 1
            confirmed = o.requirement.confirmed
            condition = "any_of"
            records = []
            switch o.shortfall {
            case .run(let k, let n, let h, let need):
                (condition, records, years, has, needs) = ("consecutive", [k.code], n, h, need)
            case .count(let ks, let m, let w, let h):
                (condition, records, atLeast, years, hasCount) = ("count", ks.map(\.code), m, w, h)
            case .noPrior(let k):
                (condition, records) = ("since", [k.code])
            case .afterPrior(let k, let p, let each, let n, let h, let need, let broken):
                (condition, records, priorYear, years, has, needs, brokenIn) = ("since", [k.code, each.code], p, n, h, need, broken)
            case .discipline(let ys, let w):
                (condition, records, has, years) = ("no_discipline", ["KY_LUAT"], ys, w)
            case .noneOf, nil:
                break
            }
        }
    }

    public struct Vote: Encodable, Equatable, Sendable {
        /// 0.9 for display; `share_exact` ("9/10") is what a program compares.
        public var share: Double
        public var shareExact: String
        public var base: String
        /// Null when the text read does not say.
        public var secret: Bool?
        public var source: Source?
        public var confirmed: Bool

        enum CodingKeys: String, CodingKey { case share, shareExact = "share_exact", base, secret, source, confirmed }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(share, forKey: .share)
            try c.encode(shareExact, forKey: .shareExact)
            try c.encode(base, forKey: .base)
            try c.encode(secret, forKey: .secret)
            try c.encodeIfPresent(source, forKey: .source)
            try c.encode(confirmed, forKey: .confirmed)
        }
    }

    public struct Consultation: Encodable, Equatable, Sendable {
        public var required: Bool
        public var source: Source?
        public var confirmed: Bool
    }

    public var award: String
    public var kind: CandidateKind
    public var period: String
    public var met: Bool
    public var missing: [Missing]
    /// Requirements the unit attests (the records cannot show them), in Vietnamese as the rule set words them.
    public var toAttest: [String]
    public var evidence: [Record]
    public var earliestYear: Int?
    public var heldIn: Int?
    public var vote: Vote?
    public var consultation: Consultation?
    public var source: Source?
    public var confirmed: Bool

    enum CodingKeys: String, CodingKey {
        case award, kind, period, met, missing, toAttest = "to_attest", evidence, earliestYear = "earliest_year"
        case heldIn = "held_in", vote, consultation, source, confirmed
    }

    public init(_ step: AwardStep, set: AwardRuleSet) {
        award = step.rule.award
        kind = step.rule.kind
        period = set.period
        met = step.met
        missing = step.outcomes.enumerated().filter { $0.element.met == false }.map { Missing(index: $0.offset, $0.element) }
        toAttest = step.toAttest.compactMap {
            if case .attested(let vi, _) = $0.condition { return vi }
            return nil
        }
        evidence = step.evidence.map(Record.init)
        earliestYear = step.earliestYear
        heldIn = step.heldIn
        vote = step.rule.vote.map {
            Vote(share: Double($0.share.numerator) / Double($0.share.denominator), shareExact: $0.share.description,
                 base: $0.bloc ? "bloc_members" : $0.ofAllMembers ? "all_members" : "present", secret: $0.secret,
                 source: Source($0.source, set), confirmed: $0.confirmed)
        }
        consultation = step.rule.consultation.map { Consultation(required: $0.required, source: Source($0.source, set), confirmed: $0.confirmed) }
        source = Source(step.rule.source, set)
        confirmed = step.rule.confirmed
    }
}

extension RecordKind {
    /// `CSTD_CS`, `HCLD_3`: the path's code for this kind.
    public var code: String { awardClass.map { "\(type.rawValue)_\($0)" } ?? type.rawValue }
}
