import Foundation
import Testing

/// Who may read the file and who may sign (issue 18), through the command line.
@Suite(.serialized) struct TrustCLITests {
    static func mode(_ path: String) throws -> Int {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1
    }

    @Test func aNewDatabaseIsItsOwnersAlone() throws {
        let (_, db) = try Binary.database("own.sqlite")
        for p in [db, db + "-wal", db + "-shm"] where FileManager.default.fileExists(atPath: p) {
            #expect(try Self.mode(p) == 0o600, "\(p)")
        }
        #expect(try Self.mode(db) == 0o600)
    }

    @Test func initGroupSharesWithThatGroupOnly() throws {
        let dir = try Binary.tempDir()
        let group = String(cString: getgrgid(getgid())!.pointee.gr_name)
        let db = dir.appendingPathComponent("g.sqlite").path
        let r = try Binary.run(["init", "--db", db, "--group", group])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.mode(db) == 0o660)
        let bad = dir.appendingPathComponent("bad.sqlite").path
        let refused = try Binary.run(["init", "--db", bad, "--group", "khong-co-nhom-nay"])
        #expect(refused.status == 65 && refused.stderr.contains("khong-co-nhom-nay"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: bad))
    }

    /// A file others may read is said on every open, and voting acts refuse it unless told otherwise.
    @Test func aSharedFileWarnsAndVotingRefusesIt() throws {
        let (_, db) = try Binary.database("shared.sqlite")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: db)
        let list = try Binary.run(["units", "--db", db])
        #expect(list.status == 0 && list.stderr.contains("người dùng khác trên máy đọc được"), "\(list.stderr)")
        let add = ["council", "add-member", "--db", db, "--name", "Nguyễn Văn Chủ", "--role", "chair", "--pin-stdin"]
        let refused = try Binary.run(add, stdin: "246810\n")
        #expect(refused.status == 69 && refused.stderr.contains("Từ chối bỏ phiếu"), "\(refused.stderr)")
        #expect(try Binary.sqlite(db, "SELECT count(*) FROM council_member") == "0")
        #expect(try Binary.run(add + ["--allow-shared-file"], stdin: "246810\n").status == 0)
    }

    /// The council room's boundary (docs/COUNCIL-ROOM.md), played with runuser: `nobody` stands for a member's
    /// login; the file made by `init` belongs to the service account (here the test's own), and the member's
    /// account can neither read it nor open it with dienhinh.
    @Test(.enabled(if: Binary.canRunAsNobody, "needs root, runuser and a binary other users may run"))
    func aMembersAccountCannotReadTheFile() throws {
        let (dir, db) = try Binary.database("room.sqlite")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        let cat = Process()
        cat.executableURL = URL(fileURLWithPath: Binary.runuser)
        cat.arguments = ["-u", "nobody", "--", "/bin/cat", db]
        cat.standardOutput = FileHandle.nullDevice
        cat.standardError = FileHandle.nullDevice
        try cat.run()
        cat.waitUntilExit()
        #expect(cat.terminationStatus != 0)
        let opened = try Binary.run(["candidates", "--db", db, "--lang", "en"], as: "nobody")
        #expect(opened.status != 0 && opened.stdout.isEmpty, "\(opened.status) \(opened.stdout)")
        let vote = try Binary.run(["tui", "--kiosk", "open", "--db", db, "--lang", "en"], as: "nobody")
        #expect(vote.status != 0 && !vote.stderr.isEmpty)
    }

    /// Property through the binary: random sequences of commands signed by members other than the chair (right and
    /// wrong PINs; unlock, new written codes, raising the PIN cost, listing members) never lift a lock, and no
    /// output and no table holds a PIN (issue 18, item 6).
    @Test func noCommandByANonChairUnlocksOrRevealsAPIN() throws {
        var seed = UInt64(ProcessInfo.processInfo.environment["DIENHINH_FUZZ_SEED"] ?? "") ?? UInt64.random(in: 1...UInt64.max)
        print("trust-cli: seed \(seed)")
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        let (_, db) = try Binary.database("prop.sqlite")
        // Not digits alone: a dump is full of hex, where six equal digits turn up by chance.
        let pins = ["M01": "chủ-tịch-PIN", "M02": "thành-viên-hai", "M03": "thư-ký-PIN", "M04": "thành-viên-bốn"]
        // M03 is the secretary: its PIN is checked on its own acts, so wrong ones lock it.
        for (i, role) in ["chair", "member", "secretary", "member"].enumerated() {
            try Binary.succeeds(["council", "add-member", "--name", "Người \(i + 1)", "--role", role, "--pin-stdin"], db: db,
                                stdin: pins["M0\(i + 1)"]! + "\n")
        }
        for _ in 1...5 { _ = try Binary.run(["council", "written-code", "M04", "--by", "M03", "--pin-stdin", "--db", db], stdin: "000000\n") }
        func locked() throws -> Bool { try Binary.sqlite(db, "SELECT locked_at IS NOT NULL FROM council_member WHERE id = 'M03'") == "1" }
        #expect(try locked())
        let actors = ["M02", "M03", "M04"]
        var outputs = ""
        for step in 0..<12 {
            let by = actors[next(actors.count)]
            let pin = next(2) == 0 ? pins[by]! : "sai-hẳn-rồi"
            let args: [String] = switch next(4) {
            case 0: ["council", "unlock", "M03", "--by", by, "--pin-stdin"]
            case 1: ["council", "written-code", ["M02", "M04"][next(2)], "--by", by, "--pin-stdin"]
            case 2: ["council", "kdf", "--rounds", "250000", "--by", by, "--pin-stdin"]
            default: ["council", "members", "--json"]
            }
            let r = try Binary.run(args + ["--db", db], stdin: pin + "\n")
            outputs += r.stdout + r.stderr
            #expect(try locked(), "step \(step): \(args) by \(by) unlocked M03 (seed in the log)")
        }
        let everything = try Binary.sqlite(db, ".dump")
        for pin in pins.values { #expect(!outputs.contains(pin) && !everything.contains(pin), "a PIN in clear") }
    }

    /// A drawn PIN lives on its slip only (0600, one page to print and seal); the chair's reset draws a new one.
    @Test func issuedPINsAreOnTheSlipOnly() throws {
        // No demo data: its thousands of hex uids would hold any six digits by chance.
        let (dir, db) = try Binary.database("slips.sqlite", demo: false)
        func slipPIN(_ file: String) throws -> String {
            let m = try #require(try SecretariatTUITests.slipText(file).firstMatch(of: /Mã PIN: (\d{6})/))
            return String(m.1)
        }
        var pins: [String: String] = [:]
        for (i, role) in ["chair", "secretary"].enumerated() {
            let slip = dir.appendingPathComponent("slip-\(i + 1).docx").path
            let r = try Binary.succeeds(["council", "add-member", "--name", "Người \(i + 1)", "--role", role, "--issue-pin", "--slip", slip], db: db)
            #expect(try Self.mode(slip) == 0o600)
            let pin = try slipPIN(slip)
            #expect(!r.stdout.contains(pin) && !r.stderr.contains(pin))
            pins[r.lastLine] = pin
        }
        #expect(try !Binary.sqlite(db, ".dump").contains(pins["M01"]!))
        try Binary.succeeds(["council", "written-code", "M01", "--by", "M02", "--pin-stdin"], db: db, stdin: pins["M02"]! + "\n")
        let reslip = dir.appendingPathComponent("reset.docx").path
        try Binary.succeeds(["council", "reset-pin", "M02", "--by", "M01", "--pin-stdin", "--slip", reslip], db: db, stdin: pins["M01"]! + "\n")
        let fresh = try slipPIN(reslip)
        #expect(try Binary.run(["council", "written-code", "M01", "--by", "M02", "--pin-stdin", "--db", db], stdin: pins["M02"]! + "\n").status == 69)
        try Binary.succeeds(["council", "written-code", "M01", "--by", "M02", "--pin-stdin"], db: db, stdin: fresh + "\n")
    }

    /// The sixth try with the right PIN after five wrong ones is refused until the chair unlocks.
    @Test func fiveWrongPINsLockUntilTheChairUnlocks() throws {
        let (_, db) = try Binary.database("pins.sqlite")
        for (name, role, pin) in [("Chủ Tịch", "chair", "111111"), ("Thư Ký", "secretary", "222222"), ("Thành Viên", "member", "333333")] {
            try Binary.succeeds(["council", "add-member", "--name", name, "--role", role, "--pin-stdin"], db: db, stdin: pin + "\n")
        }
        func secretary(_ pin: String) throws -> Binary.Result {
            try Binary.run(["council", "written-code", "M03", "--by", "M02", "--pin-stdin", "--db", db, "--lang", "en"], stdin: pin + "\n")
        }
        for i in 1...5 {
            let r = try secretary("999999")
            #expect(r.status == 69)
            #expect(r.stderr.contains(i < 5 ? "Wrong PIN" : "locked after 5 wrong PINs"), "\(i): \(r.stderr)")
        }
        let sixth = try secretary("222222")
        #expect(sixth.status == 69 && sixth.stderr.contains("locked"), "\(sixth.stderr)")
        let byMember = try Binary.run(["council", "unlock", "M02", "--by", "M03", "--pin-stdin", "--db", db], stdin: "333333\n")
        #expect(byMember.status == 69)
        try Binary.succeeds(["council", "unlock", "M02", "--by", "M01", "--pin-stdin"], db: db, stdin: "111111\n")
        #expect(try secretary("222222").status == 0)
        let audit = try Binary.sqlite(db, "SELECT action FROM audit_log WHERE action LIKE 'council.%' ORDER BY seq")
        #expect(audit.components(separatedBy: "\n").filter { $0 == "council.wrong_pin" }.count == 5)
        #expect(audit.contains("council.pin_locked") && audit.contains("council.unlock"))
        #expect(try Binary.sqlite(db, "SELECT count(*) FROM audit_log WHERE detail LIKE '%999999%' OR detail LIKE '%222222%'") == "0")
    }
}
