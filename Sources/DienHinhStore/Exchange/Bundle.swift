import Crypto
import DienHinhCore
import DienHinhResources
import Foundation
import GRDB

/// What merging one bundle did (or, in a dry run, would do).
public struct BundleReport: Equatable, Sendable {
    public var file: String
    public var unit: String
    public var createdAt: String
    public var createdBy: String
    public var candidatesAdded = 0
    public var candidatesIdentical = 0
    public var achievementsAdded = 0
    public var achievementsIdentical = 0
    /// Conflicts found by this import and stored for the secretary to decide.
    public var conflicts: [BundleConflict] = []
    /// Differences already stored by an earlier import of the same content (not stored again).
    public var knownConflicts = 0
    /// Records deleted at the unit and so deleted here (the centre had them as the unit last sent them).
    public var deleted = 0
    public var dryRun = false
    /// The enrolled key that signed the bundle; nil for an unsigned one merged with `acceptUnsigned`.
    public var signedBy: String?
    /// The bundle's sequence number from its unit (signed bundles).
    public var sequence: Int?
    /// The centre's nominations and selections a bundle sent down carried (kept in `centre_decision`).
    public var decisions = 0

    public var added: Int { candidatesAdded + achievementsAdded }
    public var identical: Int { candidatesIdentical + achievementsIdentical }
}

/// A bundle file's bytes and what it carries.
public struct ExportedBundle: Sendable {
    public var data: Data
    public var candidates: Int
    public var achievements: Int
    /// The fingerprint of the unit key that signed it and the sequence number it took; nil when the database has no
    /// key for the unit (an unsigned version 1 bundle, which the centre refuses unless told otherwise).
    public var signedBy: String?
    public var sequence: Int?
}

/// Which side of a conflict the secretary keeps.
public enum ConflictChoice: String, Sendable, CaseIterable {
    /// The record as the centre has it.
    case ours
    /// The record as the bundle brought it (with the provenance of the unit that entered it).
    case theirs
}

/// A record that exists at the centre and in a bundle with different content: never overwritten silently.
public struct BundleConflict: Equatable, Sendable, Identifiable {
    /// `deletion`: a record deleted at the unit that the centre has changed since; `theirs` deletes it here too.
    public enum Kind: String, Sendable { case candidate, achievement, deletion }

    public var id: Int64
    public var kind: Kind
    /// The candidate id, or the achievement's uid as the bundle names it.
    public var recordKey: String
    public var candidateId: String
    /// The candidate's name at the centre (or in the bundle when the centre has none).
    public var candidateName: String?
    public var sourceUnit: String
    public var bundleFile: String
    public var bundleCreatedAt: String
    public var detectedAt: String
    /// Content fields in contract order; provenance is separate.
    public var fields: [ConflictField]
    public var oursProvenance: Provenance?
    public var theirsProvenance: Provenance
    /// The stored JSON of each side (a `BundleCandidate` or `BundleAchievement`).
    public var oursJSON: String?
    public var theirsJSON: String
    public var resolution: ConflictChoice?
    public var resolvedAt: String?
    public var resolvedBy: String?

    /// The fields that differ, as `name: ours → theirs`, for a one-line report.
    public var differences: [ConflictField] { fields.filter(\.differs) }
}

extension AppDatabase {
    // MARK: Export

    /// The units whose records a unit's bundle carries: itself and the units directly under it
    /// (a province's districts, the SPP's affiliated units). A High procuracy's bundle is its own records only:
    /// the provinces of its region report for themselves.
    func bundleScope(_ db: Database, unit: String) throws -> [String] {
        [unit] + (try String.fetchAll(db, sql: "SELECT code FROM unit WHERE parent_code = ? ORDER BY sort_order", arguments: [unit]))
    }

