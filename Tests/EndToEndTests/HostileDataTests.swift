import Foundation
import Testing

/// Names carrying escape sequences, controls and bidi overrides, through every command that prints data and
/// every human-facing report: shown inert everywhere, never raw; JSON keeps the exact value, escaped.
@Suite(.serialized) struct HostileDataTests {
    /// Colour (CSI), a hyperlink and a clipboard write (OSC 8, OSC 52), BEL and backspace, C1 NEL and CSI,
    /// a right-to-left override and the isolates.
    static let evil = "Đỏ\u{1B}[31mĐỏ\u{1B}]8;;https://x.example/\u{07}Liên kết\u{1B}]8;;\u{07}\u{1B}]52;c;ZXZpbA==\u{07}"
        + "\u{07}\u{08}\u{85}\u{9B}31m\u{202E}Ngược\u{2066}Cô lập\u{2069}\u{2067}\u{2068}\u{200F}"

    /// Scalars that must never reach a terminal or a report raw (our own layout keeps \n, \r and \t).
    static func unsafe(_ s: String) -> [String] {
        s.unicodeScalars.filter { c in
            switch c.value {
            case 0x0A, 0x0D, 0x09: false
            case 0x00...0x1F, 0x7F...0x9F: true
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
            default: false
            }
        }.map { String(format: "U+%04X", $0.value) }
    }

    static let marker = "⟦EVIL⟧"

    /// Every text column the commands below fill, the marker in it replaced by `evil`.
    static func plant(_ db: String) throws {
        let columns = ["candidate": ["name", "position"], "achievement": ["decision_no", "issuer", "note"],
                       "council_member": ["name"], "council_session": ["title"], "nomination": ["override_reason"],
                       "registration": ["plan_text"], "registration_milestone": ["text"], "plan_activity_done": ["note"],
                       "proposal": ["decision"], "promotion": ["title", "reference"]]
        var sql = ""
        for (table, cols) in columns.sorted(by: { $0.key < $1.key }) {
            for c in cols { sql += "UPDATE \(table) SET \(c) = replace(\(c), '\(marker)', '\(evil)');\n" }
        }
        _ = try Binary.sqlite(db, sql)
    }

