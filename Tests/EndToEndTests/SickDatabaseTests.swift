import Foundation
import Testing

/// A damaged, newer, locked, read-only or full database file: a clear message, a defined exit code, the file untouched.
@Suite(.serialized) struct SickDatabaseTests {
    func fresh() throws -> (URL, String) {
        let dir = try Binary.tempDir()
        let db = dir.appendingPathComponent("sick.sqlite").path
        #expect(try Binary.run(["init", "--db", db, "--demo", "--scale", "small"]).status == 0)
        return (dir, db)
    }

    @Test func corruptedFileIsRefusedAndLeftAlone() throws {
        let (_, db) = try fresh()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: db))
        // Overwrite the header and the first pages with garbage.
        for i in 0..<8192 { bytes[i] = UInt8(truncatingIfNeeded: i &* 31 &+ 7) }
        try bytes.write(to: URL(fileURLWithPath: db))
        let r = try Binary.run(["units", "--db", db, "--lang", "en"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("is not a usable DienHinh database"))
        #expect(!r.stderr.contains("Fatal error"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == bytes)
    }

    @Test func newerSchemaIsRefused() throws {
        let (_, db) = try fresh()
        _ = try Binary.sqlite(db, "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let r = try Binary.run(["candidates", "--db", db])
        #expect(r.status == 1)
        #expect(r.stderr.contains("phiên bản DienHinh mới hơn"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }

    @Test func fileLockedLongerThanTheBusyTimeout() throws {
        let (dir, db) = try fresh()
        let csv = dir.appendingPathComponent("c.csv")
        try "id,kind,name,unit_code,complies_with_policy\nCN-LOCK,individual,Lê Văn Khóa,VKSH.429,true\n".write(to: csv, atomically: true, encoding: .utf8)
        // Another program holds the write lock for 4 seconds.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/bin/sh")
        holder.arguments = ["-c", "(echo 'BEGIN IMMEDIATE; INSERT INTO meta VALUES (\"lock\", \"x\");'; sleep 4; echo 'ROLLBACK;') | sqlite3 \(db)"]
        try holder.run()
        Thread.sleep(forTimeInterval: 0.8)
        let r = try Binary.run(["import", "candidates", csv.path, "--db", db, "--lang", "en"], env: ["DIENHINH_BUSY_TIMEOUT": "1"])
        holder.waitUntilExit()
        #expect(r.status == 1)
        #expect(r.stderr.contains("locked by another program"))
        let after = try Binary.run(["show", "CN-LOCK", "--db", db])
        #expect(after.status == 66)
    }

    /// Reads that work on a database nobody may write, and the writes that must be refused.
    static let reads: [[String]] = [["units"], ["candidates", "--search", "nguyen"], ["candidates", "--json"],
                                    ["show", "CN-TC-0005"], ["check", "CN-TC-0005", "--year", "2019"],
                                    ["render", "browse", "--size", "80x24"]]
    static let writes: [[String]] = [["nominate", "CN-TC-0005", "--year", "2019", "--override-reason", "thử"], ["council", "add-member", "--name", "Chỉ Đọc", "--role", "member", "--pin-stdin"],
                                     ["init", "--force", "--demo", "--scale", "small"]]

    /// Browsing works and every write says "read-only" with exit 1, the file byte-for-byte unchanged.
    /// A file other users may read (0644 for another account, 0444) is also said so on stderr, and a voting
    /// act on it (`council add-member`) is refused for that first, with exit 69 (issue 18).
    func expectReadOnlyBehaviour(_ db: String, _ dir: URL, as user: String? = nil) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let mode = try FileManager.default.attributesOfItem(atPath: db)[.posixPermissions] as? Int ?? 0
        let shared = mode & 0o006 != 0
        func problems(_ r: Binary.Result) -> [Substring] {
            r.stderr.split(separator: "\n").filter { !$0.hasPrefix("Warning: other users of this host may read") }
        }
        for args in Self.reads {
            let r = try Binary.run(args + ["--db", db, "--lang", "en"], as: user)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(r.stdout.count > 60, "\(args) printed too little: \(r.stdout)")
        }
        #expect(try Binary.run(["show", "CN-TC-0005", "--db", db], as: user).stdout.contains("Bùi Trọng Vinh"))
        let csv = dir.appendingPathComponent("ro.csv")
        try "id,kind,name,unit_code,complies_with_policy\nCN-RO,individual,Lê Chỉ Đọc,VKSH.429,true\n".write(to: csv, atomically: true, encoding: .utf8)
        for args in Self.writes + [["import", "candidates", csv.path]] {
            // A PIN on standard input for the one write that reads it (council add-member); the others ignore it.
            let r = try Binary.run(args + ["--db", db, "--lang", "en"], stdin: "pin-1234\n", as: user)
            if shared && args.first == "council" {
                #expect(r.status == 69 && r.stderr.hasPrefix("Voting refused: other users of this host may read"), "\(args): \(r.stderr)")
                continue
            }
            #expect(r.status == 1, "\(args) exited \(r.status): \(r.stderr)")
            #expect(r.stderr.contains("is read-only (the file, its folder or its disk cannot be written): nothing was written"), "\(args): \(r.stderr)")
            #expect(!r.stderr.contains("Fatal error") && problems(r).count == 1, "\(args): \(r.stderr)")
        }
        let vi = try Binary.run(Self.writes[0] + ["--db", db], as: user)
        #expect(vi.stderr.contains("chỉ cho phép đọc"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
        #expect(try Binary.run(["show", "CN-RO", "--db", db], as: user).status == 66)
    }

    /// A database the administrator owns in a folder only they may write (0755, the file 0644), opened by
    /// another account (`nobody` through runuser): SQLite cannot make the -shm there, so the file opens as
    /// immutable; browsing works and every write is refused.
    @Test(.enabled(if: Binary.canRunAsNobody, "needs root, runuser and a binary other users may run"))
    func readOnlyFolderBrowsesForAnotherUser() throws {
        let (dir, db) = try fresh()
        _ = try Binary.sqlite(db, "PRAGMA wal_checkpoint(TRUNCATE);")
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: db)
        try expectReadOnlyBehaviour(db, dir, as: "nobody")
        #expect(!FileManager.default.fileExists(atPath: db + "-shm"))
    }

    /// An empty file and another program's SQLite file are refused in one line with exit 66 and left as they
    /// were: never given DienHinh's schema (as root, who could write them, and as another user).
    @Test func emptyOrForeignFilesAreRefusedUntouched() throws {
        let dir = try Binary.tempDir()
        let empty = dir.appendingPathComponent("empty.sqlite").path
        FileManager.default.createFile(atPath: empty, contents: Data())
        let foreign = dir.appendingPathComponent("foreign.sqlite").path
        _ = try Binary.sqlite(foreign, "CREATE TABLE sổ (tên TEXT); INSERT INTO sổ VALUES ('giữ nguyên');")
        let foreignBefore = try Data(contentsOf: URL(fileURLWithPath: foreign))
        let users: [String?] = Binary.canRunAsNobody ? [nil, "nobody"] : [nil]
        for user in users {
            for args in [["candidates"], ["import", "candidates", "/nonexistent.csv"], ["nominate", "CN-1", "--year", "2019"]] {
                for (db, what) in [(empty, "empty"), (foreign, "foreign")] {
                    let r = try Binary.run(args + ["--db", db, "--lang", "en"], as: user)
                    #expect(r.status == 66, "\(what) \(args) as \(user ?? "root"): \(r.status) \(r.stderr)")
                    if args == ["candidates"] {
                        #expect(r.stderr == "\(db) is not a DienHinh database (an empty file, or another program's): nothing was changed; "
                                + "`dienhinh init --db \(db)` makes a new one\n")
                    }
                }
            }
        }
        #expect(try FileManager.default.attributesOfItem(atPath: empty)[.size] as? Int == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: foreign)) == foreignBefore)
        #expect(try Binary.sqlite(foreign, "SELECT group_concat(name) FROM sqlite_master;") == "sổ")
        #expect(try Binary.run(["candidates", "--db", empty]).stderr.contains("không phải cơ sở dữ liệu DienHinh"))
    }

    /// The file itself cannot be written (its folder can: SQLite still makes its -wal and -shm there).
    /// Root ignores file modes, so as root the file is marked immutable (chattr +i); anyone else gets chmod 0444.
    @Test(.enabled(if: ScratchDisk.canMakeImmutable || getuid() != 0, "as root only chattr +i makes a file read-only, and this file system refuses it"))
    func readOnlyFileStillBrowsesAndRefusesWrites() throws {
        let (dir, db) = try fresh()
        if getuid() == 0 {
            try ScratchDisk.shell("chattr +i \(Tmux.quote(db))")
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        }
        defer { if getuid() == 0 { try? ScratchDisk.shell("chattr -i \(Tmux.quote(db))") } }
        try expectReadOnlyBehaviour(db, dir)
    }

    /// The whole disk is read-only (a tmpfs remounted ro): SQLite cannot create the -shm that WAL needs
    /// to read, so DienHinh opens the file as immutable and still browses it.
    @Test(.enabled(if: ScratchDisk.canMount, "mounting a tmpfs needs CAP_SYS_ADMIN"))
    func readOnlyDiskStillBrowsesAndRefusesWrites() throws {
        let disk = try ScratchDisk(kilobytes: 16 * 1024)
        let db = disk.dir.appendingPathComponent("ro.sqlite").path
        #expect(try Binary.run(["init", "--db", db, "--demo", "--scale", "small"]).status == 0)
        try disk.remountReadOnly()
        #expect(!FileManager.default.fileExists(atPath: db + "-shm"))
        try expectReadOnlyBehaviour(db, try Binary.tempDir())
        withExtendedLifetime(disk) {}  // mounted until here: releasing it unmounts
    }

    /// An import that does not fit on the disk (a tmpfs barely larger than the database): "disk full", exit 1,
    /// the transaction rolled back, the database intact with the rows it had.
    @Test(.enabled(if: ScratchDisk.canMount, "mounting a tmpfs needs CAP_SYS_ADMIN"))
    func diskFullDuringImportRollsBack() throws {
        let (source, _) = try fresh()
        let seed = source.appendingPathComponent("sick.sqlite")
        let size = try FileManager.default.attributesOfItem(atPath: seed.path)[.size] as! Int
        // Room for the file and its -shm and a little WAL, not for the import.
        let disk = try ScratchDisk(kilobytes: size / 1024 + 256)
        let db = disk.dir.appendingPathComponent("full.sqlite").path
        try FileManager.default.copyItem(atPath: seed.path, toPath: db)
        let counts = "PRAGMA integrity_check; SELECT COUNT(*) FROM candidate; SELECT COUNT(*) FROM achievement;"
        let before = try Binary.sqlite(db, counts)
        let name = String(repeating: "Nguyễn Thị Đầy Ổ Đĩa ", count: 8)  // 176 characters, under the limit of 200
        var csv = "id,kind,name,unit_code,complies_with_policy\n"
        for i in 0..<12000 { csv += "CN-FULL-\(i),individual,\(name)\(i),VKSH.429,true\n" }
        let file = source.appendingPathComponent("big.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let r = try Binary.run(["import", "candidates", file.path, "--db", db, "--lang", "en"])
        #expect(r.status == 1, "\(r.stdout)\n\(r.stderr)")
        #expect(r.stderr.contains("is full: the change was rolled back"), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
        #expect(try Binary.sqlite(db, counts) == before)
        #expect(before.hasPrefix("ok\n"))
        // Once there is room again the same import goes through: the failure left nothing half-done.
        try disk.grow(kilobytes: 64 * 1024)
        #expect(try Binary.run(["import", "candidates", file.path, "--db", db]).status == 0)
        withExtendedLifetime(disk) {}
    }
}

