import DienHinhCore
import DienHinhDemo
import Foundation
import Testing

/// SIGKILL at seeded random moments during the four operations that must be atomic: a large import, a bundle
/// merge, a ballot being cast and a round being closed. After every kill the file passes SQLite's integrity
/// check, holds all of the interrupted operation or none of it, and `audit verify` passes. All or none means
/// the content, not only the row counts: every table's rows (each row's columns, sorted) hash to the same value
/// as before or as after an uninterrupted run, so a torn update that keeps the counts fails. Columns that two
/// uninterrupted runs fill differently (times, random ballot ids) are left out of that hash, counted only.
///
/// `DIENHINH_KILL_RUNS` sets the runs per operation (20 by default; `make fuzz` sets 100);
/// `DIENHINH_KILL_SEED` replays a run's kill moments (the seed is printed in each summary line).
@Suite(.serialized) struct KillTests {
    static let environment = ProcessInfo.processInfo.environment
    static let runs = environment["DIENHINH_KILL_RUNS"].flatMap(Int.init) ?? 20

    /// One operation to interrupt: the database it starts from (never changed) and the command.
    struct Operation {
        var name: String
        var base: String
        var args: [String]
        var stdin: String? = nil
    }

    // MARK: The four operations

    @Test func killedImportIsAllOrNothing() throws {
        let dir = try Binary.tempDir()
        let csv = dir.appendingPathComponent("a.csv").path, cands = dir.appendingPathComponent("c.csv").path
        #expect(try Binary.run(["export", "achievements", csv, "--db", Self.demo]).status == 0)
        #expect(try Binary.run(["export", "candidates", cands, "--db", Self.demo]).status == 0)
        let base = try Self.fresh(in: dir)
        #expect(try Binary.run(["import", "candidates", cands, "--db", base]).status == 0)
        try interrupt(Operation(name: "import achievements", base: base, args: ["import", "achievements", csv]))
    }

    /// A signed bundle (issue 18), its key enrolled at the centre: the merge and its sequence number, all or nothing.
    @Test func killedBundleMergeIsAllOrNothing() throws {
        let dir = try Binary.tempDir()
        let bundle = dir.appendingPathComponent("nghean.dhb").path, pub = dir.appendingPathComponent("nghean.pub").path
        if !FileManager.default.fileExists(atPath: Self.demo + ".keys/VKST.40.key") {
            try Binary.succeeds(["keys", "init", "--unit", "VKST.40"], db: Self.demo)
        }
        try Binary.succeeds(["keys", "public", "--unit", "VKST.40", pub], db: Self.demo)
        let base = try Self.fresh(in: dir)
        try Binary.succeeds(["keys", "enroll", pub], db: base)
        try Binary.succeeds(["export", "bundle", "--unit", "VKST.40", bundle], db: Self.demo)
        try interrupt(Operation(name: "bundle merge", base: base, args: ["import", "bundle", bundle]))
    }

    @Test func killedBallotIsAllOrNothing() throws {
        let council = try Self.council(voted: 0)
        try interrupt(Operation(name: "ballot", base: council.db,
                                args: ["vote", council.round, "--member", "M01", "--pin-stdin", "--approve", council.nominees.prefix(2).joined(separator: ",")],
                                stdin: "pin1\n"))
    }

    @Test func killedRoundCloseIsAllOrNothing() throws {
        let council = try Self.council(voted: 5)
        try interrupt(Operation(name: "round close", base: council.db, args: ["round", "close", council.round, "--by", "M01", "--pin-stdin", "--force"],
                                stdin: "pin1\n"))
    }

    // MARK: Interrupting

