import DienHinhCore
@testable import DienHinhApp
import TerminalKit
import Testing

/// The council screens' `update` as a pure function: each key, the next state and the effects.
@Suite struct VotingUpdateTests {
    static func candidate(_ i: Int, eligible: Bool = true, override: String? = nil) -> VoteCandidate {
        VoteCandidate(id: "C\(i)", name: "Ứng viên \(i)", kind: .individual, unitName: "VKSND tỉnh \(i)", eligible: eligible, overrideReason: override)
    }

    static func round(maxSeats: Int = 3, status: RoundStatus = .open, voted: Set<String> = []) -> RoundSummary {
        let electors = (1...5).map { i -> VoteElector in
            let id = "M0\(i)"
            return VoteElector(id: id, name: "Thành viên \(i)", role: i == 1 ? .chair : .member, present: i != 5, voted: voted.contains(id))
        }
        return RoundSummary(id: "S2019-1-R1", sessionId: "S2019-1", year: 2019, number: 1, status: status,
                            parameters: RoundParameters(minSeats: 1, maxSeats: maxSeats), membersAtOpen: 5, presentAtOpen: 4,
                            candidates: (1...5).map { candidate($0, eligible: $0 != 4, override: $0 == 4 ? "lý do" : nil) }, electors: electors)
    }

    static let size = Size(width: 80, height: 24)

    /// A kiosk with the round loaded.
    func kiosk(_ round: RoundSummary = round()) -> AppState {
        var s = AppState.kiosk(round: round.id, year: 2020, size: Self.size)
        #expect(App.start(s) == [.voting(.loadRound(round.id))])
        _ = App.update(&s, .voting(.roundLoaded(round)))
        return s
    }

    func press(_ s: inout AppState, _ keys: String) -> [Effect] {
        var out: [Effect] = []
        for k in try! KeyScript.parse(keys) { out += App.update(&s, .key(k)) }
        return out
    }

    func ballot(_ s: AppState) -> BallotState? {
        if case .ballot(let b) = s.screen { return b }
        return nil
    }

    /// A kiosk at M02's shortlist.
    func atShortlist() -> AppState {
        var s = kiosk()
        #expect(press(&s, "M02<Enter>") == [])
        return s
    }

    @Test func levelsKeyOpensTheCouncilArea() {
        var s = AppState(year: 2020, size: Self.size)
        #expect(App.update(&s, .key(.char("v"))) == [.voting(.loadSessions), .secretariat(.loadMembers)])
        _ = App.update(&s, .voting(.sessionsLoaded([SessionRow(id: "S2019-1", year: 2019, title: "Phiên", open: true, rounds: 1)])))
        #expect(App.update(&s, .key(.enter)) == [.voting(.loadConsole(session: "S2019-1"))])
        guard case .console(let c) = s.screen else { Issue.record("not on the console"); return }
        #expect(c.sessionId == "S2019-1" && !c.standalone)
        #expect(App.view(s).lines().last!.contains("o"))
    }

    @Test func kioskLoadsTheRoundAndTakesTheYearOfTheSession() {
        let s = kiosk()
        #expect(s.year == 2019 && s.isKiosk)
        guard case .memberPick(let p) = s.screen else { Issue.record("not on pick"); return }
        #expect(p.round?.id == "S2019-1-R1")
    }

    @Test func pickByTypedIdByNumberOrByList() {
        var s = kiosk()
        _ = press(&s, "M02<Enter>")
        #expect(ballot(s)?.member.id == "M02")
        s = kiosk()
        _ = press(&s, "3<Enter>")
        #expect(ballot(s)?.member.id == "M03")
        s = kiosk()
        _ = press(&s, "<Down><Down><Enter>")
        #expect(ballot(s)?.member.id == "M03")
    }

