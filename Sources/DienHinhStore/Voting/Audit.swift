import Crypto
import DienHinhCore
import Foundation
import GRDB

/// One line of the audit log.
public struct AuditEntry: Equatable, Sendable {
    public var seq: Int64
    public var at: String
    public var actor: String
    public var action: String
    /// JSON object with sorted keys; never a ballot's id, choices or receipt.
    public var detail: String
    public var prevHash: String
    public var hash: String
}

/// The first thing `auditVerify` found wrong.
public struct AuditProblem: Equatable, Sendable {
    public enum Kind: String, Sendable {
        /// An entry's hash is not the hash of its own fields: the entry was edited.
        case entryHash = "entry_hash"
        /// An entry does not point at the hash of the entry before it: an entry was removed or inserted.
        case chainLink = "chain_link"
        /// Sequence numbers are not 1, 2, 3 …: an entry was removed.
        case sequenceGap = "sequence_gap"
        /// A stored ballot's receipt is not the hash of its id and choices.
        case ballotReceipt = "ballot_receipt"
        /// The ballot box differs from the one sealed in the round's closing entry.
        case ballotBox = "ballot_box"
        /// Ballots and roll disagree in number.
        case ballotCount = "ballot_count"
        /// The voter roll differs from the audit's "vote" entries or from the sealed roll.
        case voterRoll = "voter_roll"
        /// The stored result differs from the one sealed when the round closed or was certified.
        case result
        /// A closed round has no closing entry, or an open round has one.
        case roundStatus = "round_status"
        /// The head printed on signed minutes is no longer in the log: entries were removed from its end
        /// (or the code was mistyped).
        case head
        /// A table that decides results (members and PINs, attendance, nominations, round parameters, sessions)
        /// differs from what the log recorded.
        case table
    }

    /// The audit entry concerned (the broken one, or the round's closing entry), when there is one.
    public var seq: Int64?
    public var kind: Kind
    /// The round id for the cross-checks; empty for the chain itself.
    public var subject: String
}

/// `nil` problem: the chain and every cross-check hold.
public struct AuditReport: Equatable, Sendable {
    public var entries: Int
    public var problem: AuditProblem?
    public var isIntact: Bool { problem == nil }
}

enum Audit {
    static let genesis = String(repeating: "0", count: 64)

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    static func sha256Hex(_ text: String) -> String { hex(SHA256.hash(data: Data(text.utf8))) }

    /// A member's PIN as the log knows it: a hash of its salt and hash, so copying one member's PIN onto another's
    /// row (or changing it outside the program) no longer matches the log.
    static func pinSeal(salt: Data, hash: Data) -> String { hex(SHA256.hash(data: salt + hash)) }

