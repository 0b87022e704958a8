import DienHinhCore
@testable import DienHinhApp
import DienHinhRuntime
@testable import DienHinhStore
import Foundation
import TerminalKit
import Testing

/// A council sitting on the small demo database: 7 members (6 present), 6 nominees for 2019 (one by
/// override), round 1 open, M01 and M03 have voted and M07's written ballot is in.
enum VotingDemo {
    static let round = "S2019-1-R1"
    static let session = "S2019-1"

    static let db: AppDatabase = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-vote-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = try! AppDatabase.create(path: dir.appendingPathComponent("vote.sqlite").path, demo: .small)
        let pool = try! db.candidates(CandidateFilter(level: .supreme))
        let verdicts = Dictionary(try! db.verdicts(ids: pool.map(\.candidate.id), year: 2019).map { ($0.candidateId, $0.eligible) },
                                  uniquingKeysWith: { a, _ in a })
        var used: [String: Int] = [:]
        var eligible = 0, overridden = 0
        for c in pool.sorted(by: { $0.candidate.id < $1.candidate.id }) {
            let key = "\(c.candidate.unitCode)|\(c.candidate.kind.rawValue)"
            guard used[key, default: 0] < (c.candidate.kind == .collective ? 1 : 2) else { continue }
            let ok = verdicts[c.candidate.id] ?? false
            if ok, eligible < 5 {
                try! db.nominate(candidateId: c.candidate.id, year: 2019)
                eligible += 1
            } else if !ok, overridden < 1 {
                try! db.nominate(candidateId: c.candidate.id, year: 2019, overrideReason: "Thành tích đột xuất trong năm")
                overridden += 1
            } else { continue }
            used[key, default: 0] += 1
            if eligible == 5 && overridden == 1 { break }
        }
        var codes: [String: String] = [:]
        for i in 1...7 {
            let role: CouncilRole = i == 1 ? .chair : (i == 2 ? .secretary : .member)
            let slip = try! db.enrol(name: ["Lê Minh Châu", "Trần Thị Hà", "Phạm Quốc Bảo", "Nguyễn Thị Lan", "Võ Văn Tâm",
                                         "Đặng Thu Trang", "Hoàng Văn Sơn"][i - 1], role: role, pin: "pin-M0\(i)", pinRounds: 1000)
            codes[slip.member.id] = slip.writtenCode
        }
        let s = try! db.openSession(year: 2019, title: "Phiên họp xét chọn năm 2019", by: Signer(member: "M01", pin: "pin-M01"))
        try! db.attend(session: s, members: ["M01", "M02", "M03", "M04", "M05", "M06"], by: Signer(member: "M02", pin: "pin-M02"))
        let r = try! db.openRound(session: s, by: Signer(member: "M01", pin: "pin-M01"))
        let shortlist = try! db.roundInfo(round: r).shortlist.map(\.id)
        _ = try! db.castBallot(round: r, member: "M01", pin: "pin-M01", approvals: Array(shortlist.prefix(3)))
        _ = try! db.castBallot(round: r, member: "M03", pin: "pin-M03", approvals: [shortlist[1]])
        _ = try! db.castWrittenBallot(round: r, member: "M07", by: "M02", pin: "pin-M02", code: codes["M07"]!, approvals: [shortlist[0]])
        return db
    }()
}

/// Every council screen at 80x24 and 120x40.
@Suite(.serialized) struct VotingSnapshotTests {
    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

    func kiosk(_ size: Size, _ keys: String) throws -> AppLoop {
        let loop = AppLoop(state: .kiosk(round: VotingDemo.round, year: 2020, size: size), runner: EffectRunner(db: VotingDemo.db))
        loop.start()
        loop.press(try KeyScript.parse(keys))
        return loop
    }

    func check(_ name: String, _ make: (Size) throws -> AppState) throws {
        for size in Self.sizes {
            assertSnapshot(App.view(try make(size)).lines(), named: "voting-\(name)-\(size.width)x\(size.height)")
        }
    }

    /// Types on a copy of the state, without running effects (nothing reaches the database).
    func typed(_ state: AppState, _ keys: String) throws -> AppState {
        var s = state
        for k in try KeyScript.parse(keys) { _ = App.update(&s, .key(k)) }
        return s
    }