    @Test func pickRefusesVotedAbsentAndUnknown() {
        var s = kiosk(Self.round(voted: ["M02"]))
        _ = press(&s, "M02<Enter>")
        #expect(ballot(s) == nil && s.message?.contains("đã bỏ phiếu") == true)
        _ = press(&s, "M05<Enter>")
        #expect(ballot(s) == nil && s.message?.contains("có mặt") == true)
        _ = press(&s, "M99<Enter>")
        #expect(ballot(s) == nil && s.message?.contains("M99") == true)
        s = kiosk(Self.round(status: .closed))
        _ = press(&s, "M01<Enter>")
        #expect(ballot(s) == nil && s.message?.contains("đã đóng") == true)
    }

    @Test func kioskIgnoresBrowsingAndQuitKeys() {
        var s = kiosk()
        let before = s
        #expect(press(&s, "<Esc>") == [])
        #expect(App.update(&s, .key(.char("/"))) == [] && s.search == nil)
        _ = press(&s, "M01<Enter>")
        #expect(App.update(&s, .key(.char("q"))) == [] && !s.quitting)
        #expect(App.update(&s, .key(.char("["))) == [] && s.year == 2019)
        _ = before
    }

    @Test func spaceMarksAndUnmarksWithCounter() {
        var s = atShortlist()
        _ = press(&s, "<Space>j<Space>")
        #expect(ballot(s)?.marks == ["C1", "C2"])
        #expect(App.view(s).lines().joined().contains("2/3"))
        _ = press(&s, "<Space>")
        #expect(ballot(s)?.marks == ["C1"])
    }

    @Test func markBeyondTheMaximumIsRefusedAndChangesNothing() {
        var s = atShortlist()
        _ = press(&s, "<Space>j<Space>j<Space>j")
        let before = s
        #expect(press(&s, "<Space>") == [])
        #expect(s.stack == before.stack)
        #expect(ballot(s)?.marks.count == 3)
        #expect(s.message == s.strings("ballot.limit", 3))
        #expect(App.view(s).lines().last!.contains(s.strings("ballot.limit", 3)))
    }

    @Test func enterOpensTheProfileNeverCasts() {
        var s = atShortlist()
        _ = press(&s, "jjj")
        #expect(press(&s, "<Enter>") == [.loadProfile(id: "C4", year: 2019)])
        guard case .profile = s.screen else { Issue.record("no profile"); return }
        _ = press(&s, "<Esc>")
        #expect(ballot(s)?.phase == .marking)
        // Arrows and navigation never leave the marking phase.
        _ = press(&s, "<Down><Up><PgDn><PgUp><Home><End>gG")
        #expect(ballot(s)?.phase == .marking)
    }

    @Test func overrideReasonIsShownBesideTheCandidate() {
        let s = atShortlist()
        let text = App.view(s).lines().joined(separator: "\n")
        #expect(text.contains("giới thiệu ngoại lệ: lý do"))
        #expect(text.contains("✓ Đủ tiêu chuẩn"))
    }

    @Test func castFlowReviewPinReceipt() {
        var s = atShortlist()
        _ = press(&s, "<Space>jj<Space>")
        #expect(press(&s, "c") == [])
        #expect(ballot(s)?.phase == .review)
        let review = App.view(s).lines().joined(separator: "\n")
        #expect(review.contains("Ứng viên 1") && review.contains("Ứng viên 3") && !review.contains("Ứng viên 2"))
        _ = press(&s, "<Esc>")
        #expect(ballot(s)?.phase == .marking && ballot(s)?.marks == ["C1", "C3"])
        _ = press(&s, "<F5><Enter>")
        guard case .pin = ballot(s)?.phase else { Issue.record("no PIN field"); return }
        _ = press(&s, "s3cr3t-PIN")
        let screen = App.view(s).lines()
        #expect(!screen.joined().contains("s3cr3t"))
        #expect(screen.joined().contains("••••••••••"))
        let effects = press(&s, "<Enter>")
        #expect(effects == [.voting(.cast(round: "S2019-1-R1", member: "M02", pin: "s3cr3t-PIN", approvals: ["C1", "C3"]))])
        #expect(!"\(effects)".contains("s3cr3t"))
        // The PIN is gone from the state the moment it is submitted.
        #expect(!String(reflecting: s).contains("s3cr3t"))
        #expect(ballot(s)?.phase == .submitting)
        _ = App.update(&s, .voting(.ballotCast(round: "S2019-1-R1", member: "M02", receipt: "ABCD-EFGH-JKMN-PQRS")))
        #expect(ballot(s)?.phase == .receipt("ABCD-EFGH-JKMN-PQRS"))
        #expect(ballot(s)?.marks == [])
        let receipt = App.view(s).lines().joined(separator: "\n")
        #expect(receipt.contains("A B C D - E F G H - J K M N - P Q R S"))
        #expect(!receipt.contains("s3cr3t"))
    }

