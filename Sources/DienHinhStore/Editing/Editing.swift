import DienHinhCore
import DienHinhResources
import Foundation
import GRDB

/// An achievement as stored: the record, its stable uid (its identity across databases) and who entered it.
public struct StoredAchievement: Equatable, Sendable {
    public var achievement: Achievement
    public var uid: String
    public var provenance: Provenance
    /// The enrolled unit key that signed the bundle this record arrived in (issue 18); nil when entered here.
    public var signedKey: String? = nil
}

/// The change `undoLast()` would revert, for the status line ("Hoàn tác: …").
public struct UndoableChange: Equatable, Sendable {
    public enum Action: String, Sendable { case insert, update, delete }
    public var action: Action
    /// `candidate` or `achievement`.
    public var table: String
    /// The candidate id or the achievement row id.
    public var key: String
    public var label: String
    public var at: String
}

extension AppDatabase {
    // MARK: Candidates

    /// Adds a candidate entered in a form, in one transaction; checked by the import rules. Undoable.
    public func saveCandidate(_ c: Candidate, provenance: Provenance = .local(), discardingDraft draft: DraftKey? = nil) throws {
        try write { db in
            try Self.check(db, c, provenance)
            if try Int.fetchOne(db, sql: "SELECT 1 FROM candidate WHERE id = ?", arguments: [c.id]) != nil {
                throw RecordInvalid(problems: [FieldProblem(field: "id", key: "import.id_exists", args: [c.id])])
            }
            try Inserter(db).insert(c, provenance)
            try Self.logChange(db, .insert, table: "candidate", key: c.id, label: c.name, before: [])
            try Self.discard(db, draft)
        }
    }

    /// Replaces a candidate's fields (found by id) and its provenance with the editor's. Undoable.
    public func updateCandidate(_ c: Candidate, provenance: Provenance = .local(), discardingDraft draft: DraftKey? = nil) throws {
        try write { db in
            try Self.check(db, c, provenance)
            guard let before = try Self.snapshot(db, table: "candidate", key: c.id) else {
                throw StoreError.notFound("candidate \(c.id) not found")
            }
            try Self.updateCandidateRow(db, c, provenance)
            try Self.logChange(db, .update, table: "candidate", key: c.id, label: c.name, before: [before], by: provenance)
            try Self.discard(db, draft)
        }
    }

    /// Removes a candidate and its records. Undoable (the records come back too).
    public func deleteCandidate(_ id: String) throws {
        try write { db in
            guard let before = try Self.snapshot(db, table: "candidate", key: id) else {
                throw StoreError.notFound("candidate \(id) not found")
            }
            var rows = [before]
            for rid in try Int64.fetchAll(db, sql: "SELECT id FROM achievement WHERE candidate_id = ? ORDER BY id", arguments: [id]) {
                if let r = try Self.snapshot(db, table: "achievement", key: String(rid)) { rows.append(r) }
            }
            try db.execute(sql: "DELETE FROM candidate WHERE id = ?", arguments: [id])
            try Self.logChange(db, .delete, table: "candidate", key: id, label: before.text("name") ?? id, before: rows)
        }
    }

    static func check(_ db: Database, _ c: Candidate, _ p: Provenance) throws {
        let (ok, problems) = RecordRules.candidate(BundleCandidate(c, p).value, StoredRecords(db))
        if ok == nil { throw RecordInvalid(problems: problems) }
    }

    static func updateCandidateRow(_ db: Database, _ c: Candidate, _ p: Provenance) throws {
        try db.execute(sql: """
            UPDATE candidate SET kind = ?, name = ?, folded = ?, unit_code = ?, position = ?, is_leader = ?, complies_with_policy = ?,
              internally_united = ?, orgs_clean_strong = ?, collective_id = ?, entered_unit = ?, entered_by = ?, entered_at = ?
            WHERE id = ?
            """, arguments: [c.kind.rawValue, TextFolding.nfc(c.name), c.searchKey, c.unitCode, c.position.map(TextFolding.nfc),
                             c.isLeader, c.compliesWithPolicy, c.internallyUnited, c.orgsCleanStrong, c.collectiveId,
                             p.unitCode, p.user, p.at, c.id])
    }

