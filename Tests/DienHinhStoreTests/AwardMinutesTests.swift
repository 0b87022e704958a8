import DienHinhCore
import DienHinhResources
@testable import DienHinhStore
import Foundation
import Testing

/// The count minutes of a round opened for an award cite the award and the article of its vote rule, as the
/// period's rule set states them (issue 21); a round of the plan's own vote cites nothing.
@Suite struct AwardMinutesTests {
    static let unverified = "Căn cứ khoản 1 Điều 16 Thông tư số 01/2019/TT-VKSTC (chưa xác minh), "
        + "Hội đồng bỏ phiếu xét tặng Chiến sỹ thi đua ngành Kiểm sát nhân dân."

    /// A closed round of 7 members over two candidates proposed for CSTD_NGANH (2019: the 2017–2023 rules, whose vote
    /// rule rests on Thông tư 01/2019 Điều 16 khoản 1, marked unconfirmed).
    static func awardRound() throws -> (VotingFixture, String) {
        let f = try VotingFixture.make(memberCount: 7)
        for id in f.candidates.prefix(2) { _ = try f.db.propose(candidateId: id, award: .CSTD_NGANH, year: VotingFixture.year) }
        let round = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 2), award: "CSTD_NGANH",
                                       by: f.chairSigner)
        for m in f.members { _ = try f.vote(round, m.id, [f.candidates[0]]) }
        _ = try f.db.closeRound(round: round, by: f.chairSigner)
        return (f, round)
    }

    @Test func theMinutesOfAnAwardRoundCiteTheVoteRuleInEveryForm() throws {
        let (f, round) = try Self.awardRound()
        let builder = ReportBuilder(db: f.db, strings: vi, today: "2019-11-20")
        let m = try builder.minutes(round: round)
        #expect(m.basis == Self.unverified)
        #expect(m.markdown().contains("- " + Self.unverified))
        #expect(m.csv().contains(Self.unverified))
        let roundSection = try #require(m.document().sections.first)
        #expect(roundSection.lines.last == Self.unverified)
        // The Word minutes: the citation is its own paragraph of the round's section, not run into the figures.
        let (doc, frame) = OfficialDocuments(builder: builder).countMinutes(m)
        #expect(doc.sections.first?.lines.last == Self.unverified)
        #expect(DocxWriter.documentXML(doc, frame: frame).contains(DocxWriter.esc(Self.unverified)))
        // In English the wording and the document's title are English; the article is the text's own.
        let english = try ReportBuilder(db: f.db, strings: en, today: "2019-11-20").minutes(round: round)
        #expect(english.basis == "Under khoản 1 Điều 16 Circular 01/2019/TT-VKSTC (not verified), the council votes on "
            + en("award.CSTD_NGANH") + ".")
    }

    @Test func aRoundOfThePlansOwnVoteCitesNothing() throws {
        let f = try VotingFixture.make(memberCount: 5)
        let round = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 2), by: f.chairSigner)
        for m in f.members { _ = try f.vote(round, m.id, [f.candidates[0]]) }
        _ = try f.db.closeRound(round: round, by: f.chairSigner)
        let m = try ReportBuilder(db: f.db, strings: vi, today: "2019-11-20").minutes(round: round)
        #expect(m.basis == nil)
        #expect(!m.markdown().contains("Căn cứ"))
    }

    /// The 2024 rules' vote for CSTĐ cơ sở rests on Nghị định 98/2023 Điều 30 khoản 7, confirmed: cited smallest part
    /// first, with no mark. A clause with a point is cited point first; an unconfirmed document marks the citation.
    @Test func theCitationRunsFromTheSmallestPartAndMarksOnlyWhatIsUnconfirmed() throws {
        let set = try #require(AwardRuleBook.shipped.ruleSet(period: "2024"))
        let award = RoundAward(award: "CSTD_CS", period: "2024", article: "Điều 30 khoản 7", document: "ND98_2023", confirmed: true)
        #expect(CountMinutes.basis(award, in: set, strings: vi)
            == "Căn cứ khoản 7 Điều 30 Nghị định số 98/2023/NĐ-CP, Hội đồng bỏ phiếu xét tặng Chiến sỹ thi đua cơ sở.")
        var pointed = set
        let i = try #require(pointed.rules.firstIndex { $0.award == "CSTD_CS" && $0.kind == .individual })
        pointed.rules[i].vote?.source = LegalSource(document: "ND98_2023", article: "Điều 30", clause: "khoản 7, điểm b")
        #expect(CountMinutes.basis(award, in: pointed, strings: vi).hasPrefix("Căn cứ điểm b khoản 7 Điều 30 Nghị định số 98/2023/NĐ-CP, "))
        pointed.documents["ND98_2023"]?.confirmed = false
        #expect(CountMinutes.basis(award, in: pointed, strings: vi).hasPrefix("Căn cứ điểm b khoản 7 Điều 30 Nghị định số 98/2023/NĐ-CP (chưa xác minh), "))
        // A rule set that no longer holds the rule: the article the round recorded, and unverified.
        #expect(CountMinutes.basis(award, in: nil, strings: vi) == "Căn cứ Điều 30 khoản 7 ND98_2023 (chưa xác minh), "
            + "Hội đồng bỏ phiếu xét tặng Chiến sỹ thi đua cơ sở.")
    }
}
