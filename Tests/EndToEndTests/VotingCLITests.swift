import Foundation
import Testing

/// A whole council round through the command line, with many voters at the same moment.
@Suite(.serialized) struct VotingCLITests {
    let dir: URL
    let db: String

    init() throws { (dir, db) = try Binary.database("vote.sqlite") }

    func run(_ args: [String], stdin: String? = nil) throws -> Binary.Result {
        try Binary.run(args + ["--db", db], stdin: stdin)
    }

    func lastLine(_ r: Binary.Result) -> String { r.lastLine }

    /// An act signed by a member with their PIN (`pinN` for `M0N`, as the tests register them).
    func signed(_ args: [String], by member: String) throws -> Binary.Result {
        try run(args + ["--by", member, "--pin-stdin"], stdin: "pin\(Int(member.dropFirst())!)\n")
    }

    /// The written-ballot code printed on the PIN slip by `council add-member` (the line before the id).
    func slipCode(_ r: Binary.Result) -> String {
        let lines = r.stdout.split(separator: "\n")
        return lines.count >= 2 ? String(lines[lines.count - 2].split(separator: " ").last ?? "") : ""
    }

    /// Nominates eligible candidates within the quota (1 collective, 2 individuals per unit).
    func nominate(count: Int) throws -> [String] {
        let r = try run(["candidates", "--eligible", "--year", "2019", "--json"])
        let list = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        var used: [String: Int] = [:]
        var ids: [String] = []
        for c in list where ids.count < count {
            let key = "\(c["unit_code"]!)|\(c["kind"]!)"
            let limit = (c["kind"] as? String) == "collective" ? 1 : 2
            guard used[key, default: 0] < limit else { continue }
            let n = try run(["nominate", c["id"] as! String, "--year", "2019"])
            #expect(n.status == 0, "\(n.stderr)")
            used[key, default: 0] += 1
            ids.append(c["id"] as! String)
        }
        return ids
    }

