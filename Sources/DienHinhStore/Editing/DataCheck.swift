import DienHinhCore
import Foundation
import GRDB

/// Something in the stored records for the secretariat to look at (`dienhinh check-data`). Nothing here is
/// changed automatically: a suspected copy may be two achievements, a late date may be a typing slip.
public struct DataAnomaly: Equatable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// Two or more records under one decision that differ in a detail (note, issuer, date, proposed award).
        case sameDecisionOtherDetails = "same_decision_other_details"
        /// Two or more records alike (candidate, type, year, class) with no decision number or date to tell them apart.
        case lookalikeWithoutDecision = "lookalike_without_decision"
        /// A record for a year after the review year.
        case afterReviewYear = "after_review_year"
        /// A record for a year when none of the candidate's units existed.
        case unitDidNotExist = "unit_did_not_exist"
    }

    public var kind: Kind
    public var candidateId: String
    public var type: AwardCode
    public var year: Int
    /// The record ids concerned, in the order stored.
    public var records: [Int64]
    /// The decision or the unit the finding is about, when there is one.
    public var detail: String?

    enum CodingKeys: String, CodingKey {
        case kind, type, year, records, detail
        case candidateId = "candidate_id"
    }
}

extension AppDatabase {
    /// Every anomaly in the stored records, by candidate then year.
    public func dataAnomalies(reviewYear: Int) throws -> [DataAnomaly] {
        try read { db in
            var out: [DataAnomaly] = []
            var units: [String: (from: String?, to: String?)] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT code, valid_from, valid_to FROM unit") { units[r[0]] = (r[1], r[2]) }
            var unitsOf: [String: Set<String>] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT id, unit_code FROM candidate") { unitsOf[r[0], default: []].insert(r[1]) }
            for r in try Row.fetchAll(db, sql: "SELECT candidate_id, from_unit, to_unit FROM candidate_move") {
                unitsOf[r[0], default: []].formUnion([r[1], r[2]] as [String])
            }
            func existed(_ code: String, in year: Int) -> Bool {
                guard let span = units[code] else { return false }
                return (span.from ?? "0000") <= "\(year)-12-31" && (span.to ?? "9999") >= "\(year)-01-01"
            }
            var byIdentity: [AchievementIdentity: [Achievement]] = [:]
            var loose: [String: [Achievement]] = [:]
            var order: [AchievementIdentity] = []
            var looseOrder: [String] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, candidate_id, year, type, class, proposed_award, decision_no, decision_date, issuer, note
                FROM achievement ORDER BY candidate_id, year, id
                """)
            while let r = try rows.next() {
                guard let type = AwardCode(rawValue: r["type"]) else { continue }
                let a = Achievement(id: r["id"], candidateId: r["candidate_id"], year: r["year"], type: type, awardClass: r["class"],
                                    proposedAward: (r["proposed_award"] as String?).flatMap(AwardCode.init(rawValue:)),
                                    decisionNo: r["decision_no"], decisionDate: r["decision_date"], issuer: r["issuer"], note: r["note"])
                if a.year > reviewYear {
                    out.append(DataAnomaly(kind: .afterReviewYear, candidateId: a.candidateId, type: type, year: a.year,
                                           records: [a.id!], detail: nil))
                }
                let own = unitsOf[a.candidateId] ?? []
                if !own.isEmpty && !own.contains(where: { existed($0, in: a.year) }) {
                    out.append(DataAnomaly(kind: .unitDidNotExist, candidateId: a.candidateId, type: type, year: a.year,
                                           records: [a.id!], detail: own.sorted().joined(separator: " ")))
                }
                if let id = a.identity {
                    if byIdentity[id] == nil { order.append(id) }
                    byIdentity[id, default: []].append(a)
                } else {
                    let key = "\(a.candidateId)|\(type.rawValue)|\(a.year)|\(a.awardClass ?? 0)"
                    if loose[key] == nil { looseOrder.append(key) }
                    loose[key, default: []].append(a)
                }
            }
            for id in order {
                let group = byIdentity[id]!
                guard group.count > 1 else { continue }
                out.append(DataAnomaly(kind: .sameDecisionOtherDetails, candidateId: id.candidateId, type: id.type, year: id.year,
                                       records: group.map { $0.id! }, detail: group[0].decisionNo ?? group[0].decisionDate))
            }
            for key in looseOrder {
                let group = loose[key]!
                guard group.count > 1 else { continue }
                out.append(DataAnomaly(kind: .lookalikeWithoutDecision, candidateId: group[0].candidateId, type: group[0].type,
                                       year: group[0].year, records: group.map { $0.id! }, detail: nil))
            }
            return out.sorted { ($0.candidateId, $0.year, $0.records[0]) < ($1.candidateId, $1.year, $1.records[0]) }
        }
    }
}