    @Test func emptyBallotWarnsInReview() {
        var s = atShortlist()
        _ = press(&s, "c")
        #expect(App.view(s).lines().joined().contains(s.strings("ballot.no_approvals")))
    }

    @Test func wrongPINAsksAgainNothingCast() {
        var s = atShortlist()
        _ = press(&s, "<Space>c<Enter>bad<Enter>")
        _ = App.update(&s, .voting(.refused(VotingFailure(.wrongPIN, key: "vote.wrong_pin"))))
        #expect(ballot(s)?.phase == .pin(TextField()))
        #expect(ballot(s)?.marks == ["C1"])
        #expect(App.view(s).lines().joined().contains(s.strings("vote.wrong_pin")))
    }

    @Test func alreadyVotedAndClosedRoundAreShownInTheReview() {
        var s = atShortlist()
        _ = press(&s, "<Space>c<Enter>pin<Enter>")
        _ = App.update(&s, .voting(.refused(VotingFailure(.alreadyVoted, key: "vote.already_voted", args: ["M02", "S2019-1-R1"]))))
        #expect(ballot(s)?.phase == .review)
        #expect(App.view(s).lines().joined().contains("M02 đã bỏ phiếu"))
        _ = press(&s, "<Enter>pin<Enter>")
        _ = App.update(&s, .voting(.refused(VotingFailure(.roundClosed, key: "vote.round_closed", args: ["S2019-1-R1"]))))
        #expect(ballot(s)?.round.status == .closed)
        _ = press(&s, "<Esc>")
        #expect(press(&s, "c") == [] && ballot(s)?.phase == .marking)
    }

    @Test func kioskResetClearsEverything() {
        var s = atShortlist()
        _ = press(&s, "<Space>j<Space>c<Enter>1234<Enter>")
        _ = App.update(&s, .voting(.ballotCast(round: "S2019-1-R1", member: "M02", receipt: "ABCD-EFGH-JKMN-PQRS")))
        #expect(press(&s, "x") == [])
        #expect(press(&s, "<Enter>") == [.voting(.loadRound("S2019-1-R1"))])
        #expect(s.stack == [.memberPick(MemberPickState(roundId: "S2019-1-R1", kiosk: true))])
        let dump = String(reflecting: s)
        #expect(!dump.contains("ABCD") && !dump.contains("C1\"") && !dump.contains("1234"))
        _ = App.update(&s, .voting(.roundLoaded(Self.round(voted: ["M02"]))))
        let text = App.view(s).lines().joined(separator: "\n")
        #expect(!text.contains("ABCD") && !text.contains("[✓]") && !text.contains("Ứng viên"))
    }

    @Test func escapeFromShortlistForgetsTheMarks() {
        var s = atShortlist()
        _ = press(&s, "<Space>")
        _ = press(&s, "<Esc>")
        guard case .memberPick = s.screen else { Issue.record("not back at pick"); return }
        _ = press(&s, "M02<Enter>")
        #expect(ballot(s)?.marks == [])
    }

    // MARK: Console