    // MARK: Achievements

    /// Adds a record entered in a form, in one transaction; returns its row id. Undoable.
    @discardableResult
    public func saveAchievement(_ a: Achievement, provenance: Provenance = .local(), discardingDraft draft: DraftKey? = nil) throws -> Int64 {
        try write { db in
            let a = try Self.check(db, a, excluding: nil)
            let id = try Inserter(db).insert(a, provenance, db: db)
            try Self.logChange(db, .insert, table: "achievement", key: String(id), label: "\(a.candidateId) \(a.year) \(a.type.rawValue)", before: [])
            try Self.discard(db, draft)
            return id
        }
    }

    /// Replaces a record's content (found by `a.id`) and provenance; its uid stays, so a bundle shows the change. Undoable.
    public func updateAchievement(_ a: Achievement, provenance: Provenance = .local(), discardingDraft draft: DraftKey? = nil) throws {
        guard let id = a.id else { throw StoreError.notFound("achievement without a row id") }
        try write { db in
            guard let before = try Self.snapshot(db, table: "achievement", key: String(id)) else {
                throw StoreError.notFound("achievement \(id) not found")
            }
            let a = try Self.check(db, a, excluding: id)
            try db.execute(sql: """
                UPDATE achievement SET candidate_id = ?, year = ?, type = ?, class = ?, proposed_award = ?, decision_no = ?,
                  decision_date = ?, issuer = ?, note = ?, entered_unit = ?, entered_by = ?, entered_at = ?
                WHERE id = ?
                """, arguments: [a.candidateId, a.year, a.type.rawValue, a.awardClass, a.proposedAward?.rawValue, a.decisionNo,
                                 a.decisionDate, a.issuer.map(TextFolding.nfc), a.note.map(TextFolding.nfc),
                                 provenance.unitCode, provenance.user, provenance.at, id])
            try Self.logChange(db, .update, table: "achievement", key: String(id), label: "\(a.candidateId) \(a.year) \(a.type.rawValue)",
                               before: [before], by: provenance)
            try Self.discard(db, draft)
        }
    }

    /// Removes one record. Undoable (it comes back with the same row id and uid).
    public func deleteAchievement(_ id: Int64) throws {
        try write { db in
            guard let before = try Self.snapshot(db, table: "achievement", key: String(id)) else {
                throw StoreError.notFound("achievement \(id) not found")
            }
            try db.execute(sql: "DELETE FROM achievement WHERE id = ?", arguments: [id])
            let label = "\(before.text("candidate_id") ?? "") \(before.text("year") ?? "") \(before.text("type") ?? "")"
            try Self.logChange(db, .delete, table: "achievement", key: String(id), label: label, before: [before])
        }
    }

    /// The import rules for one record, plus once-a-year against the database; returns the normalised record.
    static func check(_ db: Database, _ a: Achievement, excluding id: Int64?) throws -> Achievement {
        let (checked, problems) = RecordRules.achievement(BundleAchievement(uid: "-", a, Provenance()).value, StoredRecords(db),
                                                          years: FieldParsing.validYears())
        guard let checked else { throw RecordInvalid(problems: problems) }
        if checked.type.isOncePerYear,
           try Int.fetchOne(db, sql: "SELECT 1 FROM achievement WHERE candidate_id = ? AND +type = ? AND year = ? AND id IS NOT ?",
                            arguments: [checked.candidateId, checked.type.rawValue, checked.year, id]) != nil {
            throw RecordInvalid(problems: [RecordRules.oncePerYear(checked)])
        }
        return checked
    }

