import DienHinhCore
import Foundation
import GRDB

/// The tables that decide a result, rebuilt from the audit log and compared with what the file holds now:
/// members (name, role, PIN), sessions, attendance, nominations and every round's parameters. A row changed,
/// added or removed outside the program no longer matches the chain. Entries written before a field was logged
/// (older databases) are not checked on that field.
enum AuditTables {
    static func check(_ db: Database, entries: [AuditEntry]) throws -> AuditProblem? {
        var members: [String: (seq: Int64, d: [String: String])] = [:]
        var sessions: [String: (seq: Int64, closed: Bool)] = [:]
        var attendance: [String: Int64] = [:]  // "session|member" -> seq
        var nominations: [String: Int64] = [:]  // "candidate|year" -> seq
        var rounds: [String: (seq: Int64, d: [String: String])] = [:]
        var left: [String: Int64] = [:]  // members who left the council -> seq
        var conflictRules: [String: (seq: Int64, rule: String)] = [:]  // round -> its conflict rule
        var conflicts: [String: (seq: Int64, source: String)] = [:]  // "round|member:candidate" -> why
        for e in entries {
            let d = Audit.detail(e.detail)
            switch e.action {
            case "council.add_member": if let m = d["member"] { members[m] = (e.seq, d) }
            // A PIN hashed again at a higher cost (issue 18): the member's PIN seal is the new one from here on.
            case "council.pin_rehash", "council.reset_pin":
                if let m = d["member"], let pin = d["pin"], var logged = members[m] { logged.d["pin"] = pin; members[m] = (e.seq, logged.d) }
            case "council.set_unit":
                if let m = d["member"], let unit = d["unit"], var logged = members[m] { logged.d["unit"] = unit; members[m] = (e.seq, logged.d) }
            case "council.set_role":
                if let m = d["member"], let role = d["role"], var logged = members[m] { logged.d["role"] = role; members[m] = (e.seq, logged.d) }
            case "council.deactivate": if let m = d["member"] { left[m] = e.seq }
            case "session.open": if let s = d["session"] { sessions[s] = (e.seq, false) }
            case "session.close": if let s = d["session"] { sessions[s] = (e.seq, true) }
            case "session.attend": if let s = d["session"], let m = d["member"] { attendance["\(s)|\(m)"] = e.seq }
            case "nominate": if let c = d["candidate"], let y = d["year"] { nominations["\(c)|\(y)"] = e.seq }
            case "nominate.withdraw": if let c = d["candidate"], let y = d["year"] { nominations["\(c)|\(y)"] = nil }
            case "round.open": if let r = d["round"] { rounds[r] = (e.seq, d) }
            case "round.conflicts":
                if let r = d["round"] {
                    conflictRules[r] = (e.seq, d["rule"] ?? "")
                    for (source, key) in [("unit", "flagged"), ("declared", "declared")] {
                        for pair in (d[key] ?? "").split(separator: ",") { conflicts["\(r)|\(pair)"] = (e.seq, source) }
                    }
                }
            case "round.declare_conflict":
                if let r = d["round"], let m = d["member"], let c = d["candidate"] { conflicts["\(r)|\(m):\(c)"] = (e.seq, "declared") }
            default: break
            }
        }
        func problem(_ seq: Int64?, _ subject: String) -> AuditProblem { AuditProblem(seq: seq, kind: .table, subject: subject) }

        let memberRows = try Row.fetchAll(db, sql: "SELECT id, name, role, pin_salt, pin_hash, active, unit_code FROM council_member ORDER BY id")
        for row in memberRows {
            let id: String = row["id"]
            guard let logged = members[id] else { return problem(nil, "council_member \(id)") }
            if logged.d["name"] != row["name"] || logged.d["role"] != row["role"] { return problem(logged.seq, "council_member \(id)") }
            // A unit is logged since issue 19: when added (only if given) and on every change.
            let unit = (row["unit_code"] as String?) ?? ""
            if (logged.d["unit"] ?? "") != unit { return problem(logged.seq, "council_member \(id) unit") }
            if ((row["active"] as Int) == 0) != (left[id] != nil) { return problem(left[id] ?? logged.seq, "council_member \(id) active") }
            if let pin = logged.d["pin"], pin != Audit.pinSeal(salt: row["pin_salt"], hash: row["pin_hash"]) {
                return problem(logged.seq, "council_member \(id) PIN")
            }
        }
        if let missing = Set(members.keys).subtracting(memberRows.map { $0["id"] as String }).sorted().first {
            return problem(members[missing]?.seq, "council_member \(missing)")
        }

        let sessionRows = try Row.fetchAll(db, sql: "SELECT id, status FROM council_session ORDER BY id")
        for row in sessionRows {
            let id: String = row["id"]
            guard let logged = sessions[id] else { return problem(nil, "council_session \(id)") }
            if logged.closed != ((row["status"] as String) == "closed") { return problem(logged.seq, "council_session \(id)") }
        }
        if let missing = Set(sessions.keys).subtracting(sessionRows.map { $0["id"] as String }).sorted().first {
            return problem(sessions[missing]?.seq, "council_session \(missing)")
        }

        let present = try Row.fetchAll(db, sql: "SELECT session_id, member_id FROM attendance").map { "\($0[0] as String)|\($0[1] as String)" }
        if let extra = present.sorted().first(where: { attendance[$0] == nil }) { return problem(nil, "attendance \(extra)") }
        if let missing = Set(attendance.keys).subtracting(present).sorted().first { return problem(attendance[missing], "attendance \(missing)") }

        let nominated = try Row.fetchAll(db, sql: "SELECT candidate_id, year FROM nomination").map { "\($0[0] as String)|\($0[1] as Int)" }
        if let extra = nominated.sorted().first(where: { nominations[$0] == nil }) { return problem(nil, "nomination \(extra)") }
        if let missing = Set(nominations.keys).subtracting(nominated).sorted().first { return problem(nominations[missing], "nomination \(missing)") }

        let roundRows = try Row.fetchAll(db, sql: "SELECT * FROM round ORDER BY id")
        for row in roundRows {
            let id: String = row["id"]
            guard let logged = rounds[id] else { return problem(nil, "round \(id)") }
            let d = logged.d
            var now: [String: String] = [
                "min": String(row["min_seats"] as Int), "max": String(row["max_seats"] as Int), "threshold": row["threshold"],
                "base": row["base"], "strictly_more": (row["strictly_more"] as Bool) ? "1" : "0", "quorum": row["quorum"],
                "members": String(row["members_at_open"] as Int), "present": String(row["present_at_open"] as Int),
            ]
            if let required = row["required_at_open"] as Int? { now["required"] = String(required) }
            for (key, value) in now where d[key] != nil && d[key] != value { return problem(logged.seq, "round \(id) \(key)") }
            if d["required"] != nil, now["required"] == nil { return problem(logged.seq, "round \(id) required") }
            if let electors = d["electors"] {
                let table = try String.fetchAll(db, sql: "SELECT member_id FROM round_elector WHERE round_id = ? ORDER BY length(member_id), member_id",
                                                arguments: [id]).joined(separator: ",")
                if table != electors { return problem(logged.seq, "round \(id) electors") }
            }
        }
        if let missing = Set(rounds.keys).subtracting(roundRows.map { $0["id"] as String }).sorted().first {
            return problem(rounds[missing]?.seq, "round \(missing)")
        }
        // Conflicts of interest (issue 19): each round's rule and every flag or declaration, as logged. Rounds opened
        // before conflicts were logged have the default rule and none.
        for row in roundRows {
            let id: String = row["id"]
            let rule: String = row["conflicts"]
            if let logged = conflictRules[id] {
                if logged.rule != rule { return problem(logged.seq, "round \(id) conflicts") }
            } else if rule != ConflictRule.flag.rawValue {
                return problem(rounds[id]?.seq, "round \(id) conflicts")
            }
        }
        let conflictRows = try Row.fetchAll(db, sql: "SELECT round_id, member_id, candidate_id, source FROM round_conflict")
        var inTable = Set<String>()
        for row in conflictRows {
            let key = "\(row[0] as String)|\(row[1] as String):\(row[2] as String)"
            inTable.insert(key)
            guard let logged = conflicts[key] else { return problem(nil, "round_conflict \(key)") }
            if logged.source != (row[3] as String) { return problem(logged.seq, "round_conflict \(key)") }
        }
        if let missing = Set(conflicts.keys).subtracting(inTable).sorted().first {
            return problem(conflicts[missing]?.seq, "round_conflict \(missing)")
        }
        return nil
    }
}