    @Test func sessions() throws {
        try check("sessions") { size in
            let loop = AppLoop(state: AppState(year: 2020, size: size), runner: EffectRunner(db: VotingDemo.db))
            loop.start()
            loop.press(try KeyScript.parse("v"))
            return loop.state
        }
    }

    @Test func console() throws {
        try check("console") { size in
            let loop = AppLoop(state: .console(session: VotingDemo.session, year: 2020, size: size), runner: EffectRunner(db: VotingDemo.db))
            loop.start()
            return loop.state
        }
    }

    @Test func consoleCloseConfirm() throws {
        try check("console-confirm-close") { size in
            let loop = AppLoop(state: .console(session: VotingDemo.session, year: 2020, size: size), runner: EffectRunner(db: VotingDemo.db))
            loop.start()
            return try typed(loop.state, "x")
        }
    }

    /// The parameters form (`P`) over the demo's nominations, as on a console with no round open yet.
    func roundForm(_ size: Size, _ keys: String) throws -> AppState {
        let loop = AppLoop(state: .console(session: VotingDemo.session, year: 2020, size: size), runner: EffectRunner(db: VotingDemo.db))
        loop.start()
        var s = loop.state
        guard case .console(var c) = s.screen else { throw CancellationError() }
        c.data?.round = nil
        s.screen = .console(c)
        s = try typed(s, "P")
        let nominees = try VotingDemo.db.nominations(year: 2019).map {
            VoteCandidate(id: $0.nomination.candidateId, name: $0.name, kind: $0.nomination.kind, unitName: $0.unitName,
                          eligible: $0.eligible, overrideReason: $0.nomination.overrideReason)
        }
        _ = App.update(&s, .voting(.shortlistLoaded(year: 2019, nominees)))
        return try typed(s, keys)
    }
    @Test func roundParametersForm() throws {
        try check("round-form") { try roundForm($0, "<Tab><BS><BS>12<Tab><Tab><Right>") }
        try check("round-form-refused") { try roundForm($0, "<Tab><BS><BS>3<Enter>") }
        try check("round-form-help") { try roundForm($0, "?") }
    }
    /// M04 at a round where conflicts are recused: one candidate of M04's unit, one declared, and a refused mark.
    @Test func shortlistWithConflicts() throws {
        try check("shortlist-conflicts") { size in
            var s = try kiosk(size, "M04<Enter>").state
            guard case .ballot(var b) = s.screen else { throw CancellationError() }
            b.round.conflictRule = .recuse
            b.round.conflicts = [RoundConflict(memberId: "M04", candidateId: b.round.candidates[0].id, source: .unit)]
            s.screen = .ballot(b)
            return try typed(s, "j<Space>d<Up><Space>")
        }
    }
    @Test func memberPick() throws { try check("pick") { try kiosk($0, "").state } }
    @Test func shortlistWithMarks() throws { try check("shortlist") { try kiosk($0, "M04<Enter><Space>jj<Space>j").state } }
    @Test func shortlistLimitRefused() throws {
        // The demo round allows 10 marks; a ballot at its limit is built directly.
        try check("shortlist-limit") { size in
            var s = try kiosk(size, "M04<Enter>").state
            guard case .ballot(var b) = s.screen else { throw CancellationError() }
            b.round.parameters.maxSeats = 2
            s.screen = .ballot(b)
            return try typed(s, "<Space>j<Space>j<Space>")
        }
    }
    @Test func review() throws { try check("review") { try typed(try kiosk($0, "M04<Enter><Space>jj<Space>").state, "c") } }
    @Test func reviewEmpty() throws { try check("review-empty") { try typed(try kiosk($0, "M04<Enter>").state, "c") } }
    @Test func pin() throws {
        try check("pin") { size in
            let s = try typed(try kiosk(size, "M04<Enter><Space>").state, "c<Enter>2468")
            #expect(!App.view(s).lines().joined().contains("2468"))
            return s
        }
    }
    @Test func receipt() throws {
        try check("receipt") { size in
            var s = try typed(try kiosk(size, "M04<Enter><Space>").state, "c<Enter>2468<Enter>")
            _ = App.update(&s, .voting(.ballotCast(round: VotingDemo.round, member: "M04", receipt: "7KQ2-9MZX-4A1B-HT3C")))
            return s
        }
    }
    @Test func kioskClearedAfterReceipt() throws {
        try check("kiosk-cleared") { size in
            let loop = try kiosk(size, "M04<Enter><Space>")
            var s = try typed(loop.state, "c<Enter>2468<Enter>")
            _ = App.update(&s, .voting(.ballotCast(round: VotingDemo.round, member: "M04", receipt: "7KQ2-9MZX-4A1B-HT3C")))
            let effects = App.update(&s, .key(.enter))
            #expect(effects == [.voting(.loadRound(VotingDemo.round))])
            // The runtime answers the reload as it would at the kiosk.
            let reloaded = try kiosk(size, "")
            if case .memberPick(let p) = reloaded.state.screen, let r = p.round { _ = App.update(&s, .voting(.roundLoaded(r))) }
            #expect(s.stack.count == 1)
            guard case .memberPick(let p) = s.screen else { throw CancellationError() }
            #expect(p.field.value.isEmpty)
            let dump = String(reflecting: s)
            #expect(!dump.contains("7KQ2") && !dump.contains("marks") && !dump.contains("2468"))
            return s
        }
    }
    @Test func result() throws {
        try check("result") { size in
            let info = try VotingDemo.db.roundInfo(round: VotingDemo.round)
            let ids = info.shortlist.map(\.id)
            let ballots: [[String]] = [ids.prefix(5).map { $0 }, Array(ids.prefix(4)), Array(ids.prefix(4)), Array(ids.prefix(3)),
                                       [ids[0], ids[5]], [ids[1]], [ids[0], ids[1], ids[2]]]
            let result = try Tally.count(roundId: VotingDemo.round, parameters: .selection, members: 7, present: 6,
                                         shortlist: info.shortlist, valid: ballots.map { Ballot(approvals: Set($0)) }, written: 1,
                                         fingerprints: ["0A1B-2C3D-4E5F-6G7H", "1B2C-3D4E-5F6G-7H8J", "2C3D-4E5F-6G7H-8J9K", "3D4E-5F6G-7H8J-9KAM",
                                                        "4E5F-6G7H-8J9K-AMBN", "5F6G-7H8J-9KAM-BNCP", "6G7H-8J9K-AMBN-CPDQ"])
            var s = AppState.console(session: VotingDemo.session, year: 2019, size: size)
            _ = App.update(&s, .voting(.resultLoaded(ResultData(result: result, sessionId: VotingDemo.session))))
            return s
        }
    }
    /// A tie for the last seat: the chair's casting choice with one pick, then the PIN (dots only).
    @Test func castingChoice() throws {
        func tied(_ size: Size) throws -> AppState {
            let info = try VotingDemo.db.roundInfo(round: VotingDemo.round)
            let ids = info.shortlist.map(\.id)
            // 5, 4 and 4 approvals where 4 are needed: the first is elected, the other two tie for the second seat.
            let ballots: [[String]] = [[ids[0], ids[1]], [ids[0], ids[2]], [ids[0], ids[1]], [ids[0], ids[2]],
                                       [ids[1], ids[2]], [ids[1], ids[2]], [ids[0]]]
            let result = try Tally.count(roundId: VotingDemo.round, parameters: RoundParameters(minSeats: 1, maxSeats: 2),
                                         members: 7, present: 6, shortlist: info.shortlist,
                                         valid: ballots.map { Ballot(approvals: Set($0)) }, written: 1,
                                         fingerprints: (1...7).map { "\($0)A1B-2C3D-4E5F-6G7H" })
            #expect(result.tieForSeats == 1 && result.tiedIds.count == 2)
            var s = AppState.console(session: VotingDemo.session, year: 2019, size: size)
            let chair = VoteElector(id: "M01", name: "Lê Minh Châu", role: .chair, present: true)
            _ = App.update(&s, .voting(.resultLoaded(ResultData(result: result, sessionId: VotingDemo.session, chair: chair))))
            return s
        }
        try check("casting") { try typed(try tied($0), "c<Down><Space>") }
        try check("casting-pin") { try typed(try tied($0), "c<Down><Space><Enter>2468") }
        let pin = try typed(try tied(Size(width: 120, height: 40)), "c<Down><Space><Enter>2468")
        #expect(!App.view(pin).lines().joined().contains("2468"))
    }

    @Test func english() throws {
        let loop = AppLoop(state: .console(session: VotingDemo.session, language: .en, year: 2020, size: Size(width: 120, height: 40)),
                           runner: EffectRunner(db: VotingDemo.db))
        loop.start()
        assertSnapshot(App.view(loop.state).lines(), named: "voting-console-english-120x40")
    }
}
