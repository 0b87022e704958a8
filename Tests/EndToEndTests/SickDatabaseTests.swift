import Foundation
import Testing

/// A damaged, newer or locked database file: a clear message, a defined exit code, the file untouched.
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
}