    /// Records of the same candidate, type and year with the same decision number (ignoring case, spaces and
    /// diacritics; both empty counts as the same): probably the record being entered a second time.
    /// (`+type`: SQLite took the type index, every record of the type and year in the sector, over the candidate's.)
    public func likelyDuplicates(of a: Achievement) throws -> [Achievement] {
        let number = a.decisionNo.map(Self.decisionKey) ?? ""
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Achievement.columns) FROM achievement WHERE candidate_id = ? AND +type = ? AND year = ? AND id IS NOT ? ORDER BY id
                """, arguments: [a.candidateId, a.type.rawValue, a.year, a.id])
                .map(Achievement.init(row:))
                .filter { ($0.decisionNo.map(Self.decisionKey) ?? "") == number }
        }
    }

    static func decisionKey(_ s: String) -> String {
        TextFolding.fold(s).filter { !$0.isWhitespace }
    }

    /// A candidate's records with uid and provenance, in the order of `achievements(of:)`.
    public func storedAchievements(of candidateId: String) throws -> [StoredAchievement] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Achievement.columns), uid, entered_unit, entered_by, entered_at, signed_key FROM achievement
                WHERE candidate_id = ? ORDER BY year, type, id
                """, arguments: [candidateId])
                .map { StoredAchievement(achievement: Achievement(row: $0), uid: $0["uid"], provenance: Self.provenance($0), signedKey: $0["signed_key"]) }
        }
    }

    // MARK: Undo and redo, any number of steps in this run of the application

    /// One run of the application: undo and redo reach the changes made since it started, not another
    /// terminal's (two clerks may share a file) nor a previous run's.
    static let editSession = UUID().uuidString

    /// The change `undoLast()` would revert, if any.
    public func lastChange() throws -> UndoableChange? { try read { db in try Self.top(db, stack: "undo") } }

    /// The change `redoLast()` would make again, if any.
    public func nextRedo() throws -> UndoableChange? { try read { db in try Self.top(db, stack: "redo") } }

    /// Reverts the latest change of this run not yet undone (insert, update or delete), in one transaction;
    /// nil when there is none. It can be made again with `redoLast()`.
    @discardableResult
    public func undoLast(provenance: Provenance = .local()) throws -> UndoableChange? {
        try write { db in try Self.move(db, from: "undo", to: "redo", history: "undo", provenance) }
    }

    /// Makes the latest undone change again; nil when there is none (a new change clears what could be redone).
    @discardableResult
    public func redoLast(provenance: Provenance = .local()) throws -> UndoableChange? {
        try write { db in try Self.move(db, from: "redo", to: "undo", history: "redo", provenance) }
    }

    static func top(_ db: Database, stack: String) throws -> UndoableChange? {
        try Row.fetchOne(db, sql: """
            SELECT change, table_name, row_key, label, at FROM undo_log WHERE stack = ? AND session = ?
            ORDER BY step DESC, seq LIMIT 1
            """, arguments: [stack, editSession]).map {
            UndoableChange(action: UndoableChange.Action(rawValue: $0[0]) ?? .update, table: $0[1], key: $0[2], label: $0[3], at: $0[4])
        }
    }

    /// Takes the top step of one stack, puts every row it touched back as that step kept it, and pushes the
    /// rows as they were just before onto the other stack: undo and redo are the same move in two directions.
    static func move(_ db: Database, from: String, to: String, history: String, _ p: Provenance) throws -> UndoableChange? {
        guard let step = try Int64.fetchOne(db, sql: "SELECT MAX(step) FROM undo_log WHERE stack = ? AND session = ?",
                                            arguments: [from, editSession]) else { return nil }
        let rows = try Row.fetchAll(db, sql: """
            SELECT change, table_name, row_key, label, at, before_json FROM undo_log
            WHERE stack = ? AND session = ? AND step = ? ORDER BY seq
            """, arguments: [from, editSession, step])
        guard let first = rows.first else { return nil }
        let change = UndoableChange(action: UndoableChange.Action(rawValue: first[0]) ?? .update, table: first[1], key: first[2],
                                    label: first[3], at: first[4])
        let targets: [(table: String, key: String, json: String?)] = rows.map { ($0[1] == "candidate" ? "candidate" : "achievement", $0[2], $0[5]) }
        let current = try targets.map { try snapshot(db, table: $0.table, key: $0.key) }
        // Rows to remove go first, last touched first (a candidate's records before it); then rows to put back in
        // order (a candidate before its records).
        for t in targets.reversed() where t.json == nil {
            try db.execute(sql: "DELETE FROM \(t.table) WHERE id = ?", arguments: [keyValue(t.table, t.key)])
        }
        for t in targets {
            guard let json = t.json else { continue }
            try put(db, table: t.table, key: t.key, try RowSnapshot(json: json))
        }
        try db.execute(sql: "DELETE FROM undo_log WHERE stack = ? AND session = ? AND step = ?", arguments: [from, editSession, step])
        let next = (try Int64.fetchOne(db, sql: "SELECT MAX(step) FROM undo_log WHERE stack = ? AND session = ?",
                                       arguments: [to, editSession]) ?? 0) + 1
        let at = CivilTime.timestamp(Date())
        for (t, snap) in zip(targets, current) {
            try db.execute(sql: """
                INSERT INTO undo_log (change, label, table_name, row_key, before_json, at, stack, step, session) VALUES (?,?,?,?,?,?,?,?,?)
                """, arguments: [first[0] as String, change.label, t.table, t.key, try snap?.json(), at, to, next, editSession])
        }
        try remember(db, history, label: change.label, rows: zip(targets, current).map { ($0.table, $0.key, $1) }, p)
        return change
    }

    /// The row as the snapshot holds it: updated in place when it exists (a candidate deleted and inserted again
    /// would take its records with it), else inserted with its own id.
    static func put(_ db: Database, table: String, key: String, _ snap: RowSnapshot) throws {
        if try snapshot(db, table: table, key: key) != nil {
            let cols = snap.columns.filter { $0 != "id" }
            try db.execute(sql: "UPDATE \(table) SET \(cols.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?",
                           arguments: StatementArguments(cols.map { snap.values[$0]! } + [keyValue(table, key)]))
        } else {
            let marks = SQLText.marks(snap.columns.count)
            try db.execute(sql: "INSERT INTO \(table) (\(snap.columns.joined(separator: ", "))) VALUES (\(marks))",
                           arguments: StatementArguments(snap.columns.map { snap.values[$0]! }))
        }
    }

    static func keyValue(_ table: String, _ key: String) -> DatabaseValueConvertible {
        table == "achievement" ? (Int64(key) ?? -1) as DatabaseValueConvertible : key
    }

    static func snapshot(_ db: Database, table: String, key: String) throws -> RowSnapshot? {
        let t = table == "candidate" ? "candidate" : "achievement"
        return try Row.fetchOne(db, sql: "SELECT * FROM \(t) WHERE id = ?", arguments: [keyValue(t, key)]).map(RowSnapshot.init(row:))
    }

    /// Pushes a new step (the rows a change is about to alter; for a delete also the second table's) and clears
    /// what could be redone; an edit or a delete also goes into the record's history for good.
    static func logChange(_ db: Database, _ action: UndoableChange.Action, table: String, key: String, label: String,
                          before: [RowSnapshot], by editor: Provenance = .local()) throws {
        try db.execute(sql: "DELETE FROM undo_log WHERE stack = 'redo' AND session = ?", arguments: [editSession])
        // Steps of runs that ended a week ago are of no use to anyone: the log stays small.
        let weekAgo = CivilTime.timestamp(Date().addingTimeInterval(-7 * 86_400))
        try db.execute(sql: "DELETE FROM undo_log WHERE session <> ? AND at < ?", arguments: [editSession, weekAgo])
        let step = (try Int64.fetchOne(db, sql: "SELECT MAX(step) FROM undo_log WHERE stack = 'undo' AND session = ?",
                                       arguments: [editSession]) ?? 0) + 1
        let at = CivilTime.timestamp(Date())
        let rows: [(String, String, RowSnapshot?)] = before.isEmpty ? [(table, key, nil)]
            : before.enumerated().map { ($0.offset == 0 ? table : "achievement", $0.element.text("id") ?? key, $0.element) }
        for (t, k, snap) in rows {
            try db.execute(sql: """
                INSERT INTO undo_log (change, label, table_name, row_key, before_json, at, stack, step, session) VALUES (?,?,?,?,?,?,'undo',?,?)
                """, arguments: [action.rawValue, label, t, k, try snap?.json(), at, step, editSession])
        }
        if action != .insert { try remember(db, action.rawValue, label: label, rows: rows, editor) }
    }

    /// Keeps the versions a change replaced (or the absence of a row, for one it added) in `record_history`.
    static func remember(_ db: Database, _ change: String, label: String, rows: [(String, String, RowSnapshot?)], _ p: Provenance) throws {
        let at = CivilTime.timestamp(Date())
        for (table, key, snap) in rows {
            // The candidate a row belongs to; a row that did not exist yet is found in the step's other rows.
            var candidate = snap.flatMap { table == "candidate" ? $0.text("id") : $0.text("candidate_id") }
            if candidate == nil { candidate = rows.lazy.compactMap { $0.2.flatMap { $0.text("candidate_id") ?? $0.text("id") } }.first }
            if candidate == nil {
                candidate = table == "candidate" ? key
                    : try String.fetchOne(db, sql: "SELECT candidate_id FROM achievement WHERE id = ?", arguments: [keyValue(table, key)])
            }
            guard let candidate else { continue }
            try db.execute(sql: """
                INSERT INTO record_history (candidate_id, table_name, row_key, change, label, before_json, by_user, by_unit, at)
                VALUES (?,?,?,?,?,?,?,?,?)
                """, arguments: [candidate, table, key, change, label, try snap?.json(), p.user, p.unitCode, at])
        }
    }

    /// Every change to a candidate's own row and records, newest first: who, when, what it was before and what it
    /// became (the fields that differ from the next version, or from the row as it is now).
    public func recordHistory(of candidateId: String) throws -> [RecordChange] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT table_name, row_key, change, label, before_json, by_user, by_unit, at FROM record_history
                WHERE candidate_id = ? ORDER BY seq
                """, arguments: [candidateId])
            var out: [RecordChange] = []
            for (i, r) in rows.enumerated() {
                let table: String = r[0], key: String = r[1]
                let before = try (r[4] as String?).map(RowSnapshot.init(json:))
                // The version that replaced this one: the next entry's "before" for the same row, else the row now.
                let nextJSON = rows[(i + 1)...].first { $0[0] == table && $0[1] == key }.map { $0[4] as String? }
                let after: RowSnapshot? = try nextJSON.map { try $0.map(RowSnapshot.init(json:)) } ?? Self.snapshot(db, table: table, key: key)
                let fields = RecordChange.shown[table] ?? []
                let changed = fields.compactMap { f -> RecordChange.Field? in
                    let b = before?.text(f), a = after?.text(f)
                    return b == a ? nil : RecordChange.Field(name: f, before: b, after: a)
                }
                out.append(RecordChange(table: table, key: key, change: r[2], label: r[3], fields: changed,
                                        by: Provenance(unitCode: r[6], user: r[5], at: r[7])))
            }
            return out.reversed()
        }
    }

    // MARK: Drafts

    /// Keeps the form's in-progress JSON (one row per form kind and target), durably: it survives a crash or a
    /// power cut. Called on every field change, so it is a single small statement.
    public func saveDraft(kind: String, key: String, json: String, now: Date = Date()) throws {
        try writer.writeWithoutTransaction { db in
            // FULL for this commit only: in WAL mode NORMAL may lose the last commits on power loss.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            defer { try? db.execute(sql: "PRAGMA synchronous = NORMAL") }
            try db.inTransaction {
                try db.execute(sql: "INSERT OR REPLACE INTO draft (kind, key, json, updated_at) VALUES (?,?,?,?)",
                               arguments: [kind, key, json, Self.draftStamp(now)])
                return .commit
            }
        }
    }

    /// Every saved draft, newest first: what a restarted program offers to resume.
    public func drafts() throws -> [Draft] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT kind, key, json, updated_at FROM draft ORDER BY updated_at DESC, kind, key")
                .map { Draft(kind: $0[0], key: $0[1], json: $0[2], updatedAt: $0[3]) }
        }
    }

    public func draft(kind: String, key: String) throws -> Draft? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT kind, key, json, updated_at FROM draft WHERE kind = ? AND key = ?", arguments: [kind, key])
                .map { Draft(kind: $0[0], key: $0[1], json: $0[2], updatedAt: $0[3]) }
        }
    }

    public func discardDraft(kind: String, key: String) throws {
        try write { db in try Self.discard(db, DraftKey(kind: kind, key: key)) }
    }

    static func discard(_ db: Database, _ draft: DraftKey?) throws {
        guard let draft else { return }
        try db.execute(sql: "DELETE FROM draft WHERE kind = ? AND key = ?", arguments: [draft.kind, draft.key])
    }

    static func draftStamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }
}

/// Which form a draft belongs to: a form kind (`achievement.new`, `candidate.edit` …) and its target id.
public struct DraftKey: Equatable, Hashable, Sendable {
    public var kind: String
    public var key: String
    public init(kind: String, key: String) {
        self.kind = kind
        self.key = key
    }
}

/// A whole row as column → value, kept in `undo_log` as JSON.
struct RowSnapshot: Equatable {
    var columns: [String]
    var values: [String: DatabaseValue]

    init(row: Row) {
        columns = Array(row.columnNames)
        values = [:]
        for c in columns { values[c] = row[c] as DatabaseValue }
    }

    init(json: String) throws {
        let cells = try JSONDecoder().decode([Cell].self, from: Data(json.utf8))
        columns = cells.map(\.name)
        values = Dictionary(uniqueKeysWithValues: cells.map { ($0.name, $0.value) })
    }

    func text(_ column: String) -> String? {
        switch values[column]?.storage {
        case .string(let s): s
        case .int64(let i): String(i)
        case .double(let d): String(d)
        default: nil
        }
    }

    func json() throws -> String {
        try JSONText.encode(columns.map { Cell(name: $0, value: values[$0] ?? .null) })
    }

    /// One column: its name and a typed value (no blobs in these tables).
    struct Cell: Codable {
        var name: String
        var value: DatabaseValue

        enum CodingKeys: String, CodingKey { case name, int, real, text }

        init(name: String, value: DatabaseValue) {
            self.name = name
            self.value = value
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            if let i = try c.decodeIfPresent(Int64.self, forKey: .int) { value = i.databaseValue }
            else if let d = try c.decodeIfPresent(Double.self, forKey: .real) { value = d.databaseValue }
            else if let s = try c.decodeIfPresent(String.self, forKey: .text) { value = s.databaseValue }
            else { value = .null }
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            switch value.storage {
            case .int64(let i): try c.encode(i, forKey: .int)
            case .double(let d): try c.encode(d, forKey: .real)
            case .string(let s): try c.encode(s, forKey: .text)
            case .blob(let b): try c.encode(b.base64EncodedString(), forKey: .text)
            case .null: break
            }
        }
    }
}