    static func consoleData(round: RoundSummary? = round(voted: ["M01"])) -> ConsoleData {
        ConsoleData(session: SessionRow(id: "S2019-1", year: 2019, title: "Phiên họp", open: true, rounds: round == nil ? 0 : 1),
                    members: (1...5).map { VoteElector(id: "M0\($0)", name: "Thành viên \($0)", role: $0 == 1 ? .chair : .member, present: $0 != 5) },
                    present: 4, quorumRequired: 4, quorumMet: true, round: round)
    }

    func console(_ data: ConsoleData = consoleData()) -> AppState {
        var s = AppState.console(session: "S2019-1", year: 2020, size: Self.size)
        #expect(App.start(s) == [.voting(.loadConsole(session: "S2019-1"))])
        _ = App.update(&s, .voting(.consoleLoaded(data)))
        return s
    }

    @Test func consoleShowsQuorumParametersAndWhoVoted() {
        let s = console()
        let text = App.view(s).lines().joined(separator: "\n")
        #expect(text.contains("4/5 có mặt — đủ 2/3 (4)"))
        #expect(text.contains("cần ít nhất 3 phiếu đồng ý"))
        #expect(text.contains("Đã bỏ phiếu: 1/5"))
        #expect(text.contains("✓ đã bỏ phiếu"))
    }

    @Test func consoleTicksPollForChanges() {
        var s = console()
        #expect(VotingScreens.wantsTicks(s))
        #expect(App.update(&s, .tick) == [.voting(.ifChanged(.loadConsole(session: "S2019-1")))])
        var updated = Self.consoleData(round: Self.round(voted: ["M01", "M03"]))
        updated.present = 4
        _ = App.update(&s, .voting(.consoleLoaded(updated)))
        #expect(App.view(s).lines().joined().contains("Đã bỏ phiếu: 2/5"))
        // Screens without live data do not poll.
        var plain = AppState(year: 2020, size: Self.size)
        #expect(!VotingScreens.wantsTicks(plain) && App.update(&plain, .tick) == [])
    }

    @Test func consoleCloseNeedsConfirmation() {
        var s = console()
        #expect(press(&s, "x") == [])
        guard case .console(let c) = s.screen else { return }
        #expect(c.confirm == .closeRound("S2019-1-R1"))
        #expect(App.view(s).lines().joined().contains("Đóng vòng S2019-1-R1"))
        #expect(press(&s, "n") == [])
        #expect(press(&s, "x") == [])
        // Yes asks for the chair's PIN; only the PIN sends anything. Members present who have not voted are named.
        #expect(press(&s, "y") == [])
        #expect(App.view(s).lines().joined().contains("Còn 3 thành viên có mặt chưa"))
        #expect(press(&s, "24") == [])
        #expect(!App.view(s).lines().joined().contains("24"))
        #expect(press(&s, "68<Enter>") == [.voting(.closeRound("S2019-1-R1", chair: "M01", pin: "2468"))])
        guard case .console(let after) = s.screen else { return }
        #expect(after.pin == nil && after.confirm == nil)
    }

    @Test func consoleCloseGivesUpWithoutThePIN() {
        var s = console()
        _ = press(&s, "xy")
        #expect(press(&s, "12<Esc>") == [])
        guard case .console(let c) = s.screen else { return }
        #expect(c.confirm == nil && c.pin == nil)
    }

    @Test func consoleOpenNeedsConfirmationAndNoOpenRound() {
        var s = console()
        _ = press(&s, "o")
        #expect(s.message == s.strings("round.already_open", "S2019-1-R1"))
        s = console(Self.consoleData(round: nil))
        _ = press(&s, "o")
        #expect(press(&s, "<Esc>") == [])
        _ = press(&s, "o")
        #expect(press(&s, "<Enter>") == [])
        #expect(press(&s, "1234<Enter>") == [.voting(.openRound(session: "S2019-1", chair: "M01", pin: "1234"))])
        _ = App.update(&s, .voting(.roundOpened("S2019-1-R1")))
        #expect(s.message == s.strings("console.round_opened", "S2019-1-R1"))
    }

