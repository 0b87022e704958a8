import DienHinhCore
import DienHinhResources
@testable import DienHinhApp
@testable import DienHinhRuntime
@testable import DienHinhStore
import Foundation
import TerminalKit
import Testing

/// The voting effects against a real file: refusals worded, nothing written, and the live poll
/// that reloads only when another connection committed.
@Suite(.serialized) struct VotingRuntimeTests {
    let path: String
    let db: AppDatabase
    let round: String
    /// Each member's one-time written-ballot code (their PIN slip).
    let codes: [String: String]

    static let chair = Signer(member: "M01", pin: "pin-M01")

    init() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-vrt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        path = dir.appendingPathComponent("v.sqlite").path
        db = try AppDatabase.create(path: path, demo: .small)
        // Two individuals from each of the first units: within the quota.
        var perUnit: [String: Int] = [:]
        for c in try db.candidates(CandidateFilter(level: .supreme, kind: .individual)) where perUnit.values.reduce(0, +) < 3 {
            guard perUnit[c.candidate.unitCode, default: 0] < 2 else { continue }
            perUnit[c.candidate.unitCode, default: 0] += 1
            try db.nominate(candidateId: c.candidate.id, year: 2019, overrideReason: "thử")
        }
        var codes: [String: String] = [:]
        for i in 1...4 {
            let slip = try db.enrol(name: "Thành viên \(i)", role: i == 1 ? .chair : (i == 2 ? .secretary : .member), pin: "pin-M0\(i)",
                                    pinRounds: 1000)
            codes[slip.member.id] = slip.writtenCode
        }
        self.codes = codes
        let s = try db.openSession(year: 2019, title: "Phiên", by: Self.chair)
        try db.attend(session: s, members: ["M01", "M02", "M03"], by: Signer(member: "M02", pin: "pin-M02"))
        round = try db.openRound(session: s, by: Self.chair)
    }

    @Test func pollReloadsOnlyAfterAnotherConnectionCommits() throws {
        let runner = EffectRunner(db: db)
        let poll = Effect.voting(.ifChanged(.loadConsole(session: "S2019-1")))
        guard case .voting(.consoleLoaded(let first))? = runner.run(poll) else { Issue.record("first poll loads"); return }
        #expect(first.round?.votedCount == 0)
        #expect(runner.run(poll) == nil)
        // Another process's connection (another terminal) casts a ballot.
        let other = try AppDatabase(path: path)
        _ = try other.castBallot(round: round, member: "M02", pin: "pin-M02", approvals: [])
        guard case .voting(.consoleLoaded(let next))? = runner.run(poll) else { Issue.record("poll after a vote reloads"); return }
        #expect(next.round?.votedCount == 1)
        #expect(next.round?.electors.first { $0.id == "M02" }?.voted == true)
        #expect(runner.run(poll) == nil)
    }

    @Test func refusalsAreWordedAndWriteNothing() throws {
        let runner = EffectRunner(db: db)
        let wrong = runner.run(.voting(.cast(round: round, member: "M01", pin: "nope", approvals: [])))
        #expect(wrong == .voting(.refused(VotingFailure(.wrongPIN, key: "vote.wrong_pin"))))
        #expect(try db.voters(round: round).isEmpty)
        // Four more wrong PINs lock the member: the kiosk says so in a line that fits its box (issue 18).
        var last: Msg?
        for _ in 1...4 { last = runner.run(.voting(.cast(round: round, member: "M03", pin: "nope", approvals: []))) }
        _ = runner.run(.voting(.cast(round: round, member: "M03", pin: "nope", approvals: [])))
        last = runner.run(.voting(.cast(round: round, member: "M03", pin: "pin-M03", approvals: [])))
        #expect(last == .voting(.refused(VotingFailure(key: "vote.pin_locked", args: ["5"]))))
        #expect(Strings.vi("vote.pin_locked", "5").count <= 60)
        guard case .voting(.ballotCast(_, "M01", let receipt))? = runner.run(.voting(.cast(round: round, member: "M01", pin: "pin-M01", approvals: []))) else {
            Issue.record("cast"); return
        }
        #expect(receipt.count == 19)
        let again = runner.run(.voting(.cast(round: round, member: "M01", pin: "pin-M01", approvals: [])))
        #expect(again == .voting(.refused(VotingFailure(.alreadyVoted, key: "vote.already_voted", args: ["M01", round]))))
        guard case .voting(.roundClosed(let data))? = runner.run(.voting(.closeRound(round, chair: "M01", pin: "pin-M01"))) else { Issue.record("close"); return }
        #expect(data.result.fingerprints == [receipt])
        let late = runner.run(.voting(.cast(round: round, member: "M02", pin: "pin-M02", approvals: [])))
        #expect(late == .voting(.refused(VotingFailure(.roundClosed, key: "vote.round_closed", args: [round]))))
    }

    /// A tie for the one seat settled from the console: the chair picks, a wrong PIN writes nothing, the
    /// right one records the choice in the result and the audit chain.
    @Test func chairSettlesATieFromTheConsole() throws {
        try db.closeRound(round: round, by: Self.chair, force: true)
        // Three present, more than half of them needed (2): each candidate gets 2, for 2 seats.
        let tie = try db.openRound(session: "S2019-1", parameters: RoundParameters(minSeats: 1, maxSeats: 2, base: .present), by: Self.chair)
        let ids = try db.roundInfo(round: tie).shortlist.map(\.id)
        #expect(ids.count == 3)
        for (m, marks) in [("M01", [ids[0], ids[1]]), ("M02", [ids[0], ids[2]]), ("M03", [ids[1], ids[2]])] {
            _ = try db.castBallot(round: tie, member: m, pin: "pin-\(m)", approvals: marks)
        }
        try db.closeRound(round: tie, by: Self.chair)
        #expect(try db.result(round: tie).tieForSeats == 2)
        let loop = AppLoop(state: .console(session: "S2019-1", year: 2020, size: Size(width: 100, height: 30)), runner: EffectRunner(db: db))
        loop.start()
        loop.press(try KeyScript.parse("rc<Space><Down><Down><Space><Enter>nope<Enter>"))
        #expect(loop.state.message == loop.state.strings("vote.wrong_pin"))
        #expect(try db.result(round: tie).castingChoice == nil)
        loop.press(try KeyScript.parse("pin-M01<Enter>"))
        #expect(loop.state.message == loop.state.strings("casting.recorded", tie))
        let result = try db.result(round: tie)
        #expect(result.castingChoice?.chair == "M01" && result.castingChoice?.chosen == [ids[0], ids[2]])
        #expect(result.elected == [ids[0], ids[2]])
        #expect(try db.auditVerify().isIntact)
        #expect(!String(reflecting: loop.state).contains("pin-M01"))
        let screen = App.view(loop.state).lines().joined(separator: "\n")
        #expect(screen.contains("Đã ghi quyết định của Chủ tịch"))
        #expect(screen.contains("Chủ tịch Hội đồng (Thành viên 1) quyết định chọn:"))
    }

    @Test func kioskLoopCastsAndClears() throws {
        let loop = AppLoop(state: .kiosk(round: round, year: 2020, size: Size(width: 80, height: 24)), runner: EffectRunner(db: db))
        loop.start()
        loop.press(try KeyScript.parse("M03<Enter><Space>c<Enter>pin-M03<Enter>"))
        guard case .ballot(let b) = loop.state.screen, case .receipt(let code) = b.phase else { Issue.record("no receipt"); return }
        #expect(try db.voters(round: round).map(\.memberId) == ["M03"])
        loop.press([.enter])
        #expect(!String(reflecting: loop.state).contains(code))
        #expect(!String(reflecting: loop.state).contains("pin-M03"))
        guard case .memberPick(let p) = loop.state.screen else { Issue.record("not back at pick"); return }
        #expect(p.round?.electors.first { $0.id == "M03" }?.voted == true)
    }

    @Test func secretaryEntersAnAbsentMembersWrittenBallot() throws {
        let loop = AppLoop(state: .console(session: "S2019-1", year: 2020, size: Size(width: 80, height: 24)), runner: EffectRunner(db: db))
        loop.start()
        // A present member is refused; the absent M04 is entered with the secretary's (M02) PIN.
        loop.press(try KeyScript.parse("wM03<Enter>"))
        #expect(loop.state.message == loop.state.strings("vote.present_written", "M03", "S2019-1"))
        // Without M04's own code from the PIN slip the secretary's PIN alone is refused, and nothing is written.
        loop.press(try KeyScript.parse("M04<Enter><Space>c<Enter>ABCD-EFGH<Enter>pin-M02<Enter>"))
        #expect(loop.state.message == loop.state.strings("vote.written_code_wrong", "M04"))
        #expect(try db.voters(round: round).isEmpty)
        loop.press(try KeyScript.parse("<Enter>\(codes["M04"]!)<Enter>pin-M04<Enter>"))
        #expect(loop.state.message == loop.state.strings("vote.wrong_pin"))
        loop.press(try KeyScript.parse("pin-M02<Enter>"))
        guard case .ballot(let b) = loop.state.screen, case .receipt = b.phase else { Issue.record("no receipt"); return }
        #expect(try db.voters(round: round).map { "\($0.memberId) \($0.written) \($0.enteredBy ?? "")" } == ["M04 true M02"])
        loop.press([.enter])
        guard case .console(let c) = loop.state.screen else { Issue.record("not back at the console"); return }
        #expect(c.data?.round?.electors.first { $0.id == "M04" }?.written == true)
        #expect(App.view(loop.state).lines().joined().contains("✓ văn bản"))
    }
}

