import DienHinhCore
@testable import DienHinhStore
import FuzzSupport
import Foundation
import GRDB
import PropertyBased
import Testing

/// Wrong PINs are counted per member; the fifth in a row locks the member until the chair unlocks (issue 18).
@Suite struct PINLockoutTests {
    static let tries = PINHash.maxWrongTries

    /// A ballot with a wrong PIN (a member's own act, so any member's PIN is checked).
    func wrong(_ f: VotingFixture, _ round: String, _ member: String) -> VotingError? {
        refusal { _ = try f.db.castBallot(round: round, member: member, pin: "sai-\(member)", approvals: []) }
    }

    func round(_ f: VotingFixture) throws -> String {
        try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 2), by: f.chairSigner)
    }

    @Test func fifthWrongPINLocksAndTheRightOneIsThenRefused() throws {
        let f = try VotingFixture.make()
        let r = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 2), by: f.chairSigner)
        for i in 1...Self.tries {
            let e = refusal { _ = try f.db.castBallot(round: r, member: "M03", pin: "sai", approvals: []) }
            #expect(e == (i < Self.tries ? .wrongPIN : .pinLocked("M03")))
        }
        // The sixth try, with the right PIN: refused, and no ballot is written.
        #expect(refusal { _ = try f.vote(r, "M03", [f.candidates[0]]) } == .pinLocked("M03"))
        #expect(try f.count("ballot") == 0)
        #expect(try f.db.lockedMembers() == ["M03"])
        let audit = try f.db.auditEntries()
        #expect(audit.filter { $0.action == "council.wrong_pin" }.count == Self.tries)
        #expect(audit.filter { $0.action == "council.pin_locked" }.count == 1)
        #expect(!audit.contains { $0.detail.contains("sai") || $0.detail.contains("pin-M03") })

        // Only the chair lifts the lock; the member then votes with the right PIN.
        #expect(refusal { try f.db.unlock(member: "M03", by: f.secretarySigner) } == .notChair("M02"))
        try f.db.unlock(member: "M03", by: f.chairSigner)
        #expect(try f.db.lockedMembers().isEmpty)
        _ = try f.vote(r, "M03", [f.candidates[0]])
        #expect(try f.db.auditVerify().isIntact)
        #expect(refusal { try f.db.unlock(member: "M03", by: f.chairSigner) } == .notLocked("M03"))
    }

    @Test func theRightPINClearsTheCount() throws {
        let f = try VotingFixture.make()
        let r = try round(f)
        for _ in 1..<Self.tries { #expect(wrong(f, r, "M02") == .wrongPIN) }
        _ = try f.db.issueWrittenCode(member: "M05", by: f.secretarySigner)
        for _ in 1..<Self.tries { #expect(wrong(f, r, "M02") == .wrongPIN) }
        #expect(try f.db.lockedMembers().isEmpty)
    }

    /// A locked chair cannot sign; the secretary lifts the chair's lock, and no ordinary member can.
    @Test func theSecretaryUnlocksTheChair() throws {
        let f = try VotingFixture.make()
        for _ in 1...Self.tries { _ = refusal { try f.db.closeSession(f.session, by: Signer(member: "M01", pin: "sai")) } }
        #expect(refusal { try f.db.closeSession(f.session, by: f.chairSigner) } == .pinLocked("M01"))
        #expect(refusal { try f.db.unlock(member: "M01", by: Signer(member: "M03", pin: "pin-M03")) } == .notSecretary("M03"))
        #expect(refusal { try f.db.unlock(member: "M01", by: f.chairSigner) } == .notSecretary("M01"))
        try f.db.unlock(member: "M01", by: f.secretarySigner)
        try f.db.closeSession(f.session, by: f.chairSigner)
    }

    /// The PIN cost is a stored parameter that only rises; a member's hash follows at their next right PIN and the
    /// audit still verifies (issue 18).
    @Test func thePINCostRisesAndHashesFollow() throws {
        let f = try VotingFixture.make(memberCount: 3)
        #expect(refusal { try f.db.raisePINCost(to: 1000, by: f.chairSigner) } == .pinCostNotRaised(current: PINHash.defaultRounds))
        #expect(refusal { try f.db.raisePINCost(to: 300_000, by: f.secretarySigner) } == .notChair("M02"))
        try f.db.raisePINCost(to: 300_000, by: f.chairSigner)
        func rounds(_ m: String) throws -> Int { try f.db.read { try Int.fetchOne($0, sql: "SELECT pin_rounds FROM council_member WHERE id = ?", arguments: [m])! } }
        #expect(try rounds("M02") == 1000)
        _ = try f.db.issueWrittenCode(member: "M03", by: f.secretarySigner)
        #expect(try rounds("M02") == 300_000)
        _ = try f.db.issueWrittenCode(member: "M03", by: f.secretarySigner)
        #expect(try f.db.auditVerify().isIntact)
        #expect(try f.db.addMember(name: "Thành viên mới", role: .member, pin: "13579").id == "M04")
        #expect(try rounds("M04") == 300_000)
    }

    /// Property: whatever ordinary members and the secretary do (right and wrong PINs, unlocks, written codes, ballots),
    /// a locked ordinary member stays locked until the chair unlocks, and no PIN appears in any table.
    @Test func noOneButTheChairUnlocks() throws {
        enum Act { case wrongPIN(String), rightPIN(String), unlock(target: String, by: String, right: Bool), writtenCode(by: String) }
        let members = ["M02", "M03", "M04", "M05", "M06", "M07"]
        let act = Generator<Act, Shrink.None<Act>> { rng in
            let who = members.randomElement(using: &rng)!
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: return .wrongPIN(who)
            case 1: return .rightPIN(who)
            case 2: return .unlock(target: ["M03", "M04"].randomElement(using: &rng)!, by: who, right: Bool.random(using: &rng))
            default: return .writtenCode(by: who)
            }
        }
        let input = Generator<[Act], Shrink.None<[Act]>> { rng in (0..<Int.random(in: 1...12, using: &rng)).map { _ in act.run(using: &rng) } }
        Fuzzer.run("pin-lockout", seconds: min(Fuzzer.seconds, 3), input: input) { acts in
            let f = try VotingFixture.make(memberCount: 7, candidateCount: 2)
            let r = try round(f)
            for _ in 1...Self.tries { _ = wrong(f, r, "M03") }
            try Fuzzer.check(try f.db.lockedMembers().contains("M03"), "M03 not locked after \(Self.tries) wrong PINs")
            for a in acts {
                switch a {
                case .wrongPIN(let m): _ = wrong(f, r, m)
                case .rightPIN(let m): _ = refusal { _ = try f.vote(r, m, []) }
                case let .unlock(target, by, right):
                    _ = refusal { try f.db.unlock(member: target, by: Signer(member: by, pin: right ? VotingFixture.pin(by) : "x")) }
                case .writtenCode(let by): _ = refusal { _ = try f.db.issueWrittenCode(member: "M03", by: Signer(member: by, pin: VotingFixture.pin(by))) }
                }
                try Fuzzer.check(try f.db.lockedMembers().contains("M03"), "M03 unlocked by \(a)")
            }
            let everything = try f.snapshot().values.flatMap { $0 }.joined(separator: "\n")
            try Fuzzer.check(!members.contains { everything.contains(VotingFixture.pin($0)) }, "a PIN stored in clear")
            return "held"
        }
    }
}