    /// A unit's candidates and records with their provenance, as a checksummed bundle file, signed by the unit's key
    /// when this database has one (`keys init`); each signed export takes the unit's next sequence number.
    /// `signAs`: the centre sending a unit's records back down (its corrections and decided conflicts) signs with its
    /// own key, which the unit has enrolled; such bundles are numbered on their own.
    public func exportBundle(unit: String, createdBy: String? = nil, now: Date = Date(), signAs: String? = nil) throws -> ExportedBundle {
        var signing: BundleFormat.Signing?
        let signer = signAs ?? unit
        let key = try UnitKeys.privateKey(databasePath: path, unit: signer)
        if signAs != nil && key == nil { throw KeyError.noKey(unit: signer, path: UnitKeys.privateKeyPath(databasePath: path, unit: signer)) }
        if let key {
            let counter = "bundle.seq." + unit + (signer == unit ? "" : ".by." + signer)
            let seq = try immediate { db -> Int in
                let next = (try Int.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM meta WHERE key = ?", arguments: [counter]) ?? 0) + 1
                try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [counter, String(next)])
                return next
            }
            signing = BundleFormat.Signing(unit: unit, seq: seq, key: key)
        }
        return try read { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM unit WHERE code = ?", arguments: [unit]) != nil else {
                throw StoreError.notFound("unknown unit \(unit)")
            }
            let scope = try bundleScope(db, unit: unit)
            let marks = SQLText.marks(scope.count)
            let crows = try Row.fetchAll(db, sql: """
                SELECT \(Candidate.columns), entered_unit, entered_by, entered_at FROM candidate
                WHERE unit_code IN (\(marks)) ORDER BY id
                """, arguments: StatementArguments(scope))
            let candidates = crows.map { BundleCandidate(Candidate(row: $0), Self.provenance($0)) }
            let arows = try Row.fetchAll(db, sql: """
                SELECT a.id, a.candidate_id, a.year, a.type, a.class, a.proposed_award, a.decision_no, a.decision_date, a.issuer,
                       a.note, a.entered_unit, a.entered_by, a.entered_at, a.uid
                FROM achievement a JOIN candidate c ON c.id = a.candidate_id
                WHERE c.unit_code IN (\(marks)) ORDER BY a.candidate_id, a.year, a.type, a.uid
                """, arguments: StatementArguments(scope))
            let achievements = arows.map { BundleAchievement(uid: $0["uid"], Achievement(row: $0), Self.provenance($0)) }
            let deleted = try tombstones(db, scope: scope)
            let decisions = signAs == nil || signAs == unit ? [] : try centreDecisions(db, scope: scope)
            let user = createdBy ?? Provenance.local().user ?? "?"
            let meta = BundleMeta(format: signing == nil ? 1 : BundleFormat.version, unit: unit, created_at: CivilTime.timestamp(now),
                                  created_by: user, app: "dienhinh")
            // One record per line: a bundle stays readable and diffable, and is still one JSON document.
            var text = String(try JSONText.encode(meta).dropLast())
            text += ",\n\"candidates\":[\n" + (try JSONText.lines(candidates))
            text += "\n],\n\"achievements\":[\n" + (try JSONText.lines(achievements))
            if !deleted.isEmpty { text += "\n],\n\"deleted\":[\n" + (try JSONText.lines(deleted)) }
            if !decisions.isEmpty { text += "\n],\n\"decisions\":[\n" + (try JSONText.lines(decisions)) }
            text += "\n]}\n"
            return ExportedBundle(data: try BundleFormat.encode(Data(text.utf8), signing: signing), candidates: candidates.count,
                                  achievements: achievements.count,
                                  signedBy: signing.map { UnitKeys.fingerprint($0.key.publicKey.rawRepresentation) }, sequence: signing?.seq)
        }
    }

    /// The records of these units deleted here and not restored since (an undone deletion brings its uid back),
    /// each as it was when deleted: the last deletion of each uid.
    func tombstones(_ db: Database, scope: [String]) throws -> [BundleTombstone] {
        let marks = SQLText.marks(scope.count)
        var byUid: [String: BundleTombstone] = [:]
        for r in try Row.fetchAll(db, sql: """
            SELECT h.before_json, h.by_user, h.by_unit, h.at FROM record_history h JOIN candidate c ON c.id = h.candidate_id
            WHERE h.table_name = 'achievement' AND h.change = 'delete' AND h.before_json IS NOT NULL AND c.unit_code IN (\(marks))
            ORDER BY h.seq
            """, arguments: StatementArguments(scope)) {
            let snap = try RowSnapshot(json: r["before_json"])
            guard let uid = snap.text("uid"), let year = snap.text("year").flatMap(Int.init),
                  let type = snap.text("type").flatMap(AwardCode.init(rawValue:)), let candidate = snap.text("candidate_id") else { continue }
            let a = Achievement(candidateId: candidate, year: year, type: type, awardClass: snap.text("class").flatMap(Int.init),
                                proposedAward: snap.text("proposed_award").flatMap(AwardCode.init(rawValue:)), decisionNo: snap.text("decision_no"),
                                decisionDate: snap.text("decision_date"), issuer: snap.text("issuer"), note: snap.text("note"))
            let p = Provenance(unitCode: snap.text("entered_unit"), user: snap.text("entered_by"), at: snap.text("entered_at"))
            byUid[uid] = BundleTombstone(record: BundleAchievement(uid: uid, a, p), deleted_at: r["at"], deleted_by: r["by_user"],
                                         deleted_unit: r["by_unit"])
        }
        let live = Set(try String.fetchAll(db, sql: "SELECT uid FROM achievement WHERE uid IN (\(SQLText.marks(byUid.count)))",
                                           arguments: StatementArguments(Array(byUid.keys))))
        return byUid.values.filter { !live.contains($0.record.uid) }.sorted { $0.record.uid < $1.record.uid }
    }

    /// The centre's nominations of these units' candidates and its selections in certified rounds.
    func centreDecisions(_ db: Database, scope: [String]) throws -> [BundleDecision] {
        let marks = SQLText.marks(scope.count)
        var out = try Row.fetchAll(db, sql: """
            SELECT candidate_id, year, unit_code, override_reason, nominated_at FROM nomination WHERE unit_code IN (\(marks))
            ORDER BY year, candidate_id
            """, arguments: StatementArguments(scope)).map {
            BundleDecision(kind: "nomination", year: $0["year"], candidate_id: $0["candidate_id"], unit_code: $0["unit_code"],
                           detail: $0["override_reason"], decided_at: $0["nominated_at"])
        }
        let units = Set(scope)
        for r in try Row.fetchAll(db, sql: """
            SELECT r.id, s.year, r.closed_at FROM round r JOIN council_session s ON s.id = r.session_id
            WHERE r.status = 'certified' ORDER BY r.id
            """) {
            let result = try Self.storedResult(db, round: r["id"])
            for c in result.candidates where result.elected.contains(c.id) && units.contains(c.unitCode) {
                out.append(BundleDecision(kind: "selection", year: r["year"], candidate_id: c.id, unit_code: c.unitCode,
                                          detail: r["id"], decided_at: r["closed_at"]))
            }
        }
        return out
    }

    static func provenance(_ row: Row) -> Provenance {
        Provenance(unitCode: row["entered_unit"], user: row["entered_by"], at: row["entered_at"])
    }

    // MARK: Import

    /// Merges a bundle in one transaction: new records added with their original provenance, identical ones
    /// skipped, differing ones stored as conflicts. A damaged, newer-format or invalid bundle is refused
    /// (`ImportFailure`, nothing written), and so is one that is not signed by a key enrolled here for its unit or
    /// a unit above it, or is older than one already merged from that unit; an unsigned (version 1) bundle only
    /// with `acceptUnsigned`, which the audit log records.
    public func importBundle(_ data: Data, file: String, strings: Strings, dryRun: Bool = false,
                             importedBy: Provenance = .local(), now: Date = Date(), acceptUnsigned: Bool = false) throws -> BundleReport {
        func refuse(_ key: String, _ args: [String]) -> ImportFailure {
            ImportFailure(errors: [InputError(file: file, position: nil, message: strings.format(key, args))])
        }
        if data.count > InputLimits.bundleBytes {
            throw refuse("limits.file_bytes", [String(data.count), String(InputLimits.bundleBytes)])
        }
        let payloadData: Data
        let seal: BundleFormat.Seal?
        do { (payloadData, seal) = try BundleFormat.open(data) } catch { throw refuse(error.key, error.args) }
        if seal == nil && !acceptUnsigned { throw refuse("bundle.unsigned", []) }
        // Counted on the bytes before decoding: a million records must be refused without building them.
        if BundleFormat.recordCount(payloadData) > InputLimits.bundleRecords {
            throw refuse("limits.bundle_records", [String(InputLimits.bundleRecords)])
        }
        let payload: BundlePayload
        do {
            payload = try JSONDecoder().decode(BundlePayload.self, from: payloadData)
        } catch {
            throw refuse("bundle.bad_payload", [Self.decodingDetail(error)])
        }
        if payload.format > BundleFormat.version {
            throw refuse("bundle.newer_version", [String(payload.format), String(BundleFormat.version)])
        }
        if let seal, seal.unit != payload.unit { throw refuse("bundle.seal_unit", [seal.unit, payload.unit]) }
        if !(payload.decisions ?? []).isEmpty && seal == nil { throw refuse("bundle.decisions_unsigned", []) }
        let checksum = BundleFormat.checksum(of: payloadData)
        let stamp = CivilTime.timestamp(now)

        do {
            return try write { db in
                var signer: String?
                if let seal {
                    do { signer = try Self.verify(db, seal, checksum: checksum) } catch let r as BundleFormat.Refusal { throw refuse(r.key, r.args) }
                }
                var report = try merge(db, payload, file: file, checksum: checksum, strings: strings,
                                       importedBy: importedBy, stamp: stamp, now: now, signedKey: signer)
                report.signedBy = signer
                report.sequence = seal?.seq
                report.decisions = try keepDecisions(db, payload, signer: signer, checksum: checksum, strings: strings, file: file)
                if let seal {
                    try db.execute(sql: "INSERT OR REPLACE INTO bundle_sequence (unit_code, last_seq, checksum) VALUES (?,?,?)",
                                   arguments: [seal.unit, seal.seq, checksum])
                } else {
                    try Audit.append(db, actor: importedBy.user ?? Self.operatorName, action: "bundle.unsigned_accepted",
                                     detail: ["file": file, "unit": payload.unit, "checksum": checksum])
                }
                // A dry run reports exactly what would happen, then rolls everything back.
                if dryRun { throw DryRunRollback(report: report) }
                return report
            }
        } catch let r as DryRunRollback {
            var report = r.report
            report.dryRun = true
            return report
        }
    }

    private struct DryRunRollback: Error { var report: BundleReport }

    /// The centre's decisions a bundle sent down carries replace what this database held from the centre for those
    /// units. Only a key enrolled for a unit above the bundle's may carry them: a unit cannot nominate or select itself.
    func keepDecisions(_ db: Database, _ p: BundlePayload, signer: String?, checksum: String, strings: Strings, file: String) throws -> Int {
        guard let decisions = p.decisions, !decisions.isEmpty else { return 0 }
        let keyUnit = try String.fetchOne(db, sql: "SELECT unit_code FROM unit_key WHERE fingerprint = ?", arguments: [signer])
        guard let keyUnit, keyUnit != p.unit else {
            throw ImportFailure(errors: [InputError(file: file, position: nil, message: strings("bundle.decisions_from_unit", p.unit))])
        }
        let scope = try bundleScope(db, unit: p.unit)
        let bundleId = try Int64.fetchOne(db, sql: "SELECT id FROM bundle_import WHERE checksum = ?", arguments: [checksum])
        let marks = SQLText.marks(scope.count)
        try db.execute(sql: "DELETE FROM centre_decision WHERE unit_code IN (\(marks))", arguments: StatementArguments(scope))
        for d in decisions where ["nomination", "selection"].contains(d.kind) && scope.contains(d.unit_code) {
            try db.execute(sql: """
                INSERT OR REPLACE INTO centre_decision (kind, year, candidate_id, unit_code, detail, decided_at, bundle_id) VALUES (?,?,?,?,?,?,?)
                """, arguments: [d.kind, d.year, d.candidate_id, d.unit_code, d.detail, d.decided_at, bundleId])
        }
        return decisions.count
    }

    /// What the centre decided for this database's units, as its last bundle sent down said, by year and kind.
    public func centreDecisions(year: Int? = nil) throws -> [BundleDecision] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT kind, year, candidate_id, unit_code, detail, decided_at FROM centre_decision
                WHERE ? IS NULL OR year = ? ORDER BY year, kind, unit_code, candidate_id
                """, arguments: [year, year]).map {
                BundleDecision(kind: $0["kind"], year: $0["year"], candidate_id: $0["candidate_id"], unit_code: $0["unit_code"],
                               detail: $0["detail"], decided_at: $0["decided_at"])
            }
        }
    }

    /// The fingerprint of the enrolled key that made a valid seal; else why the bundle is refused.
    static func verify(_ db: Database, _ seal: BundleFormat.Seal, checksum: String) throws(BundleFormat.Refusal) -> String {
        do {
            guard let row = try Row.fetchOne(db, sql: "SELECT unit_code, public_key, revoked_at FROM unit_key WHERE fingerprint = ?",
                                             arguments: [seal.key]) else { throw BundleFormat.Refusal(key: "bundle.key_unknown", args: [seal.key]) }
            if (row["revoked_at"] as String?) != nil { throw BundleFormat.Refusal(key: "bundle.key_revoked", args: [seal.key]) }
            let keyUnit: String = row["unit_code"]
            guard try signingUnits(db, for: seal.unit).contains(keyUnit) else {
                throw BundleFormat.Refusal(key: "bundle.key_other_unit", args: [seal.key, keyUnit, seal.unit])
            }
            guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: row["public_key"] as Data),
                  key.isValidSignature(seal.signature, for: seal.signed) else {
                throw BundleFormat.Refusal(key: "bundle.bad_signature", args: [seal.key])
            }
            if let last = try Row.fetchOne(db, sql: "SELECT last_seq, checksum FROM bundle_sequence WHERE unit_code = ?", arguments: [seal.unit]) {
                let lastSeq: Int = last["last_seq"]
                // The same bundle again is harmless (it merges to nothing new); an older one, or another with the
                // same number, is a replay.
                if seal.seq < lastSeq || (seal.seq == lastSeq && (last["checksum"] as String) != checksum) {
                    throw BundleFormat.Refusal(key: "bundle.replayed", args: [String(seal.seq), seal.unit, String(lastSeq)])
                }
            }
            return seal.key
        } catch let r as BundleFormat.Refusal {
            throw r
        } catch {
            throw BundleFormat.Refusal(key: "bundle.bad_payload", args: ["\(error)"])
        }
    }

    static func decodingDetail(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let c):
            return "missing \"\(key.stringValue)\" at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "wrong value at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let c):
            return c.debugDescription
        default:
            return "\(error)"
        }
    }

    private func merge(_ db: Database, _ p: BundlePayload, file: String, checksum: String, strings: Strings,
                       importedBy: Provenance, stamp: String, now: Date, signedKey: String?) throws -> BundleReport {
        var errors: [InputError] = []
        func fail(_ what: String, _ key: String, _ args: [String]) {
            errors.append(InputError(file: file, position: nil, message: what + ": " + strings.format(key, args)))
        }
        func fail(_ what: String, _ problem: FieldProblem) {
            errors.append(InputError(file: file, position: nil, message: what + ": " + strings.message(problem)))
        }
        var lookup = KnownRecords(units: Set(try String.fetchAll(db, sql: "SELECT code FROM unit")))
        // Who made the bundle and who entered each record are shown to the centre: held to the same limits.
        func envelope(_ what: String, _ field: String, _ value: String?) {
            if let value, let v = InputLimits.check(value, field: field) { fail(what, v.key, v.args) }
        }
        envelope(strings("bundle.envelope"), "unit", p.unit)
        envelope(strings("bundle.envelope"), "created_by", p.created_by)
        envelope(strings("bundle.envelope"), "created_at", p.created_at)
        if !errors.isEmpty { throw ImportFailure(errors: errors) }
        guard lookup.isKnownUnit(p.unit) else {
            throw ImportFailure(errors: [InputError(file: file, position: nil, message: strings("import.unknown_unit", "unit", p.unit))])
        }
        let scope = Set(try bundleScope(db, unit: p.unit))

        // 1. Validate everything with the CSV rules before touching anything.
        var theirsCandidates: [(Candidate, BundleCandidate)] = []
        var seenIds: Set<String> = []
        for (i, bc) in p.candidates.enumerated() {
            let what = strings("bundle.candidate_at", i + 1, bc.id)
            let (c, problems) = RecordRules.candidate(bc.value, lookup)
            for pr in problems { fail(what, pr) }
            for (field, value) in bc.enteredFields { envelope(what, field, value) }
            if !seenIds.insert(bc.id).inserted { fail(what, "bundle.repeated_candidate", [bc.id]) ; continue }
            guard let c else { continue }
            if !scope.contains(c.unitCode) { fail(what, "bundle.outside_unit", [c.unitCode, p.unit]); continue }
            theirsCandidates.append((c, bc))
        }
        for bc in p.candidates { if let k = CandidateKind(text: bc.kind) { lookup.kinds[bc.id] = k } }
        let years = FieldParsing.validYears(now: now)
        var theirsRecords: [(Achievement, BundleAchievement)] = []
        var recordPositions: [Int] = []
        var seenUids: Set<String> = []
        var yearly: Set<RecordRules.YearlyKey> = []
        for (i, ba) in p.achievements.enumerated() {
            let what = strings("bundle.achievement_at", i + 1, ba.candidate_id, ba.year, ba.type)
            let (a, problems) = RecordRules.achievement(ba.value, lookup, years: years)
            for pr in problems { fail(what, pr) }
            for (field, value) in ba.enteredFields { envelope(what, field, value) }
            let uid = ba.uid.trimmingCharacters(in: .whitespaces)
            if uid.isEmpty || InputLimits.check(uid, field: "uid") != nil { fail(what, "bundle.bad_uid", [ba.uid]); continue }
            if !seenUids.insert(uid).inserted { fail(what, "bundle.repeated_uid", [uid]); continue }
            guard let a else { continue }
            if let key = RecordRules.yearlyKey(a), !yearly.insert(key).inserted {
                fail(what, RecordRules.oncePerYear(a)); continue
            }
            theirsRecords.append((a, ba))
            recordPositions.append(i)
        }
        // Deletions: each as the unit last had it. One the bundle also carries again (restored) is not a deletion.
        var theirsDeletions: [(position: Int, tombstone: BundleTombstone, record: Achievement)] = []
        for (i, t) in (p.deleted ?? []).enumerated() {
            let what = strings("bundle.deletion_at", i + 1, t.record.candidate_id, t.record.year, t.record.type)
            envelope(what, "deleted_by", t.deleted_by)
            envelope(what, "deleted_unit", t.deleted_unit)
            envelope(what, "deleted_at", t.deleted_at)
            let uid = t.record.uid.trimmingCharacters(in: .whitespaces)
            if uid.isEmpty || InputLimits.check(uid, field: "uid") != nil { fail(what, "bundle.bad_uid", [t.record.uid]); continue }
            if seenUids.contains(uid) { continue }
            let (a, problems) = RecordRules.achievement(t.record.value, lookup, years: years)
            for pr in problems { fail(what, pr) }
            if let a { theirsDeletions.append((i, t, a)) }
        }
        if !errors.isEmpty { throw ImportFailure(errors: errors) }

        // 2. What the centre has for these candidates, loaded once.
        let ids = theirsCandidates.map(\.0.id)
        var ours: [String: (Candidate, Provenance)] = [:]
        var oursRecords: [String: [LocalRecord]] = [:]
        var oursByUid: [String: LocalRecord] = [:]
        for chunk in ids.chunks(of: 500) {
            let marks = SQLText.marks(chunk.count)
            for r in try Row.fetchAll(db, sql: "SELECT \(Candidate.columns), entered_unit, entered_by, entered_at FROM candidate WHERE id IN (\(marks))",
                                      arguments: StatementArguments(chunk)) {
                let c = Candidate(row: r)
                ours[c.id] = (c, Self.provenance(r))
            }
            for r in try Row.fetchAll(db, sql: """
                SELECT id, candidate_id, year, type, class, proposed_award, decision_no, decision_date, issuer, note,
                       entered_unit, entered_by, entered_at, uid
                FROM achievement WHERE candidate_id IN (\(marks))
                """, arguments: StatementArguments(chunk)) {
                let l = LocalRecord(rowId: r["id"], uid: r["uid"], record: Achievement(row: r).content, provenance: Self.provenance(r))
                oursRecords[l.record.candidateId, default: []].append(l)
                oursByUid[l.uid] = l
            }
        }
        // Any local uid, not only these candidates': a uid that moved to another candidate of the unit is a conflict.
        // A uid held by a candidate outside the sending unit is not the unit's to carry: refused, never offered as a
        // conflict whose "theirs" would move another unit's record (issue 18).
        for (i, (_, ba)) in theirsRecords.enumerated() where oursByUid[ba.uid] == nil {
            if let r = try Row.fetchOne(db, sql: """
                SELECT a.id, a.candidate_id, a.year, a.type, a.class, a.proposed_award, a.decision_no, a.decision_date, a.issuer,
                       a.note, a.entered_unit, a.entered_by, a.entered_at, a.uid, c.unit_code AS owner_unit
                FROM achievement a JOIN candidate c ON c.id = a.candidate_id WHERE a.uid = ?
                """, arguments: [ba.uid]) {
                let owner: String = r["owner_unit"]
                guard scope.contains(owner) else {
                    let at = recordPositions[i]
                    fail(strings("bundle.achievement_at", at + 1, ba.candidate_id, ba.year, ba.type), "bundle.uid_elsewhere",
                         [ba.uid, r["candidate_id"], owner, p.unit])
                    continue
                }
                oursByUid[ba.uid] = LocalRecord(rowId: r["id"], uid: r["uid"], record: Achievement(row: r).content, provenance: Self.provenance(r))
            }
        }
        if !errors.isEmpty { throw ImportFailure(errors: errors) }
        var known: Set<String> = []
        for r in try Row.fetchAll(db, sql: "SELECT kind, record_key, theirs_json FROM bundle_conflict") {
            known.insert("\(r[0] as String)|\(r[1] as String)|\(r[2] as String)")
        }

        // 3. The import's own row (once per distinct bundle content).
        try db.execute(sql: """
            INSERT OR IGNORE INTO bundle_import (checksum, file, source_unit, created_at, created_by, imported_at, imported_by,
                                                 added, identical, conflicts, signed_key)
            VALUES (?,?,?,?,?,?,?,0,0,0,?)
            """, arguments: [checksum, file, p.unit, p.created_at, p.created_by, stamp, importedBy.user ?? "?", signedKey])
        let firstTime = db.changesCount > 0
        let bundleId = try Int64.fetchOne(db, sql: "SELECT id FROM bundle_import WHERE checksum = ?", arguments: [checksum])!

        var report = BundleReport(file: file, unit: p.unit, createdAt: p.created_at, createdBy: p.created_by)
        let ins = try Inserter(db)
        let insertRecord = try db.cachedStatement(sql: """
            INSERT INTO achievement (candidate_id, year, type, class, proposed_award, decision_no, decision_date,
              issuer, note, entered_unit, entered_by, entered_at, uid)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        let insertConflict = try db.cachedStatement(sql: """
            INSERT INTO bundle_conflict (bundle_id, kind, record_key, candidate_id, ours_json, theirs_json, detected_at)
            VALUES (?,?,?,?,?,?,?)
            """)
        var newConflictIds: [Int64] = []
        func conflict(_ kind: BundleConflict.Kind, key: String, candidate: String, ours: String?, theirs: String) throws {
            if known.contains("\(kind.rawValue)|\(key)|\(theirs)") { report.knownConflicts += 1; return }
            known.insert("\(kind.rawValue)|\(key)|\(theirs)")
            try insertConflict.execute(arguments: [bundleId, kind.rawValue, key, candidate, ours, theirs, stamp])
            newConflictIds.append(db.lastInsertedRowID)
        }

        var addedCandidates: [String] = [], addedUids: [String] = []
        // 4. Candidates: identity is the contract's stable id.
        for (c, bc) in theirsCandidates {
            guard let (mine, mineP) = ours[c.id] else {
                try ins.insert(c, bc.provenance)
                addedCandidates.append(c.id)
                report.candidatesAdded += 1
                continue
            }
            if mine.content == c.content { report.candidatesIdentical += 1; continue }
            try conflict(.candidate, key: c.id, candidate: c.id, ours: try JSONText.encode(BundleCandidate(mine, mineP)),
                         theirs: try JSONText.encode(bc))
        }

        // 5. Records: identity is the uid; a record entered twice (different uids, same content) is identical;
        // a second once-a-year rating for the same year is a conflict with the one the centre has.
        let bundleUids = Set(theirsRecords.map(\.1.uid))
        var consumed: Set<String> = []
        var addedHere: Set<AchievementCopyKey> = []
        // The centre's records as copy keys (each key names its candidate), built once.
        let oursCopies = Set(oursRecords.values.joined().compactMap(\.record.copyKey))
        for (a, ba) in theirsRecords {
            let theirsJSON = try JSONText.encode(ba)
            if let mine = oursByUid[ba.uid] {
                consumed.insert(mine.uid)
                if mine.record == a.content { report.achievementsIdentical += 1; continue }
                try conflict(.achievement, key: ba.uid, candidate: a.candidateId,
                             ours: try JSONText.encode(BundleAchievement(uid: mine.uid, mine.record, mine.provenance)), theirs: theirsJSON)
                continue
            }
            let local = (oursRecords[a.candidateId] ?? []).filter { !consumed.contains($0.uid) && !bundleUids.contains($0.uid) }
            if let same = local.first(where: { $0.record == a.content }) {
                consumed.insert(same.uid)
                report.achievementsIdentical += 1
                continue
            }
            // One achievement, one record (issue 14): a copy of a decision the centre holds, or of one this bundle
            // already added, is identical, however its uid or the spacing of its number differs.
            if let key = a.content.copyKey, oursCopies.contains(key) || addedHere.contains(key) {
                report.achievementsIdentical += 1
                continue
            }
            if a.type.isOncePerYear, let other = local.first(where: { $0.record.type == a.type && $0.record.year == a.year }) {
                try conflict(.achievement, key: ba.uid, candidate: a.candidateId,
                             ours: try JSONText.encode(BundleAchievement(uid: other.uid, other.record, other.provenance)), theirs: theirsJSON)
                continue
            }
            let pv = ba.provenance
            try insertRecord.execute(arguments: [
                a.candidateId, a.year, a.type.rawValue, a.awardClass, a.proposedAward?.rawValue, a.decisionNo, a.decisionDate,
                a.issuer, a.note, pv.unitCode, pv.user, pv.at, ba.uid,
            ])
            report.achievementsAdded += 1
            addedUids.append(ba.uid)
            if let key = a.content.copyKey { addedHere.insert(key) }
        }
        // 6. Deletions: the centre's record goes when it is as the unit last had it; changed here since, it is a
        // conflict for the secretary. A record the centre never had, or already deleted, needs nothing.
        for d in theirsDeletions {
            guard let r = try Row.fetchOne(db, sql: """
                SELECT a.*, c.unit_code AS owner_unit FROM achievement a JOIN candidate c ON c.id = a.candidate_id WHERE a.uid = ?
                """, arguments: [d.tombstone.record.uid]) else { continue }
            let owner: String = r["owner_unit"]
            guard scope.contains(owner) else {
                fail(strings("bundle.deletion_at", d.position + 1, d.record.candidateId, d.record.year, d.record.type.rawValue),
                     "bundle.uid_elsewhere", [d.tombstone.record.uid, r["candidate_id"], owner, p.unit])
                continue
            }
            let mine = Achievement(row: r).content
            if mine == d.record.content {
                let id: Int64 = r["id"]
                let before = try Self.snapshot(db, table: "achievement", key: String(id))
                try db.execute(sql: "DELETE FROM achievement WHERE id = ?", arguments: [id])
                // Deleted by whoever the unit names, else by the sending unit.
                let by = Provenance(unitCode: d.tombstone.deleted_unit ?? p.unit, user: d.tombstone.deleted_by, at: d.tombstone.deleted_at)
                try Self.remember(db, "delete", label: "\(mine.candidateId) \(mine.year) \(mine.type.rawValue)",
                                  rows: [("achievement", String(id), before)], by)
                report.deleted += 1
            } else {
                try conflict(.deletion, key: d.tombstone.record.uid, candidate: mine.candidateId,
                             ours: try JSONText.encode(BundleAchievement(uid: d.tombstone.record.uid, mine, Self.provenance(r))),
                             theirs: try JSONText.encode(d.tombstone))
            }
        }
        if !errors.isEmpty { throw ImportFailure(errors: errors) }

        // Every record this bundle added names the key that signed it.
        if let signedKey {
            for id in addedCandidates { try db.execute(sql: "UPDATE candidate SET signed_key = ? WHERE id = ?", arguments: [signedKey, id]) }
            for uid in addedUids { try db.execute(sql: "UPDATE achievement SET signed_key = ? WHERE uid = ?", arguments: [signedKey, uid]) }
        }
        if firstTime {
            try db.execute(sql: "UPDATE bundle_import SET added = ?, identical = ?, conflicts = ? WHERE id = ?",
                           arguments: [report.added, report.identical, newConflictIds.count + report.knownConflicts, bundleId])
        }
        report.conflicts = try conflicts(db, ids: newConflictIds)
        return report
    }

    private struct LocalRecord {
        var rowId: Int64
        var uid: String
        var record: Achievement
        var provenance: Provenance
    }

    // MARK: Conflicts

    /// Conflicts waiting for a decision (and decided ones when asked), oldest first.
    public func conflicts(includeResolved: Bool = false) throws -> [BundleConflict] {
        try read { db in try conflicts(db, ids: nil, includeResolved: includeResolved) }
    }

    func conflicts(_ db: Database, ids: [Int64]?, includeResolved: Bool = true) throws -> [BundleConflict] {
        var sql = """
            SELECT k.*, b.file AS bundle_file, b.source_unit AS source_unit, b.created_at AS bundle_created_at,
                   c.name AS candidate_name
            FROM bundle_conflict k JOIN bundle_import b ON b.id = k.bundle_id LEFT JOIN candidate c ON c.id = k.candidate_id
            """
        var conditions: [String] = []
        if !includeResolved { conditions.append("k.resolution IS NULL") }
        if let ids {
            if ids.isEmpty { return [] }
            conditions.append("k.id IN (\(ids.map(String.init).joined(separator: ",")))")
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY k.id"
        return try Row.fetchAll(db, sql: sql).map(Self.conflict(row:))
    }

    static func conflict(row r: Row) -> BundleConflict {
        let kind = BundleConflict.Kind(rawValue: r["kind"]) ?? .achievement
        let oursJSON: String? = r["ours_json"]
        let theirsJSON: String = r["theirs_json"]
        let ours = oursJSON.flatMap(Self.jsonObject) ?? [:]
        // A deletion's "theirs" is the record as the unit had it when deleting it.
        let theirsRecord = kind == .deletion
            ? (try? JSONDecoder().decode(BundleTombstone.self, from: Data(theirsJSON.utf8))).flatMap { try? JSONText.encode($0.record) }
            : theirsJSON
        let theirs = theirsRecord.flatMap(Self.jsonObject) ?? [:]
        let names = kind == .candidate ? CSVColumns.candidates : ["uid"] + CSVColumns.achievements
        let fields = names.map { ConflictField(name: $0, ours: oursJSON == nil ? nil : (ours[$0] ?? nil), theirs: theirs[$0] ?? nil) }
        func prov(_ o: [String: String?]) -> Provenance {
            Provenance(unitCode: o["entered_unit"] ?? nil, user: o["entered_by"] ?? nil, at: o["entered_at"] ?? nil)
        }
        return BundleConflict(
            id: r["id"], kind: kind, recordKey: r["record_key"], candidateId: r["candidate_id"],
            candidateName: (r["candidate_name"] as String?) ?? (theirs["name"] ?? nil),
            sourceUnit: r["source_unit"], bundleFile: r["bundle_file"], bundleCreatedAt: r["bundle_created_at"],
            detectedAt: r["detected_at"], fields: fields, oursProvenance: oursJSON == nil ? nil : prov(ours),
            theirsProvenance: prov(theirs), oursJSON: oursJSON, theirsJSON: theirsJSON,
            resolution: (r["resolution"] as String?).flatMap(ConflictChoice.init(rawValue:)),
            resolvedAt: r["resolved_at"], resolvedBy: r["resolved_by"])
    }

    /// A flat JSON object's values as display text (the contract writes booleans as true/false).
    static func jsonObject(_ s: String) -> [String: String?]? {
        try? JSONDecoder().decode([String: Scalar].self, from: Data(s.utf8)).mapValues(\.text)
    }

    private enum Scalar: Decodable {
        case text(String?)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .text(nil) }
            else if let b = try? c.decode(Bool.self) { self = .text(b ? "true" : "false") }
            else if let i = try? c.decode(Int.self) { self = .text(String(i)) }
            else if let d = try? c.decode(Double.self) { self = .text(String(d)) }
            else { self = .text(try c.decode(String.self)) }
        }
        var text: String? { if case .text(let t) = self { return t }; return nil }
    }

    /// Applies the secretary's choice in one transaction: `.ours` keeps the centre's record as it is;
    /// `.theirs` replaces it with the bundle's content and provenance (and, for a record, the bundle's uid,
    /// so the next bundle from that unit matches it).
    public func resolveConflict(_ id: Int64, keep choice: ConflictChoice, by user: Provenance = .local()) throws {
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM bundle_conflict WHERE id = ?", arguments: [id]) else {
                throw StoreError.notFound("conflict \(id) not found")
            }
            if let done: String = row["resolution"] { throw StoreError.refused("conflict \(id) is already resolved (\(done))") }
            if choice == .theirs {
                let theirs: String = row["theirs_json"]
                let ours: String? = row["ours_json"]
                switch BundleConflict.Kind(rawValue: row["kind"]) ?? .achievement {
                case .candidate:
                    let bc = try JSONDecoder().decode(BundleCandidate.self, from: Data(theirs.utf8))
                    let (c, problems) = RecordRules.candidate(bc.value, StoredRecords(db))
                    guard let c else { throw RecordInvalid(problems: problems) }
                    try db.execute(sql: "DELETE FROM undo_log")
                    // Taking theirs is an edit of ours: the version it replaces stays in the record's history.
                    if let before = try Self.snapshot(db, table: "candidate", key: c.id) {
                        try Self.remember(db, "update", label: c.name, rows: [("candidate", c.id, before)], user)
                    }
                    if try Int.fetchOne(db, sql: "SELECT 1 FROM candidate WHERE id = ?", arguments: [c.id]) != nil {
                        try Self.updateCandidateRow(db, c, bc.provenance)
                    } else {
                        try Inserter(db).insert(c, bc.provenance)
                    }
                case .deletion:
                    // Deleted at the unit: deleted here too, the version it was kept in the record's history.
                    let uid: String = row["record_key"]
                    if let rid = try Int64.fetchOne(db, sql: "SELECT id FROM achievement WHERE uid = ?", arguments: [uid]),
                       let before = try Self.snapshot(db, table: "achievement", key: String(rid)) {
                        try db.execute(sql: "DELETE FROM undo_log")
                        try db.execute(sql: "DELETE FROM achievement WHERE id = ?", arguments: [rid])
                        try Self.remember(db, "delete", label: "\(before.text("candidate_id") ?? "") \(before.text("year") ?? "") \(before.text("type") ?? "")",
                                          rows: [("achievement", String(rid), before)], user)
                    }
                case .achievement:
                    let ba = try JSONDecoder().decode(BundleAchievement.self, from: Data(theirs.utf8))
                    let oursUid = ours.flatMap { try? JSONDecoder().decode(BundleAchievement.self, from: Data($0.utf8)) }?.uid
                    let a = Achievement(candidateId: ba.candidate_id, year: ba.year, type: AwardCode(rawValue: ba.type) ?? .SANG_KIEN,
                                        awardClass: ba.class, proposedAward: ba.proposed_award.flatMap(AwardCode.init(rawValue:)),
                                        decisionNo: ba.decision_no, decisionDate: ba.decision_date, issuer: ba.issuer, note: ba.note)
                    try db.execute(sql: "DELETE FROM undo_log")
                    let pv = ba.provenance
                    let values: [DatabaseValueConvertible?] = [
                        a.candidateId, a.year, a.type.rawValue, a.awardClass, a.proposedAward?.rawValue, a.decisionNo,
                        a.decisionDate, a.issuer, a.note, pv.unitCode, pv.user, pv.at, ba.uid,
                    ]
                    // Another row already carrying the bundle's uid gives way; the centre's row keeps its row id.
                    try db.execute(sql: "DELETE FROM achievement WHERE uid = ? AND uid IS NOT ?", arguments: [ba.uid, oursUid])
                    if let oursUid, let rid = try Int64.fetchOne(db, sql: "SELECT id FROM achievement WHERE uid = ?", arguments: [oursUid]),
                       let before = try Self.snapshot(db, table: "achievement", key: String(rid)) {
                        try Self.remember(db, "update", label: "\(a.candidateId) \(a.year) \(a.type.rawValue)",
                                          rows: [("achievement", String(rid), before)], user)
                    }
                    if let oursUid, try Int.fetchOne(db, sql: "SELECT 1 FROM achievement WHERE uid = ?", arguments: [oursUid]) != nil {
                        try db.execute(sql: """
                            UPDATE achievement SET candidate_id = ?, year = ?, type = ?, class = ?, proposed_award = ?, decision_no = ?,
                              decision_date = ?, issuer = ?, note = ?, entered_unit = ?, entered_by = ?, entered_at = ?, uid = ?
                            WHERE uid = ?
                            """, arguments: StatementArguments(values + [oursUid]))
                    } else {
                        try db.execute(sql: """
                            INSERT INTO achievement (candidate_id, year, type, class, proposed_award, decision_no, decision_date,
                              issuer, note, entered_unit, entered_by, entered_at, uid)
                            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
                            """, arguments: StatementArguments(values))
                    }
                }
            }
            try db.execute(sql: "UPDATE bundle_conflict SET resolution = ?, resolved_at = ?, resolved_by = ? WHERE id = ?",
                           arguments: [choice.rawValue, CivilTime.timestamp(Date()), user.user, id])
        }
    }

    /// The bundles merged so far, newest first: file, unit, counts.
    public func bundleImports() throws -> [(file: String, unit: String, createdAt: String, importedAt: String, added: Int, conflicts: Int)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT file, source_unit, created_at, imported_at, added, conflicts FROM bundle_import ORDER BY id DESC")
                .map { ($0[0], $0[1], $0[2], $0[3], $0[4], $0[5]) }
        }
    }
}