    @Test func hostileNamesAreInertInEveryPrintedOutputAndReport() throws {
        let dir = try Binary.tempDir()
        let db = dir.appendingPathComponent("evil.sqlite").path
        #expect(try Binary.run(["init", "--db", db, "--demo", "--scale", "small"]).status == 0)
        // The commands refuse these characters now (InputLimits), so the data goes in with a marker and the marker
        // is replaced with the hostile text in the file: what a database written by an older version, or edited
        // by another program, may hold.
        let evil = Self.marker
        func field(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let candidates = dir.appendingPathComponent("c.csv")
        try ("id,kind,name,unit_code,position,complies_with_policy\n"
            + "CN-EVIL,individual,\(field("Nguyễn " + evil)),VKSH.429,\(field("Kiểm sát viên " + evil)),true\n")
            .write(to: candidates, atomically: true, encoding: .utf8)
        let achievements = dir.appendingPathComponent("a.csv")
        try ("candidate_id,year,type,class,proposed_award,decision_no,decision_date,issuer,note\n"
            + "CN-EVIL,2018,CSTD_CS,,,\(field("QĐ " + evil)),2018-12-01,\(field("Viện " + evil)),\(field("ghi chú " + evil))\n")
            .write(to: achievements, atomically: true, encoding: .utf8)
        #expect(try Binary.run(["import", "candidates", candidates.path, "--db", db]).status == 0)
        #expect(try Binary.run(["import", "achievements", achievements.path, "--db", db]).status == 0)
        // Unit names come from reference data, which no command edits: a tampered file stands in for a hostile one.
        _ = try Binary.sqlite(db, "UPDATE unit SET name = 'VKSND huyện ' || char(27) || '[5m' || char(8238) || 'Nghi Lộc' WHERE code = 'VKSH.429';")

        func run(_ args: [String], stdin: String? = nil) throws -> Binary.Result {
            let r = try Binary.run(args + ["--db", db], stdin: stdin)
            #expect(Self.unsafe(r.stdout).isEmpty, "\(args) stdout: \(Self.unsafe(r.stdout))")
            #expect(Self.unsafe(r.stderr).isEmpty, "\(args) stderr: \(Self.unsafe(r.stderr))")
            return r
        }
        func last(_ r: Binary.Result) -> String { r.stdout.split(separator: "\n").last.map(String.init) ?? "" }

        // The council votes on the hostile candidate, so every voting printout carries the names.
        #expect(try run(["nominate", "CN-EVIL", "--year", "2019", "--override-reason", "lý do " + evil]).status == 0)
        var members: [String] = []
        for (i, role) in ["chair", "secretary", "member"].enumerated() {
            let r = try run(["council", "add-member", "--name", "Ủy viên \(i) " + evil, "--role", role, "--pin-stdin"], stdin: "pin\(i)pin\n")
            #expect(r.status == 0, "\(r.stderr)")
            members.append(last(r))
        }
        let chair = ["--by", members[0], "--pin-stdin"], secretary = ["--by", members[1], "--pin-stdin"]
        let session = last(try run(["session", "open", "--year", "2019", "--title", "Phiên " + evil] + chair, stdin: "pin0pin\n"))
        #expect(try run(["session", "attend", session] + members + secretary, stdin: "pin1pin\n").status == 0)
        let round = last(try run(["round", "open", session, "--min", "1", "--max", "1"] + chair, stdin: "pin0pin\n"))
        for (i, m) in members.enumerated() {
            #expect(try run(["vote", round, "--member", m, "--pin-stdin", "--approve", "CN-EVIL"], stdin: "pin\(i)pin\n").status == 0)
        }
        #expect(try run(["round", "close", round] + chair, stdin: "pin0pin\n").status == 0)
        #expect(try run(["register", "CN-EVIL", "--date", "2017-05-10", "--plan", "kế hoạch " + evil,
                         "--milestone", "2018-01-01:mốc " + evil]).status == 0)
        #expect(try run(["plan", "done", "p1.plan", "--unit", "VKSH.429", "--date", "2017-04-01", "--note", "ghi chú " + evil]).status == 0)
        #expect(try run(["propose", "CN-EVIL", "--award", "HCLD", "--year", "2019", "--decision", "QĐ " + evil]).status == 0)
        #expect(try run(["promote", "CN-EVIL", "--channel", "bvpl", "--date", "2019-03-01", "--title", "Bài " + evil,
                         "--ref", "https://x.example/" + evil]).status == 0)
        try Self.plant(db)

        // Every printing command, as a table and as JSON.
        let printing: [[String]] = [
            ["units", "--level", "district", "--year", "2020"], ["candidates", "--unit", "VKSH.429", "--year", "2020"], ["candidates", "--search", "Nguyễn"],
            ["show", "CN-EVIL"], ["check", "CN-EVIL", "--year", "2019"], ["nominations", "--year", "2019"],
            ["council", "members"], ["session", "status", session], ["round", "voters", round], ["round", "result", round],
            ["round", "minutes", round], ["round", "minutes", round, "--format", "csv"],
            ["registrations"], ["plan", "--unit", "VKSH.429"], ["proposals"], ["promotions"],
            ["render", "browse", "--keys", "/nguyen đỏ"], ["render", "profile", "CN-EVIL"],
        ]
        let json: [[String]] = [
            ["units", "--level", "district", "--year", "2020"], ["candidates", "--unit", "VKSH.429", "--year", "2020"], ["show", "CN-EVIL"], ["check", "CN-EVIL", "--year", "2019"],
            ["nominations", "--year", "2019"], ["council", "members"], ["round", "result", round], ["registrations"],
            ["plan", "--unit", "VKSH.429"], ["proposals"], ["promotions"],
        ]
        var shown = 0
        for args in printing {
            for lang in ["vi", "en"] {
                let r = try run(args + ["--lang", lang])
                #expect(r.status == 0, "\(args): \(r.stderr)")
                if r.stdout.contains("Ngược") { shown += 1 }
            }
        }
        #expect(shown >= 20, "the hostile names should be on most printouts, were on \(shown)")
        // The planted edits bypassed the commands, so the audit chain must notice them, and say so inertly.
        for lang in ["vi", "en"] {
            let audit = try run(["audit", "verify", "--lang", lang])
            #expect(audit.status != 0 && audit.stderr.contains("M01"), "\(audit.stderr)")
            #expect(Self.unsafe(audit.stdout + audit.stderr).isEmpty)
        }
        for args in json {
            let r = try run(args + ["--json"])
            #expect(r.status == 0, "\(args): \(r.stderr)")
            // Escaped, not lost (verdicts and the plan's checklist carry ids, not names).
            // A round's names are the snapshot taken when it opened, before the plant.
            if !["check", "plan"].contains(args[0]) && args.prefix(2) != ["round", "result"] {
                #expect(r.stdout.contains("\\u001b") && r.stdout.contains("\\u202e"), "\(args) --json")
            }
        }
        let profile = try JSONSerialization.jsonObject(with: Data(try run(["show", "CN-EVIL", "--json"]).stdout.utf8)) as? [String: Any]
        #expect((profile?["candidate"] as? [String: Any])?["name"] as? String == "Nguyễn " + Self.evil)

        // Every report in every text format, on standard output and in files.
        for kind in ["selected", "nominations", "review", "minutes"] {
            for format in ["md", "html", "csv"] {
                let out = dir.appendingPathComponent("\(kind).\(format)").path
                let extra = kind == "minutes" ? ["--round", round] : ["--year", "2019"]
                let printed = try run(["report", kind, "--format", format] + extra)
                #expect(printed.status == 0, "\(kind) \(format): \(printed.stderr)")
                #expect(try run(["report", kind, "--format", format, "--out", out] + extra).status == 0)
                let file = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out)), as: UTF8.self)
                #expect(Self.unsafe(file).isEmpty, "\(kind).\(format): \(Self.unsafe(file))")
                if format == "html" { #expect(!file.contains("<script") && !file.contains("Đỏ\u{1B}")) }
            }
        }
        let html = try String(contentsOf: dir.appendingPathComponent("nominations.html"), encoding: .utf8)
        #expect(html.contains("Ngược"), "the hostile candidate should be in the nominations report")

        // Errors echo the offending value inert too.
        let bad = dir.appendingPathComponent("bad.csv")
        try ("id,kind,name,unit_code,complies_with_policy\nCN-BAD,individual,Lê Văn A,\(field("VKS\u{1B}[2J\u{202E}")),true\n")
            .write(to: bad, atomically: true, encoding: .utf8)
        let refused = try run(["import", "candidates", bad.path, "--lang", "en"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("bad.csv:2:4: unit_code: character U+001B at position 4"), "\(refused.stderr)")
        let errorsOut = dir.appendingPathComponent("errors.txt")
        #expect(try run(["import", "candidates", bad.path, "--errors-out", errorsOut.path]).status == 65)
        let errors = String(decoding: try Data(contentsOf: errorsOut), as: UTF8.self)
        #expect(errors.contains("U+001B") && Self.unsafe(errors).isEmpty, "\(errors)")
    }

    /// Invalid UTF-8 in an import is refused with its line, field and byte offset (after the BOM), exit 65, nothing written.
    @Test func invalidUTF8IsRefusedWithItsByteOffset() throws {
        let dir = try Binary.tempDir()
        let db = dir.appendingPathComponent("utf8.sqlite").path
        #expect(try Binary.run(["init", "--db", db]).status == 0)
        let head = Array("\u{FEFF}id,kind,name,unit_code,complies_with_policy\nCN-U1,individual,Lê Thị ".utf8)
        let file = dir.appendingPathComponent("latin1.csv")
        // "Hạnh" saved by a legacy editor: 0xE1 begins a three-byte sequence that "nh" does not continue.
        try Data(head + [0x48, 0xE1, 0x6E, 0x68] + Array(",VKSH.429,true\n".utf8)).write(to: file)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let r = try Binary.run(["import", "candidates", file.path, "--db", db, "--lang", "en"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("latin1.csv:2:3: byte \(head.count + 1) is not UTF-8"), "\(r.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }
}
