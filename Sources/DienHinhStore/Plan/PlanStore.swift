import DienHinhCore
import DienHinhDemo
import DienHinhResources
import Foundation
import GRDB

extension PlanDefinition {
    /// The plan as shipped in Resources/data/plan.json.
    public static let standard: PlanDefinition = {
        do {
            return try JSONDecoder().decode(PlanDefinition.self, from: DienHinhResources.data("plan.json"))
        } catch {
            fatalError("plan.json in the DienHinh bundle is malformed: \(error)")
        }
    }()
}

/// One unit's line in the V16 roll-up of registrations (III.1).
public struct RegistrationRollupRow: Equatable, Sendable {
    public var unit: SectorUnit
    public var collectives: Int
    public var individuals: Int
    /// The earliest registration date of the unit, when it registered anyone.
    public var firstDate: String?
    public var late: Int
    public var total: Int { collectives + individuals }
    public var missing: Bool { total == 0 }
}

/// A registration with its deadline verdict and unit name, as lists show it.
public struct RegistrationListing: Equatable, Sendable {
    public var registration: Registration
    public var unitName: String
    public var timing: RegistrationTiming
}

/// One activity of the checklist, for a unit or for the sector.
public struct ChecklistItem: Equatable, Sendable {
    public var activity: PlanActivity
    /// For a unit: the date it marked the activity done.
    public var doneDate: String?
    /// For the sector view of a unit-level activity: units done out of all units.
    public var unitsDone: Int
    public var unitsTotal: Int
}

/// A promotion entry with the exemplar's name and unit.
public struct PromotionListing: Equatable, Sendable {
    public var entry: PromotionEntry
    public var name: String
    public var unitCode: String
}

/// The exemplars the council selected in a year: elected in a closed round of that year's sessions.
public struct SelectedExemplar: Equatable, Sendable {
    public var result: CandidateResult
    public var roundId: String
    public var unitName: String
}

extension AppDatabase {
    static func nowStamp() -> String {
        CivilTime.timestamp(Date())
    }

    // MARK: Registrations (III.1)

