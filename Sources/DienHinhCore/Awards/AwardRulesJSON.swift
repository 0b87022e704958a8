import Foundation

/// Reads a rule set file (`Resources/data/award_rules/*.json`, docs/AWARD-RULES.md). A file that names a record
/// the catalog lacks, a document it does not list, or a number out of range is refused whole, with the award.
public enum AwardRulesFile {
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var file: String
        public var message: String
        public var description: String { "\(file): \(message)" }
    }

    public static func read(_ data: Data, file: String) throws -> AwardRuleSet {
        let raw: FileJSON
        do { raw = try JSONDecoder().decode(FileJSON.self, from: data) } catch {
            throw Problem(file: file, message: "not a rule set: \(error)")
        }
        func fail(_ m: String) -> Problem { Problem(file: file, message: m) }
        func source(_ s: SourceJSON?, _ award: String) throws -> LegalSource? {
            guard let s else { return nil }
            guard raw.documents[s.document] != nil else { throw fail("\(award): unknown document \(s.document)") }
            return LegalSource(document: s.document, article: s.article, clause: s.clause)
        }
        func kinds(_ names: [String], _ cls: Int?, _ award: String) throws -> [RecordKind] {
            try names.map { name in
                guard let type = AwardCode(rawValue: name) else { throw fail("\(award): unknown record \(name)") }
                if let cls, !(1...3).contains(cls) || !type.hasClasses { throw fail("\(award): class \(cls) for \(name)") }
                return RecordKind(type, awardClass: cls)
            }
        }
        func requirement(_ c: ConditionJSON, _ award: String) throws -> AwardRequirement {
            func positive(_ n: Int?, _ what: String) throws -> Int {
                guard let n, (1...60).contains(n) else { throw fail("\(award): \(c.type) needs \(what) 1–60") }
                return n
            }
            let condition: AwardCondition
            switch c.type {
            case "consecutive":
                guard let k = try kinds(c.record?.names ?? [], c.class, award).first else { throw fail("\(award): consecutive needs a record") }
                condition = .consecutive(k, years: try positive(c.years, "years"))
            case "count":
                let ks = try kinds(c.record?.names ?? [], c.class, award)
                guard !ks.isEmpty else { throw fail("\(award): count needs a record") }
                condition = .count(ks, atLeast: try positive(c.at_least, "at_least"), withinYears: try positive(c.within_years, "within_years"))
            case "since":
                guard let k = try kinds(c.record?.names ?? [], c.class, award).first,
                      let each = try kinds([c.each_year ?? ""].filter { !$0.isEmpty }, nil, award).first else {
                    throw fail("\(award): since needs a record and each_year")
                }
                condition = .since(k, years: try positive(c.years, "years"), eachYear: each)
            case "any_of":
                let inner = try (c.conditions ?? []).map { try requirement($0, award) }
                guard inner.count >= 2 else { throw fail("\(award): any_of needs two conditions or more") }
                condition = .anyOf(inner)
            case "no_discipline":
                condition = .noDiscipline(withinYears: try positive(c.within_years, "within_years"))
            case "attested":
                guard let vi = c.vi, !vi.isEmpty else { throw fail("\(award): attested needs its words (vi)") }
                condition = .attested(vi: vi, en: c.en ?? vi)
            default:
                throw fail("\(award): unknown condition \(c.type)")
            }
            return AwardRequirement(condition, source: try source(c.source, award), confirmed: c.confirmed ?? false, note: c.note)
        }
        var rules: [AwardRule] = []
        for a in raw.awards {
            guard AwardRule.record(forAward: a.award) != nil else { throw fail("unknown award \(a.award)") }
            guard let kind = CandidateKind(rawValue: a.kind) else { throw fail("\(a.award): kind \(a.kind)") }
            guard let src = try source(a.source, a.award) else { throw fail("\(a.award): no source") }
            let vote = try a.vote.map { v -> VoteRule in
                guard let share = Fraction(parsing: v.share), share.numerator <= share.denominator else {
                    throw fail("\(a.award): vote share \(v.share)")
                }
                return VoteRule(share: share, ofAllMembers: v.base != "present", secret: v.secret,
                                source: try source(v.source, a.award), confirmed: v.confirmed ?? false, bloc: v.base == "bloc_members")
            }
            let consultation = try a.consultation.map {
                ConsultationRule(required: $0.required, source: try source($0.source, a.award), confirmed: $0.confirmed ?? false)
            }
            rules.append(AwardRule(award: a.award, kind: kind, requirements: try a.conditions.map { try requirement($0, a.award) },
                                   vote: vote, consultation: consultation, source: src, confirmed: a.confirmed ?? false, note: a.note))
        }
        return AwardRuleSet(period: raw.period, version: raw.version, fromYear: raw.from_year, toYear: raw.to_year,
                            documents: raw.documents, rules: rules)
    }

    private struct FileJSON: Decodable {
        var period: String
        var version: Int
        var from_year: Int
        var to_year: Int?
        var documents: [String: LegalDocument]
        var awards: [AwardJSON]
    }

    private struct AwardJSON: Decodable {
        var award: String
        var kind: String
        var conditions: [ConditionJSON]
        var vote: VoteJSON?
        var consultation: ConsultationJSON?
        var source: SourceJSON?
        var confirmed: Bool?
        var note: String?
    }

    private struct SourceJSON: Decodable {
        var document: String
        var article: String
        var clause: String?
    }

    /// `"record": "CSTD_CS"` or `"record": ["BK_VKSTC", "CSTD_NGANH"]`.
    private struct Names: Decodable {
        var names: [String]
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let one = try? c.decode(String.self) { names = [one] } else { names = try c.decode([String].self) }
        }
    }

    private struct ConditionJSON: Decodable {
        var type: String
        var record: Names?
        var `class`: Int?
        var years: Int?
        var at_least: Int?
        var within_years: Int?
        var each_year: String?
        var conditions: [ConditionJSON]?
        var vi: String?
        var en: String?
        var source: SourceJSON?
        var confirmed: Bool?
        var note: String?
    }

    private struct VoteJSON: Decodable {
        var share: String
        var base: String?
        var secret: Bool?
        var source: SourceJSON?
        var confirmed: Bool?
    }

    private struct ConsultationJSON: Decodable {
        var required: Bool
        var source: SourceJSON?
        var confirmed: Bool?
    }
}
