import DienHinhCore
@testable import DienHinhStore
import Foundation
import GRDB
import Testing

/// A closed round: 7 members, 5 in the room, 2 written ballots.
private func closedRound() throws -> (VotingFixture, String) {
    let f = try VotingFixture.make(memberCount: 7, present: 5)
    let r = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 3), by: f.chairSigner)
    let c = f.candidates
    let marks: [[String]] = [[c[0], c[1]], [c[0]], [c[2], c[1], c[0]], [], [c[3]]]
    for (i, m) in ["M03", "M01", "M05", "M02", "M04"].enumerated() { _ = try f.vote(r, m, marks[i]) }
    _ = try f.db.castWrittenBallot(round: r, member: "M06", by: "M02", pin: "pin-M02", code: f.code("M06"), approvals: [c[0]])
    _ = try f.db.castWrittenBallot(round: r, member: "M07", by: "M02", pin: "pin-M02", code: f.code("M07"), approvals: [c[4]])
    try f.db.closeRound(round: r, by: f.chairSigner, force: true)
    #expect(try f.db.auditVerify().isIntact)
    return (f, r)
}

@Suite struct VotingAuditTests {
    @Test func editedAuditRowIsCaught() throws {
        let (f, _) = try closedRound()
        let seq = try f.db.read { try Int64.fetchOne($0, sql: "SELECT seq FROM audit_log WHERE action = 'vote.cast' LIMIT 1")! }
        try f.db.write { try $0.execute(sql: "UPDATE audit_log SET actor = 'M99' WHERE seq = ?", arguments: [seq]) }
        #expect(try f.db.auditVerify().problem == AuditProblem(seq: seq, kind: .entryHash, subject: ""))
    }

    @Test func removedAuditRowIsCaught() throws {
        let (f, _) = try closedRound()
        try f.db.write { try $0.execute(sql: "DELETE FROM audit_log WHERE seq = 4") }
        #expect(try f.db.auditVerify().problem == AuditProblem(seq: 5, kind: .sequenceGap, subject: ""))
    }