    /// Times the operation once uninterrupted, then kills it `runs` times at moments drawn from
    /// [0, 1.2 × that time], checking the file after each.
    func interrupt(_ op: Operation) throws {
        // Fold the base's write-ahead log into the file, so a plain copy is the whole database.
        _ = try Binary.sqlite(op.base, "PRAGMA wal_checkpoint(TRUNCATE);")
        let schema = try Self.columns(op.base)
        let countsSQL = "SELECT " + schema.keys.sorted().map { "(SELECT COUNT(*) FROM \"\($0)\")" }.joined(separator: " || ',' || ")
        func counts(_ db: String) throws -> String { try Binary.sqlite(db, countsSQL + ";") }

        let before = try counts(op.base)
        // Timed twice, the shorter kept: the first run pays for a cold cache. The two results also tell which
        // columns an uninterrupted run does not determine.
        var duration = Double.infinity, after = "", results: [String] = []
        for run in 0..<2 {
            // Times are stored to the second: the runs a second apart, so every time column tells itself apart.
            if run > 0 { Thread.sleep(forTimeInterval: 1.1) }
            let timed = try copy(op.base)
            let start = Date()
            let whole = try launch(op, db: timed)
            whole.waitUntilExit()
            duration = min(duration, Date().timeIntervalSince(start))
            try #require(whole.terminationStatus == 0, "\(op.name) failed uninterrupted")
            after = try counts(timed)
            results.append(timed)
        }
        try #require(after != before, "\(op.name) changed nothing")
        let first = try Self.columnHashes(results[0], schema), second = try Self.columnHashes(results[1], schema)
        var stable: [String: [String]] = [:]
        for (table, cols) in schema { stable[table] = cols.filter { first["\(table).\($0)"] == second["\(table).\($0)"] } }
        let hashBefore = try Self.contentHash(op.base, schema, stable), hashAfter = try Self.contentHash(results[0], schema, stable)
        try #require(hashBefore != hashAfter, "\(op.name): the content compared does not change")
        let volatile = schema.flatMap { t, cols in cols.filter { !(stable[t] ?? []).contains($0) }.map { "\(t).\($0)" } }.sorted()

        let seed = Self.environment["DIENHINH_KILL_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max)
        var rng = DemoRandom(seed: seed)
        var (all, none, finished) = (0, 0, 0)
        for run in 0..<Self.runs {
            let delay = Double(rng.next() % 1_000_000) / 1_000_000 * 1.2 * duration
            let db = try copy(op.base)
            let p = try launch(op, db: db)
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            if p.terminationReason == .exit { finished += 1 }
            let what = "\(op.name) killed at \(String(format: "%.3f", delay)) s (run \(run), DIENHINH_KILL_SEED=\(seed))"
            #expect(try Binary.sqlite(db, "PRAGMA integrity_check;") == "ok", "\(what): integrity check failed")
            let now = try counts(db), hash = try Self.contentHash(db, schema, stable)
            if now == after && hash == hashAfter { all += 1 } else if now == before && hash == hashBefore { none += 1 }
            #expect(now == before || now == after, "\(what): row counts \(now), neither before \(before) nor after \(after)")
            #expect((now == before && hash == hashBefore) || (now == after && hash == hashAfter),
                    "\(what): the content is neither the content before nor the content after")
            let audit = try Binary.run(["audit", "verify", "--db", db])
            #expect(audit.status == 0, "\(what): audit verify: \(audit.stdout)\(audit.stderr)")
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        }
        print("kill \(op.name): \(Self.runs) runs, kill moments in 0-\(String(format: "%.2f", 1.2 * duration)) s: "
              + "\(all) held all, \(none) held none (\(finished) had finished before the kill), seed \(seed); "
              + "content compared on \(schema.values.map(\.count).reduce(0, +) - volatile.count) columns, counted only: \(volatile.joined(separator: " "))")
    }

    // MARK: Content

    /// Every table's columns.
    static func columns(_ db: String) throws -> [String: [String]] {
        let rows = try Binary.sqlite(db, """
            SELECT m.name || '|' || p.name FROM sqlite_master m, pragma_table_info(m.name) p
            WHERE m.type = 'table' ORDER BY m.name, p.cid;
            """).split(separator: "\n")
        var out: [String: [String]] = [:]
        for row in rows {
            let parts = row.split(separator: "|", maxSplits: 1).map(String.init)
            if parts.count == 2 { out[parts[0], default: []].append(parts[1]) }
        }
        return out
    }

    /// One hash per `table.column`: the column's values, sorted.
    static func columnHashes(_ db: String, _ schema: [String: [String]]) throws -> [String: String] {
        var selects: [String] = []
        for (table, cols) in schema.sorted(by: { $0.key < $1.key }) {
            for c in cols {
                selects.append("SELECT '\(table).\(c)', hex(sha3(coalesce(group_concat(v, char(30)), ''))) FROM "
                               + "(SELECT quote(\"\(c)\") AS v FROM \"\(table)\" ORDER BY 1)")
            }
        }
        var out: [String: String] = [:]
        for line in try Binary.sqlite(db, selects.joined(separator: " UNION ALL ") + ";").split(separator: "\n") {
            let parts = line.split(separator: "|").map(String.init)
            if parts.count == 2 { out[parts[0]] = parts[1] }
        }
        return out
    }

