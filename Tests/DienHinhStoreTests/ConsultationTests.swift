import DienHinhCore
@testable import DienHinhStore
import Foundation
import Testing

/// Public consultation before the vote and rounds that take their threshold from the rule set (issue 17).
@Suite struct ConsultationTests {
    static func day(_ offset: Int) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date().addingTimeInterval(Double(offset) * 86_400))
    }

    @Test func aRoundWaitsForThePostingToEndAndEveryObjectionToBeSettled() throws {
        let f = try VotingFixture.make()
        let y = VotingFixture.year
        // A nominee also proposed for the Labour Order, which the 2017–2023 rules post for public comment.
        _ = try f.db.propose(candidateId: f.candidates[0], award: .HCLD, year: y)
        guard case .consultationPending(let blocks)? = refusal({ _ = try f.db.openRound(session: f.session, by: f.chairSigner) }) else {
            Issue.record("the round opened without a posting"); return
        }
        #expect(blocks.count == 1)
        if case .notPosted(let who, .HCLD) = blocks[0] { #expect(who.contains(f.candidates[0])) } else { Issue.record("\(blocks)") }
        #expect(try f.count("round") == 0)

        let running = try f.db.postConsultation(candidateId: f.candidates[0], award: .HCLD, year: y, start: Self.day(-3), end: Self.day(0),
                                                channel: "Cổng thông tin điện tử VKSND tối cao")
        guard case .consultationPending(let still)? = refusal({ _ = try f.db.openRound(session: f.session, by: f.chairSigner) }) else {
            Issue.record("opened while still posted"); return
        }
        #expect(still == [.stillPosted(who: "Ứng viên 1 (\(f.candidates[0]))", award: .HCLD, end: Self.day(0))])
        _ = running

        let ended = try f.db.postConsultation(candidateId: f.candidates[0], award: .HCLD, year: y, start: Self.day(-15), end: Self.day(-1),
                                              channel: "Báo Bảo vệ pháp luật")
        let objection = try f.db.recordObjection(consultation: ended, from: "Một công dân", text: "Xin xác minh thành tích năm 2018",
                                                 received: Self.day(-5))
        // The latest posting (ending today) still runs; drop it as a secretary would re-post, by the earlier one only.
        try f.db.write { try $0.execute(sql: "DELETE FROM consultation WHERE id = ?", arguments: [running]) }
        guard case .consultationPending(let open)? = refusal({ _ = try f.db.openRound(session: f.session, by: f.chairSigner) }) else {
            Issue.record("opened with an objection open"); return
        }
        #expect(open == [.objectionsOpen(who: "Ứng viên 1 (\(f.candidates[0]))", award: .HCLD, count: 1)])
        #expect(open[0].message.key == "consultation.block.objections")

        try f.db.resolveObjection(objection, resolution: "Đã xác minh: đúng thành tích")
        #expect(throws: ConsultationError.alreadyResolved(objection)) { try f.db.resolveObjection(objection, resolution: "lần nữa") }
        let round = try f.db.openRound(session: f.session, by: f.chairSigner)
        #expect(!round.isEmpty)
        let actions = try f.db.read { try String.fetchAll($0, sql: "SELECT action FROM audit_log") }
        for a in ["consultation.post", "consultation.objection", "consultation.resolve"] { #expect(actions.contains(a)) }
    }

    @Test func aPostingNeedsAProposalWhoseAwardAsksForIt() throws {
        let f = try VotingFixture.make()
        #expect(throws: ConsultationError.noProposal(candidate: f.candidates[1], award: "HCLD", year: 2019)) {
            try f.db.postConsultation(candidateId: f.candidates[1], award: .HCLD, year: 2019, start: "2019-10-01", end: "2019-10-15", channel: "Cổng")
        }
        _ = try f.db.propose(candidateId: f.candidates[1], award: .BK_VKSTC, year: 2019)
        #expect(throws: ConsultationError.notRequired(award: "BK_VKSTC", year: 2019)) {
            try f.db.postConsultation(candidateId: f.candidates[1], award: .BK_VKSTC, year: 2019, start: "2019-10-01", end: "2019-10-15", channel: "Cổng")
        }
        _ = try f.db.propose(candidateId: f.candidates[1], award: .HCLD, year: 2019)
        #expect(throws: ConsultationError.badDates(start: "2019-10-15", end: "2019-10-01")) {
            try f.db.postConsultation(candidateId: f.candidates[1], award: .HCLD, year: 2019, start: "2019-10-15", end: "2019-10-01", channel: "Cổng")
        }
    }

    @Test func aRoundForAnAwardTakesItsThresholdFromTheRulesAndRecordsTheArticle() throws {
        let f = try VotingFixture.make(memberCount: 7)
        _ = try f.db.propose(candidateId: f.candidates[2], award: .CSTD_NGANH, year: 2019)
        _ = try f.db.propose(candidateId: f.candidates[3], award: .CSTD_NGANH, year: 2019)
        // Typed parameters ask more than 50%; the award's rule (at least 90% of all members) wins.
        let round = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 2), award: "CSTD_NGANH",
                                       by: f.chairSigner)
        let info = try f.db.roundInfo(round: round)
        #expect(info.parameters.threshold == Fraction(9, 10))
        #expect(info.parameters.strictlyMore == false)
        #expect(info.parameters.base == .members)
        #expect(Set(info.shortlist.map(\.id)) == [f.candidates[2], f.candidates[3]])
        #expect(info.parameters.requiredApprovals(members: 7, present: 7) == 7)
        let award = try #require(try f.db.roundAward(round: round))
        #expect(award.award == "CSTD_NGANH")
        #expect(award.period == "2017-2023")
        #expect(award.article.hasPrefix("Điều"))
        #expect(refusal({ _ = try f.db.openRound(session: f.session, award: "DOAN_THE", by: f.chairSigner) }) == .noVoteRule(award: "DOAN_THE", year: 2019))
    }
}