    @Test func consoleVoteHereThenBackToTheConsole() {
        var s = console()
        #expect(press(&s, "b") == [.voting(.loadRound("S2019-1-R1"))])
        _ = App.update(&s, .voting(.roundLoaded(Self.round())))
        _ = press(&s, "M03<Enter><Space>c<Enter>pin<Enter>")
        _ = App.update(&s, .voting(.ballotCast(round: "S2019-1-R1", member: "M03", receipt: "R")))
        #expect(press(&s, "<Enter>") == [.voting(.loadConsole(session: "S2019-1"))])
        #expect(s.stack.count == 1)
    }

    // MARK: Result

    static func resultData(tie: Bool = false) throws -> ResultData {
        let shortlist = (1...4).map { ShortlistEntry(id: "C\($0)", name: "Ứng viên \($0)", kind: .individual, unitCode: "U\($0)") }
        let ballots = tie ? [["C1", "C2"], ["C1", "C2"], ["C1", "C3"], ["C1", "C3"], ["C2", "C3"]]
                          : [["C1"], ["C1", "C2"], ["C1", "C2"], ["C1"], ["C4"]]
        let result = try Tally.count(roundId: "S2019-1-R1", parameters: RoundParameters(minSeats: 1, maxSeats: 2),
                                     members: 5, present: 4, shortlist: shortlist, valid: ballots.map { Ballot(approvals: Set($0)) },
                                     written: 1, fingerprints: (1...5).map { "FP\($0)-AAAA-BBBB-CCCC" })
        return ResultData(result: result, sessionId: "S2019-1")
    }

    @Test func resultRunoffNeedsConfirmation() throws {
        var s = console()
        var data = try Self.resultData(tie: true)
        data.chair = Self.chair
        _ = App.update(&s, .voting(.roundClosed(data)))
        guard case .roundResult = s.screen else { Issue.record("no result"); return }
        let text = App.view(s).lines().joined(separator: "\n")
        #expect(text.contains("Hoà phiếu cho 1 ghế"))
        #expect(press(&s, "n") == [])
        #expect(press(&s, "y") == [])
        #expect(press(&s, "2468<Enter>") == [.voting(.openRunoff(session: "S2019-1", previous: "S2019-1-R1", chair: "M01", pin: "2468"))])
        _ = App.update(&s, .voting(.roundOpened("S2019-1-R2")))
        guard case .console = s.screen else { Issue.record("not back at the console"); return }
    }

    static let chair = VoteElector(id: "M01", name: "Chủ tịch", role: .chair, present: true)

    @Test func castingChoicePicksExactlyTheSeatsThenSignsWithThePIN() throws {
        var s = console()
        var data = try Self.resultData(tie: true)
        data.chair = Self.chair
        _ = App.update(&s, .voting(.roundClosed(data)))
        let tied = data.result.tiedIds
        #expect(data.result.tieForSeats == 1 && tied.count == 2)
        #expect(press(&s, "c") == [])
        guard case .roundResult(let r) = s.screen, r.casting != nil else { Issue.record("no casting choice"); return }
        // Enter before picking, and a second pick for one seat, are refused.
        #expect(press(&s, "<Enter>") == [] && s.message == s.strings("casting.choose", 1))
        _ = press(&s, "<Space>j<Space>")
        #expect(s.message == s.strings("casting.too_many", 1))
        _ = press(&s, "k<Space>j<Space>")
        guard case .roundResult(let picked) = s.screen else { return }
        #expect(picked.casting?.chosen == [tied[1]])
        _ = press(&s, "<Enter>")
        let effects = press(&s, "2468<Enter>")
        #expect(effects == [.voting(.resolveTie(round: "S2019-1-R1", chair: "M01", pin: "2468", chosen: [tied[1]]))])
        // The PIN is gone from the state the moment it is sent, and never printed.
        #expect(!String(reflecting: s).contains("2468"))
        #expect(!"\(effects)".contains("2468"))
        // A wrong PIN: said so, the picks kept, the PIN asked again.
        _ = App.update(&s, .voting(.refused(VotingFailure(.wrongPIN, key: "vote.wrong_pin"))))
        guard case .roundResult(let refused) = s.screen, let c = refused.casting else { Issue.record("casting lost"); return }
        #expect(c.failure?.kind == .wrongPIN && c.chosen == [tied[1]] && c.pin?.value == "" && !c.submitting)
        #expect(App.view(s).lines().joined().contains(s.strings("vote.wrong_pin")))
        // Recorded: the result as it now stands replaces the screen.
        var resolved = data
        resolved.result = try data.result.resolvingTie(chosen: [tied[1]], chair: "M01")
        _ = App.update(&s, .voting(.tieResolved(resolved)))
        guard case .roundResult(let done) = s.screen else { Issue.record("no result"); return }
        #expect(done.casting == nil && done.data.result.castingChoice?.chosen == [tied[1]])
        #expect(s.message == s.strings("casting.recorded", "S2019-1-R1"))
        #expect(press(&s, "c") == [] && s.message == s.strings("casting.not_open"))
    }