    @Test func editedBallotChoicesAreCaught() throws {
        let (f, r) = try closedRound()
        // A value no real ballot holds: ids are random, so the first ballot may itself be blank ('[]').
        try f.db.write { try $0.execute(sql: #"UPDATE ballot SET choices = '["TAMPERED"]' WHERE id = (SELECT MIN(id) FROM ballot)"#) }
        let p = try #require(try f.db.auditVerify().problem)
        #expect(p.kind == .ballotReceipt && p.subject == r)
    }

    @Test func rewrittenBallotWithMatchingReceiptIsCaught() throws {
        // A careful forger changes the choices and recomputes the receipt: the box sealed at close differs.
        let (f, r) = try closedRound()
        let id = try f.db.read { try String.fetchOne($0, sql: "SELECT MIN(id) FROM ballot")! }
        let forged = [f.candidates[5]]
        try f.db.write {
            try $0.execute(sql: "UPDATE ballot SET choices = ?, receipt = ? WHERE id = ?",
                           arguments: [#"[""# + f.candidates[5] + #""]"#, Audit.receipt(ballotId: id, choices: forged), id])
        }
        let close = try f.db.read { try Int64.fetchOne($0, sql: "SELECT seq FROM audit_log WHERE action = 'round.close'")! }
        #expect(try f.db.auditVerify().problem == AuditProblem(seq: close, kind: .ballotBox, subject: r))
    }

    @Test func removedOrAddedBallotIsCaught() throws {
        let (f, r) = try closedRound()
        try f.db.write { try $0.execute(sql: "DELETE FROM ballot WHERE id = (SELECT MAX(id) FROM ballot)") }
        #expect(try f.db.auditVerify().problem?.kind == .ballotCount)
        try f.db.write { db in
            let id = String(repeating: "f", count: 32)
            try db.execute(sql: "INSERT INTO ballot (id, round_id, choices, receipt) VALUES (?,?,?,?)",
                           arguments: [id, r, "[]", Audit.receipt(ballotId: id, choices: [])])
        }
        #expect(try f.db.auditVerify().problem?.kind == .ballotBox)
    }

    @Test func editedRollAndResultAreCaught() throws {
        let (f, r) = try closedRound()
        try f.db.write { try $0.execute(sql: "UPDATE voter_roll SET written = 0, entered_by = NULL WHERE member_id = 'M06'") }
        #expect(try f.db.auditVerify().problem?.kind == .voterRoll)
        try f.db.write { try $0.execute(sql: "UPDATE voter_roll SET written = 1, entered_by = 'M02' WHERE member_id = 'M06'") }
        #expect(try f.db.auditVerify().isIntact)
        try f.db.write { try $0.execute(sql: "UPDATE round SET result_json = replace(result_json, '\"approvals\":4', '\"approvals\":5') WHERE id = ?", arguments: [r]) }
        #expect(try f.db.auditVerify().problem?.kind == .result)
    }

    @Test func ballotsOfAnOpenRoundAreCheckedToo() throws {
        let f = try VotingFixture.make()
        let r = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 3), by: f.chairSigner)
        _ = try f.vote(r, "M03", [f.candidates[0]])
        _ = try f.vote(r, "M04", [f.candidates[1]])
        #expect(try f.db.auditVerify().isIntact)
        try f.db.write { try $0.execute(sql: "UPDATE ballot SET choices = '[\"T-9\"]' WHERE id = (SELECT MIN(id) FROM ballot)") }
        #expect(try f.db.auditVerify().problem?.kind == .ballotReceipt)
        #expect(refusal { try f.db.closeRound(round: r, by: f.chairSigner, force: true) }.map { if case .inconsistent = $0 { true } else { false } } == true)
    }

    @Test func changeTokenSeesCommits() throws {
        let f = try VotingFixture.make(memberCount: 3)
        let monitor = try f.db.changeMonitor()
        let t0 = try monitor.changeToken()
        #expect(try monitor.changeToken() == t0)
        _ = try f.db.openSession(year: 2020, title: "Khác", by: f.chairSigner)
        #expect(try monitor.changeToken() != t0)
    }
}

@Suite struct VotingSecrecyTests {
    /// How this proves no ballot can be matched to a member:
    /// 1. Schema: `ballot` holds only a random id, the round, the choices and the receipt; it has no
    ///    member, no time, no written flag and no row id, and no table references it. `voter_roll` holds
    ///    who voted and no time and no row id. So no column joins the two tables except the round.
    /// 2. Order: a logical scan of `ballot` returns the rows in random-id order; after the round closes
    ///    the file is rewritten (VACUUM) so the bytes on disk are also in random-id order, not in the
    ///    order of arrival, and the write-ahead log is emptied.
    /// 3. Log: the audit log, which does record who voted and when, never holds a ballot's id, choices
    ///    or receipt, and seals the box only once, at close.
    /// What remains is the random id, which is independent of the voter: nothing left to join on.
    @Test func ballotsCannotBeMatchedToMembers() throws {
        let (f, r) = try closedRound()
        try f.db.read { db in
            func columns(_ t: String) throws -> [String] { try Row.fetchAll(db, sql: "PRAGMA table_info(\(t))").map { $0["name"] } }
            #expect(try columns("ballot") == ["id", "round_id", "choices", "receipt"])
            #expect(try columns("voter_roll") == ["round_id", "member_id", "written", "entered_by"])
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'ballot'")!
            #expect(sql.contains("WITHOUT ROWID"))
            let rollSQL = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'voter_roll'")!
            #expect(rollSQL.contains("WITHOUT ROWID"))
            #expect(throws: (any Error).self) { try Row.fetchAll(db, sql: "SELECT rowid FROM ballot") }
            // No time-like or member-like column in the ballot; no table references the ballot.
            for t in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") {
                let fks = try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(t))").map { $0["table"] as String }
                #expect(!fks.contains("ballot"), "\(t) references ballot")
            }
            for c in try columns("ballot") {
                #expect(!["member", "at", "time", "written", "seq", "created"].contains { c.contains($0) })
            }
            // Physical (unordered) scan equals random-id order.
            let scanned = try String.fetchAll(db, sql: "SELECT id FROM ballot WHERE round_id = ?", arguments: [r])
            #expect(scanned.count == 7)
            #expect(scanned == scanned.sorted())
            // The audit log holds no ballot id, receipt or choices.
            let ballots = try Row.fetchAll(db, sql: "SELECT id, choices, receipt FROM ballot")
            let audit = try Row.fetchAll(db, sql: "SELECT * FROM audit_log").map(\.description).joined(separator: "\n")
            for b in ballots {
                #expect(!audit.contains(b["id"] as String))
                #expect(!audit.contains(b["receipt"] as String))
            }
            for e in try Audit.entries(db) where e.action == "vote.cast" {
                #expect(Set(Audit.detail(e.detail).keys).isSubset(of: ["round", "member", "written", "entered_by"]))
            }
        }
        // On disk: every ballot id appears once, and the byte offsets follow random-id order (not arrival).
        let path = f.db.path
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let ids = try f.db.read { try String.fetchAll($0, sql: "SELECT id FROM ballot") }
        var offsets: [(String, Int)] = []
        for id in ids {
            var found: [Int] = []
            var start = bytes.startIndex
            while let range = bytes.range(of: Data(id.utf8), in: start..<bytes.endIndex) {
                found.append(range.lowerBound)
                start = range.upperBound
            }
            #expect(found.count == 1, "ballot id found \(found.count) times in the file")
            if let o = found.first { offsets.append((id, o)) }
        }
        let byOffset = offsets.sorted { $0.1 < $1.1 }.map(\.0)
        #expect(byOffset == ids.sorted() || byOffset == ids.sorted().reversed())
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        #expect(wal == 0)
    }
}