    /// Each field length-prefixed, so no two different entries hash the same text.
    static func chainHash(seq: Int64, at: String, actor: String, action: String, detail: String, prevHash: String) -> String {
        let fields = [String(seq), at, actor, action, detail, prevHash]
        return sha256Hex(fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "\n"))
    }

    /// The short, readable form of an entry, as printed on the minutes: `412-3F9A-1C2B-77D0` (its sequence number
    /// and the first 48 bits of its hash). The chain before it cannot be changed without changing that hash.
    static func shortCode(seq: Int64, hash: String) -> String {
        let h = Array(hash.prefix(12).uppercased())
        return "\(seq)-" + stride(from: 0, to: h.count, by: 4).map { String(h[$0..<min($0 + 4, h.count)]) }.joined(separator: "-")
    }

    /// `412-3F9A-1C2B-77D0` (dashes, spaces and case do not matter) into the sequence number and hash prefix.
    static func parseShortCode(_ text: String) -> (seq: Int64, prefix: String)? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", maxSplits: 1)
        guard parts.count == 2, let seq = Int64(parts[0]) else { return nil }
        let prefix = parts[1].lowercased().filter { $0 != "-" && $0 != " " }
        guard prefix.count >= 8, prefix.allSatisfy(\.isHexDigit) else { return nil }
        return (seq, prefix)
    }

    static func head(_ db: Database) throws -> String? {
        try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").map { shortCode(seq: $0["seq"], hash: $0["hash"]) }
    }

    /// The round's seal: the entry that last fixed its result (closing, casting choice or certification).
    static func seal(_ db: Database, round: String) throws -> String? {
        var last: AuditEntry?
        for e in try entries(db) where ["round.close", "round.casting_choice", "round.certify"].contains(e.action) && detail(e.detail)["round"] == round {
            last = e
        }
        return last.map { shortCode(seq: $0.seq, hash: $0.hash) }
    }

    static func now() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: Date())
    }

    static func detailText(_ detail: [String: String]) -> String {
        (try? JSONText.encode(detail)) ?? "{}"
    }

    static func detail(_ text: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
    }

    /// Appends an entry inside the caller's (immediate) transaction.
    @discardableResult
    static func append(_ db: Database, actor: String, action: String, detail: [String: String]) throws -> Int64 {
        let last = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        let seq: Int64 = (last?["seq"] ?? 0) + 1
        let prev: String = last?["hash"] ?? genesis
        let at = now()
        let text = detailText(detail)
        let hash = chainHash(seq: seq, at: at, actor: actor, action: action, detail: text, prevHash: prev)
        try db.execute(sql: "INSERT INTO audit_log (seq, at, actor, action, detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?)",
                       arguments: [seq, at, actor, action, text, prev, hash])
        return seq
    }

    static func entries(_ db: Database) throws -> [AuditEntry] {
        try Row.fetchAll(db, sql: "SELECT seq, at, actor, action, detail, prev_hash, hash FROM audit_log ORDER BY seq").map {
            AuditEntry(seq: $0["seq"], at: $0["at"], actor: $0["actor"], action: $0["action"], detail: $0["detail"],
                       prevHash: $0["prev_hash"], hash: $0["hash"])
        }
    }

    /// The receipt code of a ballot: SHA-256 of its canonical text, formatted for people.
    static func receipt(ballotId: String, choices: [String]) -> String {
        ReceiptCode.format(Array(SHA256.hash(data: Data(Ballot.canonicalText(ballotId: ballotId, choices: choices).utf8))))
    }

    /// A seal over the whole box of a round, taken once at close (never per ballot, which would
    /// let a reader of the log tell which ballot arrived when).
    static func boxHash(_ db: Database, round: String) throws -> String {
        let rows = try Row.fetchAll(db, sql: "SELECT id, choices, receipt FROM ballot WHERE round_id = ? ORDER BY id", arguments: [round])
        return sha256Hex(rows.map { "\($0["id"] as String)|\($0["choices"] as String)|\($0["receipt"] as String)" }.joined(separator: "\n"))
    }

    static func rollHash(_ db: Database, round: String) throws -> String {
        let rows = try Row.fetchAll(db, sql: "SELECT member_id, written, entered_by FROM voter_roll WHERE round_id = ? ORDER BY member_id",
                                    arguments: [round])
        return sha256Hex(rows.map { "\($0["member_id"] as String)|\($0["written"] as Int)|\(($0["entered_by"] as String?) ?? "")" }
            .joined(separator: "\n"))
    }

    /// Recomputes the chain, then checks every round's ballots, roll and result against it. With `head` (the code
    /// printed on signed minutes), also that the log still holds that entry: a log cut back past it is reported.
    static func verify(_ db: Database, head: String? = nil) throws -> AuditReport {
        let all = try entries(db)
        if let head {
            guard let (seq, prefix) = parseShortCode(head),
                  let e = all.first(where: { $0.seq == seq }), e.hash.hasPrefix(prefix) else {
                return AuditReport(entries: all.count, problem: AuditProblem(seq: parseShortCode(head)?.seq, kind: .head, subject: head))
            }
        }
        var prev = genesis
        var expected: Int64 = 1
        for e in all {
            if e.seq != expected { return AuditReport(entries: all.count, problem: AuditProblem(seq: e.seq, kind: .sequenceGap, subject: "")) }
            if e.prevHash != prev { return AuditReport(entries: all.count, problem: AuditProblem(seq: e.seq, kind: .chainLink, subject: "")) }
            let h = chainHash(seq: e.seq, at: e.at, actor: e.actor, action: e.action, detail: e.detail, prevHash: e.prevHash)
            if h != e.hash { return AuditReport(entries: all.count, problem: AuditProblem(seq: e.seq, kind: .entryHash, subject: "")) }
            prev = e.hash
            expected += 1
        }
        if let p = try crossCheck(db, entries: all) { return AuditReport(entries: all.count, problem: p) }
        if let p = try AuditTables.check(db, entries: all) { return AuditReport(entries: all.count, problem: p) }
        return AuditReport(entries: all.count, problem: nil)
    }

    private static func crossCheck(_ db: Database, entries: [AuditEntry]) throws -> AuditProblem? {
        var votes: [String: [String: String]] = [:]  // round -> member -> "0" / "1:<secretary>"
        var closes: [String: (seq: Int64, detail: [String: String])] = [:]
        var seals: [String: (seq: Int64, result: String)] = [:]
        for e in entries {
            let d = detail(e.detail)
            guard let round = d["round"] else { continue }
            switch e.action {
            case "vote.cast":
                if let m = d["member"] { votes[round, default: [:]][m] = d["written"] == "1" ? "1:\(d["entered_by"] ?? "")" : "0" }
            case "round.close":
                closes[round] = (e.seq, d)
                seals[round] = (e.seq, d["result"] ?? "")
            case "round.certify", "round.casting_choice":
                seals[round] = (e.seq, d["result"] ?? "")
            default: break
            }
        }
        let rounds = try Row.fetchAll(db, sql: "SELECT id, status, result_json FROM round ORDER BY opened_at, id")
        for r in rounds {
            let id: String = r["id"]
            let status: String = r["status"]
            let ballots = try Row.fetchAll(db, sql: "SELECT id, choices, receipt FROM ballot WHERE round_id = ? ORDER BY id", arguments: [id])
            for b in ballots {
                let choices = (try? JSONDecoder().decode([String].self, from: Data((b["choices"] as String).utf8))) ?? ["\u{0}"]
                if receipt(ballotId: b["id"], choices: choices) != b["receipt"] {
                    return AuditProblem(seq: closes[id]?.seq, kind: .ballotReceipt, subject: id)
                }
            }
            let roll = try Row.fetchAll(db, sql: "SELECT member_id, written, entered_by FROM voter_roll WHERE round_id = ?", arguments: [id])
            var rolled: [String: String] = [:]
            for row in roll {
                let w: Int = row["written"]
                rolled[row["member_id"]] = w == 1 ? "1:\((row["entered_by"] as String?) ?? "")" : "0"
            }
            if rolled != (votes[id] ?? [:]) { return AuditProblem(seq: closes[id]?.seq, kind: .voterRoll, subject: id) }
            if ballots.count != roll.count { return AuditProblem(seq: closes[id]?.seq, kind: .ballotCount, subject: id) }
            if status == "open" {
                if let c = closes[id] { return AuditProblem(seq: c.seq, kind: .roundStatus, subject: id) }
                continue
            }
            guard let close = closes[id] else { return AuditProblem(seq: nil, kind: .roundStatus, subject: id) }
            if close.detail["box"] != (try boxHash(db, round: id)) || close.detail["ballots"] != String(ballots.count) {
                return AuditProblem(seq: close.seq, kind: .ballotBox, subject: id)
            }
            if close.detail["roll"] != (try rollHash(db, round: id)) {
                return AuditProblem(seq: close.seq, kind: .voterRoll, subject: id)
            }
            let json: String = r["result_json"] ?? ""
            if let seal = seals[id], seal.result != sha256Hex(json) {
                return AuditProblem(seq: seal.seq, kind: .result, subject: id)
            }
        }
        return nil
    }
}
