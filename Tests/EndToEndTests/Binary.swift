import Foundation
import Testing

/// The built `dienhinh` binary: $DIENHINH_BIN (the Makefile sets it), else the debug build beside the tests.
enum Binary {
    static var path: String {
        if let p = ProcessInfo.processInfo.environment["DIENHINH_BIN"], FileManager.default.isExecutableFile(atPath: p) { return p }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return repo.appendingPathComponent(".build/debug/dienhinh").path
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary with arguments and optional standard input; the environment is ours plus `env`.
    @discardableResult
    /// `user`: run as that account through runuser (the tests run as root), as a clerk's own login would.
    static func run(_ args: [String], stdin: String? = nil, env: [String: String] = [:], as user: String? = nil) throws -> Result {
        let p = Process()
        if let user {
            p.executableURL = URL(fileURLWithPath: runuser)
            p.arguments = ["-u", user, "--", path] + args
        } else {
            p.executableURL = URL(fileURLWithPath: path)
            p.arguments = args
        }
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment.removeValue(forKey: "LC_ALL")
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        // Read both before waiting, standard error on its own thread: either pipe filling up would block the child.
        nonisolated(unsafe) var e = Data()
        let errorRead = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            e = err.fileHandleForReading.readDataToEndOfFile()
            errorRead.signal()
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        errorRead.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// Runs one SQL script with the sqlite3 shell on a database file: how tests look at the file from outside.
    static func sqlite(_ db: String, _ sql: String) throws -> String {
        try Program.run("/usr/bin/sqlite3", [db, sql]).text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// An empty database with these candidates and achievements imported (CSV text, header first).
    static func database(_ name: String, candidates: String, achievements: [String]) throws -> (dir: URL, db: String) {
        let (dir, db) = try database(name, demo: false)
        let c = dir.appendingPathComponent("c.csv"), a = dir.appendingPathComponent("a.csv")
        try candidates.write(to: c, atomically: true, encoding: .utf8)
        try ((["candidate_id,year,type,class,proposed_award,decision_no,decision_date,issuer,note"] + achievements)
            .joined(separator: "\n") + "\n").write(to: a, atomically: true, encoding: .utf8)
        try succeeds(["import", "candidates", c.path], db: db)
        try succeeds(["import", "achievements", a.path], db: db)
        return (dir, db)
    }

    static let runuser = "/usr/sbin/runuser"
    /// Whether tests can run a command as `nobody`: as root, with runuser, and the binary reachable by others.
    static var canRunAsNobody: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: runuser)
            && (try? run(["--help"], as: "nobody").status) == 0
    }

    static func tempDir() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

extension Binary {
    /// A fresh database in its own temporary folder, made by `init` (with the small demo data unless `demo` is false).
    static func database(_ name: String, demo: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) throws -> (dir: URL, db: String) {
        let dir = try tempDir()
        let db = dir.appendingPathComponent(name).path
        let r = try run(["init", "--db", db] + (demo ? ["--demo", "--scale", "small"] : []))
        #expect(r.status == 0, "\(r.stderr)", sourceLocation: sourceLocation)
        return (dir, db)
    }

    /// The JSON a command prints on `db`, parsed; the command is expected to succeed.
    static func json(_ args: [String], db: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(succeeds(args, db: db, sourceLocation: sourceLocation).stdout.utf8))
    }

    /// Runs the binary on `db` and expects it to succeed, naming the arguments and standard error otherwise.
    @discardableResult
    static func succeeds(_ args: [String], db: String, stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> Result {
        let r = try run(args + ["--db", db], stdin: stdin)
        #expect(r.status == 0, "\(args): \(r.stderr)", sourceLocation: sourceLocation)
        return r
    }

    /// Nominates the first `count` eligible candidates of `year` that fit each unit's quota (1 collective,
    /// 2 individuals), as the secretariat would, and returns their ids in order.
    static func nominateEligible(_ count: Int, year: Int, db: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let list = try JSONSerialization.jsonObject(with: Data(run(["candidates", "--eligible", "--year", "\(year)", "--json", "--db", db]).stdout.utf8)) as! [[String: Any]]
        var perUnit: [String: Int] = [:]
        var nominees: [String] = []
        for c in list where nominees.count < count {
            let key = "\(c["unit_code"]!)|\(c["kind"]!)"
            guard perUnit[key, default: 0] < ((c["kind"] as? String) == "collective" ? 1 : 2) else { continue }
            perUnit[key, default: 0] += 1
            let id = c["id"] as! String
            try succeeds(["nominate", id, "--year", "\(year)"], db: db, sourceLocation: sourceLocation)
            nominees.append(id)
        }
        return nominees
    }
}

extension Binary.Result {
    /// The last line of standard output (what a command that creates something prints: its id).
    var lastLine: String { stdout.split(separator: "\n").last.map(String.init) ?? "" }
}
