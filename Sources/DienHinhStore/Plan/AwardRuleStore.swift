import DienHinhCore
import DienHinhResources
import Foundation
import GRDB

extension AwardRuleBook {
    /// The files shipped in `Resources/data/award_rules/`, one per legal period. A broken file is a packaging bug:
    /// the test suite reads every one.
    public static let shipped: AwardRuleBook = {
        let names = ["2017-2023.json", "2024.json"]
        return AwardRuleBook(sets: names.map { name in
            do { return try AwardRulesFile.read(DienHinhResources.data("award_rules/" + name), file: name) } catch {
                fatalError("award rules \(name): \(error)")
            }
        })
    }()
}

/// A secretary's value for an unconfirmed number of a rule, kept with who set it and when.
public struct AwardRuleSetting: Equatable, Sendable {
    public var period: String
    public var award: String
    public var kind: CandidateKind
    /// 1-based, as `rules` lists them.
    public var requirement: Int
    public var value: Int
    public var setBy: String
    public var setAt: String
}

extension AppDatabase {
    /// Frozen once shipped: add a new migration instead of editing this one.
    static func registerAwardRules(_ m: inout DatabaseMigrator) {
        m.registerMigration("v8-i17-award-rule-settings") { db in
            try db.execute(sql: """
                CREATE TABLE award_rule_setting (
                    period TEXT NOT NULL,
                    award TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('individual','collective')),
                    requirement INTEGER NOT NULL,
                    value INTEGER NOT NULL,
                    set_by TEXT NOT NULL,
                    set_at TEXT NOT NULL,
                    PRIMARY KEY (period, award, kind, requirement)
                );
                """)
        }
    }

    public func awardRuleSettings() throws -> [AwardRuleSetting] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM award_rule_setting ORDER BY period, award, kind, requirement").map {
                AwardRuleSetting(period: $0["period"], award: $0["award"], kind: CandidateKind(rawValue: $0["kind"]) ?? .individual,
                                 requirement: $0["requirement"], value: $0["value"], setBy: $0["set_by"], setAt: $0["set_at"])
            }
        }
    }

    /// The shipped rule sets with this database's values for their unconfirmed numbers.
    public func awardRules() throws -> AwardRuleBook {
        let settings = try awardRuleSettings()
        var sets = AwardRuleBook.shipped.sets
        for s in settings {
            guard let i = sets.firstIndex(where: { $0.period == s.period }),
                  let changed = try? sets[i].setting(award: s.award, kind: s.kind, requirement: s.requirement - 1, to: s.value) else { continue }
            sets[i] = changed
        }
        return AwardRuleBook(sets: sets)
    }

    /// Sets an unconfirmed number (refused for a number the law states), audited.
    public func setAwardRuleParameter(period: String, award: String, kind: CandidateKind, requirement: Int, value: Int) throws {
        let actor = Self.operatorName
        guard let set = AwardRuleBook.shipped.ruleSet(period: period) else { throw AwardRuleEditError.unknownPeriod(period) }
        _ = try set.setting(award: award, kind: kind, requirement: requirement - 1, to: value)
        try write { db in
            let at = CivilTime.timestamp(Date())
            try db.execute(sql: """
                INSERT INTO award_rule_setting (period, award, kind, requirement, value, set_by, set_at) VALUES (?,?,?,?,?,?,?)
                ON CONFLICT (period, award, kind, requirement) DO UPDATE SET value = excluded.value, set_by = excluded.set_by,
                set_at = excluded.set_at
                """, arguments: [period, award, kind.rawValue, requirement, value, actor, at])
            _ = try Audit.append(db, actor: actor, action: "rules.set_parameter",
                                 detail: ["period": period, "award": award, "kind": kind.rawValue,
                                          "requirement": String(requirement), "value": String(value)])
        }
    }

    /// The award path of one candidate: the rule set in force on 31 December of the year and each award judged.
    /// Nil when the candidate is unknown; an empty path with a nil set when no rule set covers the year.
    public func awardPath(id: String, year: Int) throws -> (set: AwardRuleSet?, steps: [AwardStep])? {
        let book = try awardRules()
        return try read { db in
            guard let history = try histories(db, ids: [id]).first else { return nil }
            guard let set = book.ruleSet(forYear: year) else { return (nil, []) }
            return (set, AwardPathEngine(ruleSet: set).path(for: history, year: year))
        }
    }

    /// Everyone's award paths for a year, in id order with the candidates: the dashboard's "closest to each award".
    public func awardPaths(year: Int) throws -> (set: AwardRuleSet, paths: [(Candidate, [AwardStep])])? {
        let book = try awardRules()
        guard let set = book.ruleSet(forYear: year) else { return nil }
        let engine = AwardPathEngine(ruleSet: set)
        let pairs = try read { db in try pathsOfEveryone(db, engine: engine, year: year) }
        return (set, pairs)
    }
}

extension AppDatabase {
    /// The sector-wide "closest to each award" list of a review year (empty when no rule set covers it).
    public func closestToAwards(year: Int, perAward: Int = 3) throws -> [ClosestToAward] {
        guard let all = try awardPaths(year: year) else { return [] }
        return ClosestToAward.rank(all.paths, in: all.set, perAward: perAward)
    }
}