    /// A hash of every table's rows over its `stable` columns, rows sorted.
    static func contentHash(_ db: String, _ schema: [String: [String]], _ stable: [String: [String]]) throws -> String {
        let selects = schema.keys.sorted().compactMap { table -> String? in
            guard let cols = stable[table], !cols.isEmpty else { return nil }
            let row = cols.map { "quote(\"\($0)\")" }.joined(separator: " || char(31) || ")
            return "SELECT '\(table)', hex(sha3(coalesce(group_concat(r, char(30)), ''))) FROM (SELECT \(row) AS r FROM \"\(table)\" ORDER BY 1)"
        }
        return try Binary.sqlite(db, selects.joined(separator: " UNION ALL ") + ";")
    }

    /// A copy of `base` (checkpointed) in a new folder.
    func copy(_ base: String) throws -> String {
        let path = try Binary.tempDir().appendingPathComponent("kill.sqlite").path
        try FileManager.default.copyItem(atPath: base, toPath: path)
        return path
    }

    func launch(_ op: Operation, db: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binary.path)
        p.arguments = op.args + ["--db", db]
        var env = Self.environment
        env["LANG"] = "C.UTF-8"
        p.environment = env
        let input = Pipe()
        p.standardInput = input
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        if let stdin = op.stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        return p
    }

    // MARK: Starting points

    /// The small demo data set, made once for the suite.
    static let demo: String = {
        let path = try! Binary.tempDir().appendingPathComponent("demo.sqlite").path
        precondition(try! Binary.run(["init", "--db", path, "--demo", "--scale", "small"]).status == 0)
        _ = try! Binary.sqlite(path, "PRAGMA wal_checkpoint(TRUNCATE);")
        return path
    }()

    /// An empty database (reference units only) in `dir`.
    static func fresh(in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("base-\(UUID().uuidString).sqlite").path
        try #require(try Binary.run(["init", "--db", path]).status == 0)
        return path
    }

    /// The demo data set with a council of five, all present, a round open over three nominees (one or two
    /// seats), and the first `voted` members' ballots cast; every member's PIN is `pin<n>`.
    static func council(voted: Int) throws -> (db: String, round: String, nominees: [String]) {
        let db = try Binary.tempDir().appendingPathComponent("council.sqlite").path
        try FileManager.default.copyItem(atPath: demo, toPath: db)
        func run(_ args: [String], stdin: String? = nil) throws -> String {
            let r = try Binary.run(args + ["--db", db], stdin: stdin)
            try #require(r.status == 0, "\(args.joined(separator: " ")): \(r.stderr)")
            return r.stdout.split(separator: "\n").last.map(String.init) ?? ""
        }
        let eligible = try JSONSerialization.jsonObject(with: Data(try Binary.run(
            ["candidates", "--eligible", "--year", "2019", "--kind", "individual", "--json", "--db", db]).stdout.utf8)) as! [[String: Any]]
        // At most two individuals per unit and year may be nominated.
        var perUnit: [String: Int] = [:]
        var nominees: [String] = []
        for c in eligible where nominees.count < 3 {
            let unit = c["unit_code"] as! String
            guard perUnit[unit, default: 0] < 2 else { continue }
            perUnit[unit, default: 0] += 1
            _ = try run(["nominate", c["id"] as! String, "--year", "2019"])
            nominees.append(c["id"] as! String)
        }
        let members = try (1...5).map { i in
            try run(["council", "add-member", "--name", "Member \(i)", "--role", i == 1 ? "chair" : (i == 2 ? "secretary" : "member"),
                     "--pin-stdin"], stdin: "pin\(i)\n")
        }
        let session = try run(["session", "open", "--year", "2019", "--by", "M01", "--pin-stdin"], stdin: "pin1\n")
        _ = try run(["session", "attend", session] + members + ["--by", "M02", "--pin-stdin"], stdin: "pin2\n")
        let round = try run(["round", "open", session, "--min", "1", "--max", "2", "--by", "M01", "--pin-stdin"], stdin: "pin1\n")
        for (i, member) in members.prefix(voted).enumerated() {
            _ = try run(["vote", round, "--member", member, "--pin-stdin", "--approve", nominees[i % 3]], stdin: "pin\(i + 1)\n")
        }
        return (db, round, nominees)
    }
}
