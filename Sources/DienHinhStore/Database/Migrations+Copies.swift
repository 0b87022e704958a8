import DienHinhCore
import GRDB

/// Issue 14: records stored twice before imports knew a copy from a new achievement.
/// Frozen once shipped, like every migration: add a new one instead of editing this.
extension AppDatabase {
    static func registerMergeCopies(_ m: inout DatabaseMigrator) {
        m.registerMigration("v5-i14-merge-identical-records") { db in
            try mergeIdenticalRecords(db)
        }
    }

    /// Keeps the first-stored record of each group of identical ones (same achievement, every detail alike) and
    /// deletes the others, one audit entry per group naming what was kept and what went. Records that share a
    /// decision but differ in a detail are not touched: `check-data` lists them for the secretariat.
    static func mergeIdenticalRecords(_ db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, candidate_id, year, type, class, proposed_award, decision_no, decision_date, issuer, note
            FROM achievement ORDER BY candidate_id, id
            """)
        var groups: [Int64: [Int64]] = [:]  // kept id -> removed ids
        var candidate = ""
        var seen: [(Achievement, Int64)] = []
        var kept: [Int64: Achievement] = [:]
        while let r = try rows.next() {
            guard let type = AwardCode(rawValue: r["type"]) else { continue }
            let a = Achievement(id: r["id"], candidateId: r["candidate_id"], year: r["year"], type: type, awardClass: r["class"],
                                proposedAward: (r["proposed_award"] as String?).flatMap(AwardCode.init(rawValue:)),
                                decisionNo: r["decision_no"], decisionDate: r["decision_date"], issuer: r["issuer"], note: r["note"])
            if a.candidateId != candidate { candidate = a.candidateId; seen.removeAll(keepingCapacity: true) }
            if let first = seen.first(where: { $0.0.isCopy(of: a) }) {
                groups[first.1, default: []].append(a.id!)
                kept[first.1] = first.0
            } else if a.identity != nil {
                seen.append((a, a.id!))
            }
        }
        for keptId in groups.keys.sorted() {
            let removed = groups[keptId]!
            let a = kept[keptId]!
            for id in removed { try db.execute(sql: "DELETE FROM achievement WHERE id = ?", arguments: [id]) }
            try Audit.append(db, actor: "migration", action: "achievement.merge_copies", detail: [
                "candidate": a.candidateId, "type": a.type.rawValue, "year": String(a.year),
                "decision": a.decisionNo ?? a.decisionDate ?? "", "kept": String(keptId),
                "removed": removed.map(String.init).joined(separator: " "),
            ])
        }
    }
}
