import DienHinhCore
import Foundation
import GRDB

/// The award a round votes on, with the vote rule it took from the rule set and the article it rests on: the
/// minutes cite it, so nobody has to trust a threshold typed by hand (issue 17).
public struct RoundAward: Equatable, Sendable {
    public var award: String
    public var period: String
    /// "Điều 16 khoản 1" and the document's key in the rule set.
    public var article: String
    public var document: String
    public var confirmed: Bool
}

extension AppDatabase {
    /// Frozen once shipped: add a new migration instead of editing this one.
    static func registerRoundAward(_ m: inout DatabaseMigrator) {
        m.registerMigration("v8-i17-round-award") { db in
            try db.execute(sql: """
                CREATE TABLE round_award (
                    round_id TEXT PRIMARY KEY NOT NULL REFERENCES round(id),
                    award TEXT NOT NULL,
                    period TEXT NOT NULL,
                    document TEXT NOT NULL,
                    article TEXT NOT NULL,
                    confirmed INTEGER NOT NULL
                );
                """)
        }
    }

    static func recordRoundAward(_ db: Database, round: String, rule: AwardRule, set: AwardRuleSet, actor: String) throws {
        let source = rule.vote?.source ?? rule.source
        let article = [source.article, source.clause ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
        let confirmed = rule.vote?.confirmed ?? false
        try db.execute(sql: "INSERT INTO round_award (round_id, award, period, document, article, confirmed) VALUES (?,?,?,?,?,?)",
                       arguments: [round, rule.award, set.period, source.document, article, confirmed])
        try Audit.append(db, actor: actor, action: "round.award",
                         detail: ["round": round, "award": rule.award, "period": set.period, "document": source.document,
                                  "article": article, "confirmed": confirmed ? "true" : "false"])
    }

    public func roundAward(round: String) throws -> RoundAward? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM round_award WHERE round_id = ?", arguments: [round]).map {
                RoundAward(award: $0["award"], period: $0["period"], article: $0["article"], document: $0["document"],
                           confirmed: $0["confirmed"])
            }
        }
    }
}