/// A small file system of a test's own (tmpfs): a disk that can be made read-only or full. Unmounted on release.
final class ScratchDisk {
    let dir: URL

    init(kilobytes: Int) throws {
        dir = try Binary.tempDir()
        try Self.shell("mount -t tmpfs -o size=\(kilobytes)k dienhinh-test \(Tmux.quote(dir.path))")
    }

    deinit { try? Self.shell("umount -l \(Tmux.quote(dir.path))") }

    func remountReadOnly() throws { try Self.shell("mount -o remount,ro \(Tmux.quote(dir.path))") }
    func grow(kilobytes: Int) throws { try Self.shell("mount -o remount,size=\(kilobytes)k \(Tmux.quote(dir.path))") }

    /// Whether this process may mount (root with CAP_SYS_ADMIN, not blocked by the container).
    static let canMount: Bool = {
        guard let disk = try? ScratchDisk(kilobytes: 64) else { return false }
        return (try? shell("mountpoint -q \(Tmux.quote(disk.dir.path))")) != nil
    }()

    /// Whether files in the temporary folder can be marked immutable (chattr +i needs CAP_LINUX_IMMUTABLE and ext4/xfs/btrfs).
    static let canMakeImmutable: Bool = {
        guard let dir = try? Binary.tempDir() else { return false }
        let f = dir.appendingPathComponent("probe").path
        guard FileManager.default.createFile(atPath: f, contents: Data()) else { return false }
        guard (try? shell("chattr +i \(Tmux.quote(f))")) != nil else { return false }
        try? shell("chattr -i \(Tmux.quote(f))")
        return true
    }()

    /// Runs a shell command; throws when it fails.
    static func shell(_ command: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command + " 2>/dev/null"]
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus != 0 { throw ShellFailure(command: command, status: p.terminationStatus) }
    }

    struct ShellFailure: Error { var command: String; var status: Int32 }
}