    @Test func castingChoiceNeedsATieAChairAndNoRunoff() throws {
        var s = console()
        _ = App.update(&s, .voting(.resultLoaded(try Self.resultData())))
        #expect(press(&s, "c") == [] && s.message == s.strings("casting.not_open"))
        s = console()
        _ = App.update(&s, .voting(.resultLoaded(try Self.resultData(tie: true))))
        #expect(press(&s, "c") == [] && s.message == s.strings("casting.no_chair"))
        var followed = try Self.resultData(tie: true)
        followed.chair = Self.chair
        followed.followedBy = "S2019-1-R2"
        s = console()
        _ = App.update(&s, .voting(.resultLoaded(followed)))
        #expect(press(&s, "c") == [] && s.message == s.strings("casting.not_open"))
        // Esc gives the choice up and shows the result again.
        followed.followedBy = nil
        s = console()
        _ = App.update(&s, .voting(.resultLoaded(followed)))
        _ = press(&s, "c<Space><Esc>")
        guard case .roundResult(let r) = s.screen else { Issue.record("left the result"); return }
        #expect(r.casting == nil)
    }

    @Test func resultDoneRefusesRunoffAndScrollsFingerprints() throws {
        var s = console()
        _ = App.update(&s, .voting(.resultLoaded(try Self.resultData())))
        #expect(press(&s, "n") == [] && s.message == s.strings("result.nothing_next"))
        #expect(App.view(s).lines().joined().contains("FP1-AAAA"))
        _ = press(&s, "jj")
        guard case .roundResult(let r) = s.screen else { return }
        #expect(r.fingerprintScroll == 2)
        #expect(!App.view(s).lines().joined().contains("FP1-AAAA"))
        _ = press(&s, "<Esc>")
        guard case .console = s.screen else { Issue.record("Esc did not go back"); return }
    }

    @Test func consoleResultAndVoteKeysFollowTheRoundStatus() {
        var s = console()
        #expect(press(&s, "r") == [] && s.message == s.strings("console.no_result"))
        s = console(Self.consoleData(round: Self.round(status: .closed)))
        #expect(press(&s, "r") == [.voting(.loadResult("S2019-1-R1"))])
        #expect(press(&s, "b") == [] && s.message == s.strings("console.no_open_round"))
        #expect(press(&s, "x") == [] && s.message == s.strings("console.no_open_round"))
        #expect(press(&s, "l") == [.voting(.loadConsole(session: "S2019-1"))])
    }

    @Test func helpListsTheKeysOfEachVotingScreen() {
        var s = atShortlist()
        _ = press(&s, "?")
        let help = App.view(s).lines().joined(separator: "\n")
        #expect(help.contains("Space") && help.contains("c F5") && help.contains(s.strings("key.cast")))
        _ = press(&s, "<Esc>")
        #expect(!s.showHelp)
        var c = console()
        _ = press(&c, "?")
        #expect(App.view(c).lines().joined().contains(c.strings("key.close_round")))
    }
}