/// The count minutes open on screen from the result (issue 19, part 7): the same text as `round minutes`, scrolled,
/// and `p` writes the Word file from there.
@Suite(.serialized) struct MinutesOnScreenTests {
    @Test func theResultOpensTheMinutesAndPWritesThem() throws {
        let t = try VotingRuntimeTests()
        for m in ["M01", "M02", "M03"] { _ = try t.db.castBallot(round: t.round, member: m, pin: "pin-\(m)", approvals: []) }
        _ = try t.db.closeRound(round: t.round, by: VotingRuntimeTests.chair, force: true)
        let loop = AppLoop(state: .console(session: "S2019-1", year: 2019, size: Size(width: 80, height: 24)), runner: EffectRunner(db: t.db))
        loop.start()
        loop.press(try KeyScript.parse("r"))
        guard case .roundResult = loop.state.screen else { Issue.record("no result"); return }
        loop.press([.char("m")])
        guard case .roundResult(let r) = loop.state.screen, let lines = r.minutes else { Issue.record("no minutes"); return }
        // Line for line what the command line prints.
        var m = try ReportBuilder(db: t.db, strings: .vi, today: ISODate.today()).minutes(round: t.round)
        m.seal = try t.db.roundSeal(round: t.round)
        m.head = try t.db.auditHead()
        #expect(lines == m.markdown().components(separatedBy: "\n"))
        let text = App.view(loop.state).lines().joined(separator: "\n")
        #expect(text.contains("Biên bản kiểm phiếu") && text.contains("Dòng 1/\(lines.count)"))
        var s = loop.state
        for k in try KeyScript.parse("<PageDown>j") { _ = App.update(&s, .key(k)) }
        guard case .roundResult(let scrolled) = s.screen else { return }
        #expect(scrolled.minutesScroll == App.page(s) + 1)
        #expect(App.update(&s, .key(.char("p"))) == [.writeDocument(.minutes(round: t.round), folder: nil, english: false)])
        _ = App.update(&s, .key(.char("?")))
        #expect(s.showHelp && App.view(s).lines().joined().contains("đóng biên bản"))
        _ = App.update(&s, .key(.escape))
        _ = App.update(&s, .key(.escape))
        guard case .roundResult(let closed) = s.screen else { Issue.record("left the result"); return }
        #expect(closed.minutes == nil)
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            var shown = loop.state
            shown.size = size
            // The minutes' times and seal change from run to run: the frame and the first lines are what is kept.
            let frame = App.view(shown).lines().map { $0.replacingOccurrences(of: #"\d"#, with: "9", options: .regularExpression) }
            assertSnapshot(frame, named: "voting-minutes-\(size.width)x\(size.height)")
        }
    }
}