/// The database and its sidecars are created for their owner alone (issue 18).
@Suite struct FileAccessTests {
    @Test func aNewFileAndItsSidecarsAre0600() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-mode-\(UUID().uuidString)")
        let path = dir.appendingPathComponent("m.sqlite").path
        let db = try AppDatabase(path: path, create: true)
        try db.write { try $0.execute(sql: "INSERT INTO meta VALUES ('mode-test', '1')") }
        for p in [path, path + "-wal", path + "-shm"] { #expect(FileAccess.mode(p) == 0o600, "\(p)") }
        #expect(db.openToOthers.isEmpty)
        chmod(path, 0o644)
        #expect(db.openToOthers == [path])
        #expect(throws: StoreError.unknownGroup("khong-co-nhom-nay")) {
            try AppDatabase(path: dir.appendingPathComponent("g.sqlite").path, create: true, group: "khong-co-nhom-nay")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("g.sqlite").path))
    }
}

/// PINs the application draws (issues 18 and 19): six digits, on a sealed slip and nowhere else.
@Suite struct IssuedPINTests {
    @Test func aDrawnPINWorksAndIsShownOnlyOnTheSlip() throws {
        let f = try VotingFixture.make(memberCount: 3)
        let slip = try f.db.enrolIssuingPIN(name: "Lê Thị Mới", role: .member)
        let pin = try #require(slip.pin)
        #expect(pin.count == PINHash.issuedDigits && pin.allSatisfy(\.isNumber))
        #expect(try f.snapshot().values.flatMap { $0 }.allSatisfy { !$0.contains(pin) })
        let r = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 2), by: f.chairSigner)
        // Not present at this session: refused for that, after the PIN was accepted.
        #expect(refusal { _ = try f.db.castBallot(round: r, member: slip.member.id, pin: pin, approvals: []) } != .wrongPIN)

        let docx = try ReportTests.unzip(try OfficialDocuments(builder: ReportBuilder(db: f.db, strings: vi, today: "2019-06-10"))
            .pinSlips([slip, try f.db.enrolIssuingPIN(name: "Trần Văn Hai", role: .member)]))
        let xml = String(decoding: try #require(docx["word/document.xml"]), as: UTF8.self)
        #expect(xml.contains("Lê Thị Mới") && xml.contains("Mã PIN: \(pin)") && xml.contains(slip.writtenCode))
        #expect(xml.contains("Trần Văn Hai") && xml.contains("w:type=\"page\""))
    }

    @Test func theChairResetsALockedMembersPIN() throws {
        let f = try VotingFixture.make(memberCount: 3)
        for _ in 1...PINHash.maxWrongTries { _ = refusal { _ = try f.db.issueWrittenCode(member: "M03", by: Signer(member: "M02", pin: "sai")) } }
        #expect(try f.db.lockedMembers() == ["M02"])
        #expect(refusal { _ = try f.db.resetPIN(member: "M02", by: Signer(member: "M03", pin: "pin-M03")) } == .notChair("M03"))
        let slip = try f.db.resetPIN(member: "M02", by: f.chairSigner, pinRounds: 1000)
        #expect(try f.db.lockedMembers().isEmpty)
        #expect(refusal { _ = try f.db.issueWrittenCode(member: "M03", by: f.secretarySigner) } == .wrongPIN)
        _ = try f.db.issueWrittenCode(member: "M03", by: Signer(member: "M02", pin: try #require(slip.pin)))
        #expect(try f.db.auditVerify().isIntact)
    }
}