    @Test func wholeRoundWithConcurrentVoters() throws {
        let nominees = try nominate(count: 8)
        #expect(nominees.count == 8)
        // 18 members: M01 chair, M02 secretary, 16 more; M18 is absent and votes in writing.
        var members: [String] = []
        var codes: [String: String] = [:]
        for i in 1...18 {
            let role = i == 1 ? "chair" : (i == 2 ? "secretary" : "member")
            let r = try run(["council", "add-member", "--name", "Thành viên \(i)", "--role", role, "--pin-stdin"], stdin: "pin\(i)\n")
            #expect(r.status == 0, "\(r.stderr)")
            members.append(lastLine(r))
            codes[lastLine(r)] = slipCode(r)
        }
        #expect(codes["M18"]?.count == 9)
        #expect(members.first == "M01" && members.last == "M18")
        let listed = try JSONSerialization.jsonObject(with: Data(try run(["council", "members", "--json"]).stdout.utf8)) as! [[String: Any]]
        #expect(listed.count == 18 && listed[0]["role"] as? String == "chair" && listed[0]["id"] as? String == "M01")

        let session = lastLine(try signed(["session", "open", "--year", "2019"], by: "M01"))
        // Quorum: 2/3 of 18 = 12. With 11 present the round is refused.
        #expect(try signed(["session", "attend", session] + Array(members.prefix(11)), by: "M02").status == 0)
        let refused = try signed(["round", "open", session], by: "M01")
        #expect(refused.status == 69)
        #expect(try signed(["session", "attend", session] + Array(members[11..<17]), by: "M02").status == 0)
        let opened = try signed(["round", "open", session, "--min", "2", "--max", "4"], by: "M01")
        #expect(opened.status == 0, "\(opened.stderr)")
        let round = lastLine(opened)

        // 17 present members vote at the same moment, each in its own process.
        let marks: [[String]] = (0..<17).map { i in i % 2 == 0 ? [nominees[0], nominees[1]] : [nominees[0], nominees[2]] }
        var processes: [(Process, Pipe, Pipe)] = []
        for i in 0..<17 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Binary.path)
            p.arguments = ["vote", round, "--member", members[i], "--pin-stdin", "--approve", marks[i].joined(separator: ","), "--db", db]
            var env = ProcessInfo.processInfo.environment
            env["LANG"] = "C.UTF-8"
            p.environment = env
            let input = Pipe(), output = Pipe()
            p.standardInput = input
            p.standardOutput = output
            p.standardError = output
            processes.append((p, input, output))
        }
        for (p, _, _) in processes { try p.run() }
        for (i, (_, input, _)) in processes.enumerated() {
            input.fileHandleForWriting.write(Data("pin\(i + 1)\n".utf8))
            try input.fileHandleForWriting.close()
        }
        var receipts: [String] = []
        for (p, _, output) in processes {
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(text)")
            receipts.append(text.split(separator: "\n").last.map(String.init) ?? "")
        }
        // Refusals through the CLI: the same member again (69), wrong PIN (69), too many marks (65).
        #expect(try run(["vote", round, "--member", "M01", "--pin-stdin", "--approve", nominees[0]], stdin: "pin1\n").status == 69)
        #expect(try run(["vote", round, "--member", "M18", "--pin-stdin", "--approve", nominees[0]], stdin: "nope\n").status == 69)
        #expect(try run(["vote", round, "--written", "--member", "M18", "--by", "M02", "--pin-stdin", "--code", codes["M18"]!,
                         "--approve", nominees.prefix(5).joined(separator: ",")], stdin: "pin2\n").status == 65)
        let written = try run(["vote", round, "--written", "--member", "M18", "--by", "M02", "--pin-stdin", "--code", codes["M18"]!,
                               "--approve", nominees[3]], stdin: "pin2\n")
        #expect(written.status == 0, "\(written.stderr)")
        receipts.append(lastLine(written))

        #expect(try run(["round", "result", round]).status == 69)  // no totals before the count
        let closed = try signed(["round", "close", round], by: "M01")
        #expect(closed.status == 0, "\(closed.stderr)")
        #expect(try run(["vote", round, "--member", "M17", "--pin-stdin", "--approve", ""], stdin: "pin17\n").status == 69)

        let r = try run(["round", "result", round, "--json"])
        #expect(r.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(json["round"] as? String == round)
        #expect(json["status"] as? String == "closed")
        #expect(json["members"] as? Int == 18)
        #expect(json["present"] as? Int == 17)
        #expect(json["base"] as? String == "members")
        #expect(json["threshold"] as? Double == 0.5)
        #expect(json["min"] as? Int == 2 && json["max"] as? Int == 4)
        let ballots = json["ballots"] as! [String: Int]
        #expect(ballots == ["issued": 18, "cast": 18, "written": 1, "valid": 18, "invalid": 0])
        let candidates = json["candidates"] as! [[String: Any]]
        let approvals = Dictionary(uniqueKeysWithValues: candidates.map { ($0["id"] as! String, $0["approvals"] as! Int) })
        #expect(approvals[nominees[0]] == 17)
        #expect(approvals[nominees[1]] == 9)
        #expect(approvals[nominees[2]] == 8)
        #expect(approvals[nominees[3]] == 1)
        // More than 50% of 18 members = 10 approvals: only the first is elected; one seat unfilled.
        #expect(json["elected"] as? [String] == [nominees[0]])
        #expect(json["unfilled"] as? Int == 1)
        #expect(json["tie_for_seats"] as? Int == 0)
        #expect(candidates.first { $0["id"] as? String == nominees[0] }?["percent"] as? Double == 94.4)
        #expect(Set(json["fingerprints"] as! [String]) == Set(receipts))

        #expect(try run(["audit", "verify"]).status == 0)
        let minutes = try run(["round", "minutes", round])
        #expect(minutes.stdout.contains("BIÊN BẢN KIỂM PHIẾU"))
        #expect(minutes.stdout.contains("Hội đồng Thi đua – Khen thưởng ngành Kiểm sát nhân dân"))
        #expect(receipts.allSatisfy { minutes.stdout.contains($0) })
        let en = try Binary.run(["round", "minutes", round, "--db", db, "--lang", "en", "--format", "csv"])
        #expect(en.stdout.hasPrefix("\u{FEFF}BALLOT COUNT MINUTES"))

        // The run-off for the unfilled seat.
        let runoff = try signed(["round", "open", session, "--runoff", round], by: "M01")
        #expect(runoff.status == 0, "\(runoff.stderr)")
    }

    /// `--approve` given several times keeps every id (a single-value option would keep only the last, and a
    /// ballot would silently lose marks), as does a comma-separated list; the chair's `--choose` the same.
    @Test func repeatedApprovalsAllCount() throws {
        let nominees = try nominate(count: 3)
        #expect(nominees.count == 3)
        for i in 1...3 {
            let role = i == 1 ? "chair" : (i == 2 ? "secretary" : "member")
            #expect(try run(["council", "add-member", "--name", "Thành viên \(i)", "--role", role, "--pin-stdin"], stdin: "pin\(i)\n").status == 0)
        }
        let session = lastLine(try signed(["session", "open", "--year", "2019"], by: "M01"))
        #expect(try signed(["session", "attend", session, "M01", "M02", "M03"], by: "M02").status == 0)
        let round = lastLine(try signed(["round", "open", session, "--min", "1", "--max", "2"], by: "M01"))
        let (a, b, c) = (nominees[0], nominees[1], nominees[2])
        // 2, 2 and 2 approvals with 2 needed, for 2 seats: a tie for both.
        #expect(try run(["vote", round, "--member", "M01", "--pin-stdin", "--approve", a, "--approve", b], stdin: "pin1\n").status == 0)
        #expect(try run(["vote", round, "--member", "M02", "--pin-stdin", "--approve", "\(a),\(c)"], stdin: "pin2\n").status == 0)
        #expect(try run(["vote", round, "--member", "M03", "--pin-stdin", "--approve", b, "--approve", c], stdin: "pin3\n").status == 0)
        #expect(try signed(["round", "close", round], by: "M01").status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(try run(["round", "result", round, "--json"]).stdout.utf8)) as! [String: Any]
        let approvals = (json["candidates"] as! [[String: Any]]).map { $0["approvals"] as! Int }
        #expect(approvals == [2, 2, 2])
        let resolved = try run(["round", "resolve-tie", round, "--chair", "M01", "--pin-stdin", "--choose", a, "--choose", c], stdin: "pin1\n")
        #expect(resolved.status == 0, "\(resolved.stderr)")
        let after = try JSONSerialization.jsonObject(with: Data(try run(["round", "result", round, "--json"]).stdout.utf8)) as! [String: Any]
        #expect((after["elected"] as? [String]).map(Set.init) == [a, c])
    }

    /// Conflicts of interest (issue 19): a member of the candidate's unit and a member who declared cannot mark it
    /// under `--conflicts recuse` (exit 65, nothing written); the minutes say who recused from whom.
    @Test func recusedMembersCannotMarkTheirCandidates() throws {
        var nominees = try nominate(count: 4)
        // M03 belongs to the unit of a nominee whose unit has none under it, so another unit's nominee stays free.
        let leaf = try #require(try nominees.firstIndex { id in
            try Binary.sqlite(db, "SELECT COUNT(*) FROM unit WHERE parent_code = (SELECT unit_code FROM candidate WHERE id = '\(id)')") == "0"
        })
        nominees.swapAt(0, leaf)
        let unit = try Binary.sqlite(db, "SELECT unit_code FROM candidate WHERE id = '\(nominees[0])'")
        for i in 1...3 {
            let role = i == 1 ? "chair" : (i == 2 ? "secretary" : "member")
            let extra = i == 3 ? ["--unit", unit] : []
            let r = try run(["council", "add-member", "--name", "Thành viên \(i)", "--role", role, "--pin-stdin"] + extra, stdin: "pin\(i)\n")
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(try run(["council", "add-member", "--name", "Sai", "--role", "member", "--pin-stdin", "--unit", "KHONG-CO"], stdin: "pin9\n").status == 65)
        let session = lastLine(try signed(["session", "open", "--year", "2019"], by: "M01"))
        #expect(try signed(["session", "attend", session, "M01", "M02", "M03"], by: "M02").status == 0)
        let opened = try signed(["round", "open", session, "--min", "1", "--max", "2", "--conflicts", "recuse"], by: "M01")
        #expect(opened.status == 0, "\(opened.stderr)")
        #expect(opened.stdout.contains("không được chọn người có xung đột"))
        let round = lastLine(opened)
        // A nominee neither of M03's unit nor of a unit under it, which M03 may mark.
        let c = try Binary.sqlite(db, """
            SELECT candidate_id FROM round_candidate WHERE round_id = '\(round)'
            AND candidate_id NOT IN (SELECT candidate_id FROM round_conflict WHERE member_id = 'M03') ORDER BY position LIMIT 1
            """)
        #expect(!c.isEmpty && c != nominees[0])
        #expect(try Binary.sqlite(db, "SELECT COUNT(*) FROM round_conflict WHERE member_id = 'M03' AND candidate_id = '\(nominees[0])'") == "1")
        let (a, b) = (nominees[0], nominees[1])
        let refused = try run(["vote", round, "--member", "M03", "--pin-stdin", "--approve", a], stdin: "pin3\n")
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("xung đột lợi ích với \(a)"))
        #expect(try Binary.sqlite(db, "SELECT COUNT(*) FROM ballot") == "0")
        let declared = try run(["round", "declare-conflict", round, "--member", "M02", "--candidate", b, "--pin-stdin"], stdin: "pin2\n")
        #expect(declared.status == 0, "\(declared.stderr)")
        #expect(try run(["vote", round, "--member", "M02", "--pin-stdin", "--approve", b], stdin: "pin2\n").status == 65)
        #expect(try run(["vote", round, "--member", "M02", "--pin-stdin", "--approve", a], stdin: "pin2\n").status == 0)
        #expect(try run(["vote", round, "--member", "M03", "--pin-stdin", "--approve", c], stdin: "pin3\n").status == 0)
        #expect(try run(["vote", round, "--member", "M01", "--pin-stdin", "--approve", "\(a),\(b)"], stdin: "pin1\n").status == 0)
        #expect(try signed(["round", "close", round], by: "M01").status == 0)
        let minutes = try run(["round", "minutes", round])
        #expect(minutes.stdout.contains("## Xung đột lợi ích"))
        #expect(minutes.stdout.contains("Thành viên 3 (M03) — "))
        #expect(minutes.stdout.contains("(\(b)): thành viên tự khai; thành viên không bỏ phiếu cho ứng viên này"))
        #expect(try run(["audit", "verify"]).status == 0)
        #expect(try signed(["council", "set-unit", "M03", "--none"], by: "M01").status == 0)
        #expect(!(try run(["council", "members", "--json"]).stdout.contains(unit)))
        #expect(try run(["audit", "verify"]).status == 0)
    }

    @Test func nominationQuotaAndTampering() throws {
        let r = try run(["candidates", "--kind", "individual", "--json"])
        let list = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        let byUnit = Dictionary(grouping: list, by: { $0["unit_code"] as! String }).first { $0.value.count >= 3 }!.value
        for c in byUnit.prefix(2) {
            let n = try run(["nominate", c["id"] as! String, "--year", "2019", "--override-reason", "thử"])
            #expect(n.status == 0, "\(n.stderr)")
        }
        let third = try run(["nominate", byUnit[2]["id"] as! String, "--year", "2019", "--override-reason", "thử"])
        #expect(third.status == 69)
        let nominations = try JSONSerialization.jsonObject(with: Data(try run(["nominations", "--year", "2019", "--json"]).stdout.utf8)) as! [[String: Any]]
        #expect(nominations.count == 2)
        #expect(nominations.allSatisfy { $0["override_reason"] != nil && $0["unit_code"] != nil && $0["eligible"] != nil })
        #expect(try run(["audit", "verify"]).status == 0)
    }

    /// Issue 13 through the command line: the chair's and the secretary's acts need their PIN, a written ballot
    /// the absent member's code, and the head printed on the minutes catches a round removed afterwards.
    @Test func signedActsWrittenCodesAndThePrintedHead() throws {
        let nominees = try nominate(count: 3)
        var codes: [String: String] = [:]
        for i in 1...4 {
            let role = i == 1 ? "chair" : (i == 2 ? "secretary" : "member")
            let r = try run(["council", "add-member", "--name", "Thành viên \(i)", "--role", role, "--pin-stdin"], stdin: "pin\(i)\n")
            codes[lastLine(r)] = slipCode(r)
        }
        var refusals: [Binary.Result] = []
        func refused(_ r: Binary.Result, _ code: Int32, sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(r.status == code, "\(r.stderr)", sourceLocation: sourceLocation)
            refusals.append(r)
        }
        func auditCount() throws -> String { try Binary.sqlite(db, "SELECT COUNT(*) || '/' || MAX(seq) FROM audit_log") }

        refused(try run(["session", "open", "--year", "2019"]), 64)
        refused(try run(["session", "open", "--year", "2019", "--by", "M03", "--pin-stdin"], stdin: "pin3\n"), 69)
        let session = lastLine(try signed(["session", "open", "--year", "2019"], by: "M01"))
        refused(try signed(["session", "open", "--year", "2019"], by: "M01"), 69)  // one open session per year
        refused(try run(["session", "attend", session, "M01", "M02", "M03", "--by", "M02", "--pin-stdin"], stdin: "nope\n"), 69)
        #expect(try signed(["session", "attend", session, "M01", "M02", "M03"], by: "M02").status == 0)
        refused(try signed(["round", "open", session, "--min", "6", "--max", "5"], by: "M01"), 65)
        refused(try signed(["round", "open", session, "--threshold", "3/2"], by: "M01"), 65)
        let opened = try signed(["round", "open", session, "--min", "1", "--max", "20"], by: "M01")
        #expect(opened.stdout.contains("20") && opened.stdout.contains("\(nominees.count)"), "\(opened.stdout)")
        let round = lastLine(opened)
        #expect(try run(["vote", round, "--member", "M01", "--pin-stdin", "--approve", nominees[0]], stdin: "pin1\n").status == 0)
        #expect(try run(["vote", round, "--member", "M02", "--pin-stdin", "--approve", nominees[0]], stdin: "pin2\n").status == 0)

        // Written ballot without the absent member's code, or with someone else's: refused, nothing written.
        let before = try auditCount()
        refused(try run(["vote", round, "--written", "--member", "M04", "--by", "M02", "--pin-stdin", "--approve", nominees[0]],
                        stdin: "pin2\n"), 69)
        refused(try run(["vote", round, "--written", "--member", "M04", "--by", "M02", "--pin-stdin", "--code", codes["M03"]!,
                         "--approve", nominees[0]], stdin: "pin2\n"), 69)
        #expect(try auditCount() == before)
        #expect(try Binary.sqlite(db, "SELECT COUNT(*) FROM voter_roll").trimmingCharacters(in: .whitespacesAndNewlines) == "2")

        // Close without the chair's PIN, or with members present not voted: refused, nothing written.
        refused(try run(["round", "close", round]), 64)
        refused(try run(["round", "close", round, "--by", "M01", "--pin-stdin"], stdin: "wrong\n"), 69)
        // The wrong PIN itself is counted and audited (issue 18); nothing else is written.
        #expect(try Binary.sqlite(db, "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1") == "council.wrong_pin")
        let afterWrongPIN = try auditCount()
        let unvoted = try run(["round", "close", round, "--by", "M01", "--pin-stdin", "--lang", "en"], stdin: "pin1\n")
        refused(unvoted, 69)
        #expect(unvoted.stderr.contains("1 member present has not voted"), "\(unvoted.stderr)")
        #expect(try auditCount() == afterWrongPIN)
        let closed = try run(["round", "close", round, "--by", "M01", "--pin-stdin", "--force"], stdin: "pin1\n")
        #expect(closed.status == 0, "\(closed.stderr)")
        #expect(try Binary.sqlite(db, "SELECT actor FROM audit_log WHERE action = 'round.close'").trimmingCharacters(in: .whitespacesAndNewlines) == "M01")
        refused(try run(["round", "certify", round]), 64)
        #expect(try signed(["round", "certify", round], by: "M01").status == 0)

        // Unknown ids are bad input (65), as INTERFACES.md has it; 66 stays for a missing file or database.
        refused(try run(["round", "result", "S2019-1-R9"]), 65)
        refused(try run(["vote", round, "--member", "M77", "--pin-stdin", "--approve", ""], stdin: "pin1\n"), 65)
        refused(try signed(["session", "attend", "S1999-1", "M01"], by: "M02"), 65)

        // The minutes carry the round's seal and the chain head; verify --head proves the file still extends them.
        let minutes = try run(["round", "minutes", round, "--lang", "en"])
        #expect(minutes.stdout.contains("(UTC+7)") && !minutes.stdout.contains("Z,"), "\(minutes.stdout)")
        let line = try #require(minutes.stdout.split(separator: "\n").first { $0.contains("audit verify --head") })
        let head = String(line.split(separator: " ").last!)
        #expect(try run(["audit", "verify", "--head", head]).status == 0)
        refused(try run(["round", "resolve-tie", round, "--by", "M01", "--pin-stdin", "--choose", nominees[0]], stdin: "pin1\n"), 69)
        // The round removed with the log from its opening on: the chain alone holds, the printed head does not.
        let from = try Binary.sqlite(db, "SELECT MIN(seq) FROM audit_log WHERE action = 'round.open'").trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try Binary.sqlite(db, """
            PRAGMA foreign_keys = OFF;
            DELETE FROM voter_roll; DELETE FROM ballot; DELETE FROM round_candidate; DELETE FROM round_elector; DELETE FROM round;
            DELETE FROM audit_log WHERE seq >= \(from);
            """)
        #expect(try run(["audit", "verify"]).status == 0)
        let caught = try run(["audit", "verify", "--head", head, "--lang", "en"])
        #expect(caught.status == 1)
        #expect(caught.stderr.contains(head) && caught.stderr.contains("not in the log"), "\(caught.stderr)")

        // No refusal, in either language, shows developer text: no Swift case names, no raw values.
        let identifier = try Regex(#"[a-z]+[A-Z][A-Za-z]*\(|\b[a-z]+: \d+[,)]|Fraction|Problem|VotingError|\.[a-z]+[A-Z]"#)
        for r in refusals {
            #expect(!r.stderr.isEmpty)
            #expect(r.stderr.firstMatch(of: identifier) == nil, "\(r.stderr)")
        }
    }
}