    /// Registers (or re-registers, replacing plan and milestones) a candidate; never refused for lateness.
    @discardableResult
    public func register(candidateId: String, date: String, planText: String?, milestones: [Milestone],
                         deadline: String = PlanDefinition.standard.registrationDeadline) throws -> RegistrationListing {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT c.id, c.kind, c.name, c.unit_code, u.name AS unit_name FROM candidate c JOIN unit u ON u.code = c.unit_code
                WHERE c.id = ?
                """, arguments: [candidateId]) else {
                throw StoreError.unknownCandidate(candidateId)
            }
            try db.execute(sql: """
                INSERT INTO registration (candidate_id, date, plan_text, registered_at) VALUES (?,?,?,?)
                ON CONFLICT(candidate_id) DO UPDATE SET date = excluded.date, plan_text = excluded.plan_text,
                  registered_at = excluded.registered_at
                """, arguments: [candidateId, date, planText.map(TextFolding.nfc), Self.nowStamp()])
            try db.execute(sql: "DELETE FROM registration_milestone WHERE candidate_id = ?", arguments: [candidateId])
            for m in milestones.sorted(by: { $0.date < $1.date }) {
                try db.execute(sql: "INSERT INTO registration_milestone (candidate_id, date, text) VALUES (?,?,?)",
                               arguments: [candidateId, m.date, m.text])
            }
            return Self.registrationListing(row, candidateId: candidateId, date: date, planText: planText,
                                            milestones: milestones.sorted { $0.date < $1.date }, deadline: deadline)
        }
    }

    /// Registrations, by unit order then collectives first; one unit (and the units under it) when given.
    public func registrations(unit: String? = nil, deadline: String = PlanDefinition.standard.registrationDeadline) throws -> [RegistrationListing] {
        try read { db in
            var sql = """
                SELECT r.candidate_id, r.date, r.plan_text, c.kind, c.name, c.unit_code, u.name AS unit_name
                FROM registration r JOIN candidate c ON c.id = r.candidate_id JOIN unit u ON u.code = c.unit_code
                """
            var args: [DatabaseValueConvertible] = []
            if let unit {
                sql += " WHERE c.unit_code = ? OR u.parent_code = ?"
                args = [unit, unit]
            }
            sql += " ORDER BY u.sort_order, c.unit_code, CASE c.kind WHEN 'collective' THEN 0 ELSE 1 END, c.name, c.id"
            let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args))
            var milestones: [String: [Milestone]] = [:]
            for m in try Row.fetchAll(db, sql: "SELECT candidate_id, date, text FROM registration_milestone ORDER BY date, id") {
                milestones[m[0], default: []].append(Milestone(date: m[1], text: m[2]))
            }
            return rows.map { row in
                let id: String = row["candidate_id"]
                return Self.registrationListing(row, candidateId: id, date: row["date"], planText: row["plan_text"],
                                                milestones: milestones[id] ?? [], deadline: deadline)
            }
        }
    }

    /// A registration as listed: the candidate's `kind`, `name`, `unit_code` and `unit_name` from the row, on time or
    /// late by its date.
    static func registrationListing(_ row: Row, candidateId: String, date: String, planText: String?, milestones: [Milestone],
                                    deadline: String) -> RegistrationListing {
        let r = Registration(candidateId: candidateId, unitCode: row["unit_code"], kind: CandidateKind(rawValue: row["kind"]) ?? .individual,
                             name: row["name"], date: date, planText: planText, milestones: milestones)
        return RegistrationListing(registration: r, unitName: row["unit_name"], timing: RegistrationRule.timing(of: date, deadline: deadline))
    }

    /// The V16 roll-up: every current unit (of a level, or all) with its registrations, missing ones included.
    public func registrationRollup(level: Level? = nil, deadline: String = PlanDefinition.standard.registrationDeadline) throws -> [RegistrationRollupRow] {
        // The units in force in the year the registrations were due.
        let units = try self.units(level: level, year: Int(deadline.prefix(4)))
        let regs = try registrations(deadline: deadline)
        let byUnit = Dictionary(grouping: regs, by: \.registration.unitCode)
        return units.map { u in
            let list = byUnit[u.code] ?? []
            return RegistrationRollupRow(unit: u, collectives: list.filter { $0.registration.kind == .collective }.count,
                                         individuals: list.filter { $0.registration.kind == .individual }.count,
                                         firstDate: list.map(\.registration.date).min(), late: list.filter { $0.timing == .late }.count)
        }
    }

    // MARK: Activities (clause 2)

    /// Marks an activity of the plan done for a unit (again: the date is replaced).
    public func markActivityDone(_ activityId: String, unit: String, date: String, note: String? = nil,
                                 plan: PlanDefinition = .standard) throws {
        guard plan.activity(activityId) != nil else {
            throw StoreError.notFound("unknown activity: \(activityId) (known: \(plan.activities.map(\.id).joined(separator: ", ")))")
        }
        guard try self.unit(unit) != nil else { throw StoreError.notFound("unknown unit: \(unit)") }
        try write { db in
            try db.execute(sql: """
                INSERT INTO plan_activity_done (activity_id, unit_code, date, note) VALUES (?,?,?,?)
                ON CONFLICT(activity_id, unit_code) DO UPDATE SET date = excluded.date, note = excluded.note
                """, arguments: [activityId, unit, date, note])
        }
    }

    /// The checklist of one unit (its activities with their dates), or of the sector (nil: unit-level activities
    /// as units done out of all units; sector-level ones done by any unit of the SPP).
    public func checklist(unit: String?, plan: PlanDefinition = .standard) throws -> [ChecklistItem] {
        try read { db in
            let done = try Row.fetchAll(db, sql: "SELECT activity_id, unit_code, date FROM plan_activity_done")
            // The units in force at the plan's end carry out its unit-level activities.
            let day = SectorCalendar.day(of: plan.toYear ?? DemoData.referenceYear)
            let totalUnits = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM unit WHERE COALESCE(valid_from, '') <= ? AND (valid_to IS NULL OR valid_to >= ?)
                """, arguments: [day, day]) ?? 0
            return plan.activities.map { a in
                let rows = done.filter { ($0[0] as String) == a.id }
                if let unit {
                    let d = rows.first { ($0[1] as String) == unit }.map { $0[2] as String }
                    return ChecklistItem(activity: a, doneDate: d, unitsDone: d == nil ? 0 : 1, unitsTotal: 1)
                }
                switch a.scope {
                case .unit:
                    return ChecklistItem(activity: a, doneDate: rows.map { $0[2] as String }.max(), unitsDone: rows.count, unitsTotal: totalUnits)
                case .sector:
                    let sector = rows.filter { ($0[1] as String).hasPrefix("VKSTC") }
                    let d = sector.map { $0[2] as String }.min()
                    return ChecklistItem(activity: a, doneDate: d, unitsDone: d == nil ? 0 : 1, unitsTotal: 1)
                }
            }
        }
    }

    // MARK: Proposals (I.1)

    /// Proposes a candidate for a state award in a year, or updates the proposal's outcome.
    @discardableResult
    public func propose(candidateId: String, award: AwardCode, year: Int, outcome: ProposalOutcome? = nil,
                        decision: String? = nil) throws -> Proposal {
        try write { db in
            guard let c = try Row.fetchOne(db, sql: "SELECT \(Candidate.columns) FROM candidate WHERE id = ?", arguments: [candidateId])
                .map(Candidate.init(row:)) else {
                throw StoreError.unknownCandidate(candidateId)
            }
            guard award.applies(to: c.kind), !award.isNegative else {
                throw StoreError.awardNotFor(award: award, kind: c.kind)
            }
            try db.execute(sql: """
                INSERT INTO proposal (candidate_id, award, year, outcome, decision) VALUES (?,?,?,?,?)
                ON CONFLICT(candidate_id, award, year) DO UPDATE SET outcome = COALESCE(?, outcome),
                  decision = COALESCE(excluded.decision, decision)
                """, arguments: [candidateId, award.rawValue, year, (outcome ?? .pending).rawValue, decision, outcome?.rawValue])
            let row = try Row.fetchOne(db, sql: "SELECT outcome, decision FROM proposal WHERE candidate_id = ? AND award = ? AND year = ?",
                                       arguments: [candidateId, award.rawValue, year])!
            return Proposal(candidateId: c.id, award: award, year: year, outcome: ProposalOutcome(rawValue: row[0]) ?? .pending,
                            decision: row[1], name: c.name, kind: c.kind, unitCode: c.unitCode)
        }
    }

    /// Proposals of a year (all years when nil), by year, award prestige, name.
    public func proposals(year: Int? = nil) throws -> [Proposal] {
        try read { db in
            var sql = """
                SELECT p.candidate_id, p.award, p.year, p.outcome, p.decision, c.name, c.kind, c.unit_code
                FROM proposal p JOIN candidate c ON c.id = p.candidate_id
                """
            var args: [DatabaseValueConvertible] = []
            if let year { sql += " WHERE p.year = ?"; args.append(year) }
            sql += " ORDER BY p.year, c.kind DESC, c.name, p.candidate_id"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map {
                Proposal(candidateId: $0[0], award: AwardCode(rawValue: $0[1]) ?? .BK_TTG, year: $0[2],
                         outcome: ProposalOutcome(rawValue: $0[3]) ?? .pending, decision: $0[4], name: $0[5],
                         kind: CandidateKind(rawValue: $0[6]) ?? .individual, unitCode: $0[7])
            }.sorted { a, b in a.year != b.year ? a.year < b.year : (a.award.prestige != b.award.prestige ? a.award.prestige > b.award.prestige : false) }
        }
    }

    /// The target of I.1 as progress, with the `limit` collectives closest to qualifying (records up to `year`).
    public func ahldProgress(year: Int, limit: Int = 5, plan: PlanDefinition = .standard) throws -> AHLDTargetProgress {
        let props = try proposals()
        let readiness: [AHLDReadiness] = try read { db in
            let collectives = try Row.fetchAll(db, sql: "SELECT \(Candidate.columns) FROM candidate WHERE kind = 'collective'")
                .map(Candidate.init(row:))
            var records: [String: [Achievement]] = [:]
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT a.id, a.candidate_id, a.year, a.type, a.class, a.proposed_award, a.decision_no, a.decision_date, a.issuer, a.note
                FROM achievement a JOIN candidate c ON c.id = a.candidate_id
                WHERE c.kind = 'collective' AND a.type IN ('AHLD','HCDL','HCLD','CO_CP','CO_NGANH','CO_KHOI','VUOT_CHI_TIEU','SANG_KIEN')
                """)
            while let r = try cursor.next() { let a = Achievement(row: r); records[a.candidateId, default: []].append(a) }
            return collectives.compactMap { AHLDReadiness.evaluate($0, records: records[$0.id] ?? [], year: year) }
        }
        let ahld = props.filter { $0.award == .AHLD && $0.year <= plan.ahldTargetYear }
        var ranked = AHLDReadiness.rank(readiness)
        for i in ranked.indices {
            let mine = ahld.filter { $0.candidateId == ranked[i].candidate.id }
            ranked[i].proposal = mine.first { $0.outcome != .rejected }?.outcome ?? mine.first?.outcome
        }
        // The closest list shows who could still be proposed: those not already proposed come first.
        let open = ranked.filter { $0.proposal == nil } + ranked.filter { $0.proposal != nil }
        return AHLDTargetProgress(proposals: props, target: plan.ahldTargetCount, byYear: plan.ahldTargetYear,
                                  closest: Array(open.prefix(limit)))
    }

    // MARK: Promotion (III.2–3)

    @discardableResult
    public func promote(_ entry: PromotionEntry) throws -> Int64 {
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM candidate WHERE id = ?", arguments: [entry.candidateId]) == true else {
                throw StoreError.unknownCandidate(entry.candidateId)
            }
            try db.execute(sql: "INSERT INTO promotion (candidate_id, channel, date, title, reference) VALUES (?,?,?,?,?)",
                           arguments: [entry.candidateId, entry.channel.rawValue, entry.date, entry.title, entry.reference])
            return db.lastInsertedRowID
        }
    }

    /// Promotion entries of one exemplar (all when nil), by date.
    public func promotions(candidateId: String? = nil, year: Int? = nil) throws -> [PromotionListing] {
        try read { db in
            var sql = """
                SELECT p.id, p.candidate_id, p.channel, p.date, p.title, p.reference, c.name, c.unit_code
                FROM promotion p JOIN candidate c ON c.id = p.candidate_id WHERE 1
                """
            var args: [DatabaseValueConvertible] = []
            if let candidateId { sql += " AND p.candidate_id = ?"; args.append(candidateId) }
            if let year { sql += " AND substr(p.date, 1, 4) = ?"; args.append(String(format: "%04d", year)) }
            sql += " ORDER BY p.date, p.id"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map {
                PromotionListing(entry: PromotionEntry(id: $0[0], candidateId: $0[1], channel: PromotionChannel(rawValue: $0[2]) ?? .local,
                                                       date: $0[3], title: $0[4], reference: $0[5]),
                                 name: $0[6], unitCode: $0[7])
            }
        }
    }

    // MARK: Selection results

    /// The closed (or certified) rounds of a year's sessions, oldest first.
    public func closedRounds(year: Int) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT r.id FROM round r JOIN council_session s ON s.id = r.session_id
                WHERE s.year = ? AND r.status IN ('closed','certified') ORDER BY s.opened_at, s.id, r.number
                """, arguments: [year])
        }
    }

    /// Everyone elected in a closed round of the year (the selected exemplars), once each.
    public func selected(year: Int) throws -> [SelectedExemplar] {
        var out: [SelectedExemplar] = []
        var seen = Set<String>()
        var unitNames: [String: String] = [:]
        for r in try closedRounds(year: year) {
            let result = try self.result(round: r)
            for id in result.elected where !seen.contains(id) {
                guard let c = result.candidate(id) else { continue }
                seen.insert(id)
                if unitNames[c.unitCode] == nil { unitNames[c.unitCode] = try unit(c.unitCode)?.name ?? c.unitCode }
                out.append(SelectedExemplar(result: c, roundId: r, unitName: unitNames[c.unitCode]!))
            }
        }
        return out
    }
}
