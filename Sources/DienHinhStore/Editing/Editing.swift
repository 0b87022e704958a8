import DienHinhCore
import DienHinhResources
import Foundation
import GRDB

/// An achievement as stored: the record, its stable uid (its identity across databases) and who entered it.
public struct StoredAchievement: Equatable, Sendable {
    public var achievement: Achievement
    public var uid: String
    public var provenance: Provenance
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
            try Self.logChange(db, .update, table: "candidate", key: c.id, label: c.name, before: [before])
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
        let units = Set(try String.fetchAll(db, sql: "SELECT code FROM unit"))
        let (ok, problems) = RecordRules.candidate(BundleCandidate(c, p).value, knownUnits: units)
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
                               before: [before])
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
        let kind = try String.fetchOne(db, sql: "SELECT kind FROM candidate WHERE id = ?", arguments: [a.candidateId])
            .flatMap(CandidateKind.init(rawValue:))
        let (checked, problems) = RecordRules.achievement(BundleAchievement(uid: "-", a, Provenance()).value,
                                                          kindOf: { _ in kind }, years: FieldParsing.validYears())
        guard let checked else { throw RecordInvalid(problems: problems) }
        if checked.type.isOncePerYear,
           try Int.fetchOne(db, sql: "SELECT 1 FROM achievement WHERE candidate_id = ? AND type = ? AND year = ? AND id IS NOT ?",
                            arguments: [checked.candidateId, checked.type.rawValue, checked.year, id]) != nil {
            throw RecordInvalid(problems: [FieldProblem(field: "type", key: "import.once_per_year",
                                                        args: [checked.type.rawValue, String(checked.year), checked.candidateId])])
        }
        return checked
    }

    /// Records of the same candidate, type and year with the same decision number (ignoring case, spaces and
    /// diacritics; both empty counts as the same): probably the record being entered a second time.
    public func likelyDuplicates(of a: Achievement) throws -> [Achievement] {
        let number = a.decisionNo.map(Self.decisionKey) ?? ""
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Achievement.columns) FROM achievement WHERE candidate_id = ? AND type = ? AND year = ? AND id IS NOT ? ORDER BY id
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
                SELECT \(Achievement.columns), uid, entered_unit, entered_by, entered_at FROM achievement
                WHERE candidate_id = ? ORDER BY year, type, id
                """, arguments: [candidateId])
                .map { StoredAchievement(achievement: Achievement(row: $0), uid: $0["uid"], provenance: Self.provenance($0)) }
        }
    }

    // MARK: Undo (one level)

    /// The change `undoLast()` would revert, if any.
    public func lastChange() throws -> UndoableChange? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT change, table_name, row_key, label, at FROM undo_log ORDER BY seq LIMIT 1").map {
                UndoableChange(action: UndoableChange.Action(rawValue: $0[0]) ?? .update, table: $0[1], key: $0[2], label: $0[3], at: $0[4])
            }
        }
    }

    /// Reverts the last form change (insert, update or delete) in one transaction; nil when there is none.
    @discardableResult
    public func undoLast() throws -> UndoableChange? {
        try write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT change, table_name, row_key, label, at, before_json FROM undo_log ORDER BY seq")
            guard let first = rows.first else { return nil }
            let change = UndoableChange(action: UndoableChange.Action(rawValue: first[0]) ?? .update, table: first[1], key: first[2],
                                        label: first[3], at: first[4])
            let table = change.table == "candidate" ? "candidate" : "achievement"
            switch change.action {
            case .insert:
                try db.execute(sql: "DELETE FROM \(table) WHERE id = ?", arguments: [Self.keyValue(table, change.key)])
            case .update:
                guard let json: String = first[5] else { break }
                let snap = try RowSnapshot(json: json)
                let cols = snap.columns.filter { $0 != "id" }
                try db.execute(sql: "UPDATE \(table) SET \(cols.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?",
                               arguments: StatementArguments(cols.map { snap.values[$0]! } + [Self.keyValue(table, change.key)]))
            case .delete:
                for r in rows {
                    guard let json: String = r[5] else { continue }
                    let snap = try RowSnapshot(json: json)
                    let t: String = r[1] == "candidate" ? "candidate" : "achievement"
                    let marks = Array(repeating: "?", count: snap.columns.count).joined(separator: ",")
                    try db.execute(sql: "INSERT INTO \(t) (\(snap.columns.joined(separator: ", "))) VALUES (\(marks))",
                                   arguments: StatementArguments(snap.columns.map { snap.values[$0]! }))
                }
            }
            try db.execute(sql: "DELETE FROM undo_log")
            return change
        }
    }

    static func keyValue(_ table: String, _ key: String) -> DatabaseValueConvertible {
        table == "achievement" ? (Int64(key) ?? -1) as DatabaseValueConvertible : key
    }

    static func snapshot(_ db: Database, table: String, key: String) throws -> RowSnapshot? {
        let t = table == "candidate" ? "candidate" : "achievement"
        return try Row.fetchOne(db, sql: "SELECT * FROM \(t) WHERE id = ?", arguments: [keyValue(t, key)]).map(RowSnapshot.init(row:))
    }

    /// Replaces the one-level log with the rows a change is about to alter (for a delete: also the second table's).
    static func logChange(_ db: Database, _ action: UndoableChange.Action, table: String, key: String, label: String,
                          before: [RowSnapshot]) throws {
        try db.execute(sql: "DELETE FROM undo_log")
        let at = ISO8601DateFormatter().string(from: Date())
        let rows: [(String, RowSnapshot?)] = before.isEmpty ? [(table, nil)]
            : before.enumerated().map { ($0.offset == 0 ? table : "achievement", $0.element) }
        for (t, snap) in rows {
            try db.execute(sql: "INSERT INTO undo_log (change, label, table_name, row_key, before_json, at) VALUES (?,?,?,?,?,?)",
                           arguments: [action.rawValue, label, t, snap?.text("id") ?? key, try snap?.json(), at])
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

/// A half-typed form, as the forms saved it.
public struct Draft: Equatable, Sendable {
    public var kind: String
    public var key: String
    public var json: String
    public var updatedAt: String
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
