import DienHinhCore
@testable import DienHinhApp
import TerminalKit
import Testing

/// The console's round parameters form (`P`) and conflicts of interest on the ballot (issue 19), key by key.
@Suite struct RoundFormTests {
    let t = VotingUpdateTests()

    func form(_ s: AppState) -> RoundForm? {
        if case .console(let c) = s.screen { return c.form }
        return nil
    }

    func consoleWithoutRound() -> AppState { t.console(VotingUpdateTests.consoleData(round: nil)) }

    @Test func theFormReadsAsTheCommandLineThenTheChairSigns() {
        var s = consoleWithoutRound()
        #expect(t.press(&s, "P") == [.voting(.loadShortlist(year: 2019))])
        _ = App.update(&s, .voting(.shortlistLoaded(year: 2019, (1...3).map { VotingUpdateTests.candidate($0) })))
        #expect(form(s)?.shortlist?.count == 3)
        // Seats 5 to 2: refused with the store's words, nothing asked yet.
        #expect(t.press(&s, "<Tab><BS><BS>2x<Enter>") == [])
        #expect(form(s)?.maxSeats.value == "2")
        #expect(form(s)?.problem?.text(s.strings).contains("số ghế tối thiểu (5) lớn hơn số ghế tối đa (2)") == true)
        // Seats 1 to 2, at least 2/3 of those present, conflicts recused.
        _ = t.press(&s, "<BackTab><BS>1<Tab><Tab><Ctrl-U>2/3<Tab><Space><Tab><Right><Tab><Space>")
        guard let f = form(s) else { Issue.record("the form closed"); return }
        #expect(f.base == .present && f.atLeast && f.conflicts == .recuse)
        let text = App.view(s).lines().joined(separator: "\n")
        #expect(text.contains("Xin 2 ghế") == false)
        #expect(text.contains("3 người được giới thiệu năm 2019"))
        #expect(t.press(&s, "<Enter>") == [])
        guard case .console(let c) = s.screen else { return }
        #expect(c.form == nil && c.confirm == .openRound)
        #expect(App.view(s).lines().joined().contains("Xung đột lợi ích: không được chọn người"))
        _ = t.press(&s, "y")
        let p = RoundParameters(minSeats: 1, maxSeats: 2, threshold: Fraction(parsing: "2/3")!, base: .present, strictlyMore: false)
        #expect(t.press(&s, "1234<Enter>") == [.voting(.openRound(session: "S2019-1", chair: "M01", pin: "1234", parameters: p, conflicts: .recuse))])
    }

    @Test func escGivesUpTheFormAndAnUnreadableThresholdIsSaid() {
        var s = consoleWithoutRound()
        _ = t.press(&s, "P<Tab><Tab><Ctrl-U>1//2<Enter>")
        #expect(form(s)?.problem?.text(s.strings).contains("Ngưỡng \"1//2\" không hợp lệ") == true)
        #expect(t.press(&s, "<Esc>") == [])
        guard case .console(let c) = s.screen else { return }
        #expect(c.form == nil && c.confirm == nil && c.parameters == .selection)
        // Not while a round is open.
        var open = t.console()
        #expect(t.press(&open, "P") == [])
        #expect(open.message == open.strings("round.already_open", "S2019-1-R1"))
    }

    @Test func helpOnTheFormListsItsKeys() {
        var s = consoleWithoutRound()
        _ = t.press(&s, "P?")
        #expect(s.showHelp)
        let text = App.view(s).lines().joined(separator: "\n")
        #expect(text.contains("dùng tham số này") && text.contains("đổi lựa chọn"))
    }

    /// M02 at a round whose rule is `recuse`, in conflict with C1 by unit.
    func recusedBallot(rule: ConflictRule = .recuse) -> AppState {
        var round = VotingUpdateTests.round()
        round.conflictRule = rule
        round.conflicts = [RoundConflict(memberId: "M02", candidateId: "C1", source: .unit),
                           RoundConflict(memberId: "M03", candidateId: "C2", source: .declared)]
        var s = t.kiosk(round)
        _ = t.press(&s, "M02<Enter>")
        return s
    }

    @Test func theKioskRefusesARecusedMarkAndSaysWhy() {
        var s = recusedBallot()
        #expect(t.press(&s, "<Space>") == [])
        #expect(t.ballot(s)?.marks == [])
        #expect(s.message == s.strings("ballot.recused", "Ứng viên 1"))
        let text = App.view(s).lines().joined(separator: "\n")
        #expect(text.contains("[—] 1. Ứng viên 1") && text.contains("⛔ không được chọn: cùng đơn vị"))
        // Another member's conflict is not M02's.
        #expect(!text.contains("tự khai"))
    }

    @Test func underFlagTheMarkIsMadeAndTheFlagShown() {
        var s = recusedBallot(rule: .flag)
        _ = t.press(&s, "<Space>")
        #expect(t.ballot(s)?.marks == ["C1"])
        #expect(App.view(s).lines().joined().contains("⚑ xung đột: cùng đơn vị"))
    }

    @Test func aDeclarationTakesTheMarkAwayAndGoesWithTheBallot() {
        var s = recusedBallot()
        _ = t.press(&s, "j<Space>")
        #expect(t.ballot(s)?.marks == ["C2"])
        _ = t.press(&s, "d")
        #expect(t.ballot(s)?.marks == [] && t.ballot(s)?.declared == ["C2"])
        #expect(s.message == s.strings("ballot.declared_unmarked", "Ứng viên 2"))
        #expect(t.press(&s, "<Space>") == [])
        #expect(t.ballot(s)?.marks == [])
        // Undone before the ballot, then declared again; a recorded conflict cannot be undone here.
        _ = t.press(&s, "dd")
        _ = t.press(&s, "k")
        _ = t.press(&s, "d")
        #expect(s.message == s.strings("ballot.conflict_recorded", "Ứng viên 1"))
        _ = t.press(&s, "jj<Space>c")
        #expect(App.view(s).lines().joined().contains("Khai xung đột lợi ích: Ứng viên 2"))
        #expect(t.press(&s, "<Enter>2468<Enter>")
            == [.voting(.cast(round: "S2019-1-R1", member: "M02", pin: "2468", approvals: ["C3"], declared: ["C2"]))])
    }

    @Test func theConsoleFlagsAConflictedMember() {
        var round = VotingUpdateTests.round(voted: ["M01"])
        round.conflictRule = .recuse
        round.conflicts = [RoundConflict(memberId: "M03", candidateId: "C1", source: .unit),
                           RoundConflict(memberId: "M03", candidateId: "C2", source: .unit)]
        let s = t.console(VotingUpdateTests.consoleData(round: round))
        let lines = App.view(s).lines()
        #expect(lines.contains { $0.contains("Thành viên 3") && $0.contains("⛔ 2") })
        #expect(!lines.contains { $0.contains("Thành viên 4") && $0.contains("⛔") })
        #expect(lines.joined().contains("Xung đột lợi ích: không được chọn người có xung đột"))
    }
}
