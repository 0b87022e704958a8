import DienHinhCore
import DienHinhDemo
@testable import DienHinhStore
import Foundation
import Testing

@Suite struct PlanStoreTests {
    static let demo: AppDatabase = try! makeDatabase(demo: .small)

    @Test func registrationsOnTimeLateAndMissing() throws {
        let db = try makeDatabase(demo: .small)
        let onTime = try db.register(candidateId: "TT-40-00", date: "2017-05-20", planText: "Bồi dưỡng trở thành lá cờ đầu",
                                     milestones: [Milestone(date: "2018-06-11", text: "Sơ kết"), Milestone(date: "2017-12-01", text: "Đánh giá")])
        #expect(onTime.timing == .onTime)
        let late = try db.register(candidateId: "CN-40-0001", date: "2017-06-02", planText: nil, milestones: [])
        #expect(late.timing == .late)
        let list = try db.registrations(unit: "VKST.40")
        #expect(list.map(\.registration.candidateId) == ["TT-40-00", "CN-40-0001"])
        #expect(list[0].registration.milestones.map(\.date) == ["2017-12-01", "2018-06-11"])
        #expect(list[0].registration.planText == "Bồi dưỡng trở thành lá cờ đầu")
        // Re-registering replaces the date and the milestones.
        try db.register(candidateId: "TT-40-00", date: "2017-05-03", planText: nil, milestones: [])
        #expect(try db.registrations(unit: "VKST.40")[0].registration.milestones.isEmpty)
        let rollup = try db.registrationRollup()
        let nghean = try #require(rollup.first { $0.unit.code == "VKST.40" })
        #expect(nghean.collectives == 1 && nghean.individuals == 1 && nghean.late == 1 && !nghean.missing)
        #expect(rollup.first { $0.unit.code == "VKST.17" }?.missing == true)
        #expect(rollup.filter(\.missing).count == rollup.count - 1)
        #expect(throws: StoreError.self) { try db.register(candidateId: "NO-SUCH", date: "2017-05-01", planText: nil, milestones: []) }
    }

    @Test func checklistPerUnitAndSector() throws {
        let db = try makeDatabase()
        try db.markActivityDone("p1.plan", unit: "VKST.40", date: "2017-03-15")
        try db.markActivityDone("p1.publish", unit: "VKSTC.V16", date: "2017-12-20")
        let unit = try db.checklist(unit: "VKST.40")
        #expect(unit.first { $0.activity.id == "p1.plan" }?.doneDate == "2017-03-15")
        #expect(unit.first { $0.activity.id == "p1.select" }?.doneDate == nil)
        let sector = try db.checklist(unit: nil)
        let plan = try #require(sector.first { $0.activity.id == "p1.plan" })
        #expect(plan.unitsDone == 1 && plan.unitsTotal > 700)
        #expect(sector.first { $0.activity.id == "p1.publish" }?.doneDate == "2017-12-20")
        #expect(throws: StoreError.self) { try db.markActivityDone("p9.nothing", unit: "VKST.40", date: "2017-01-01") }
        #expect(PlanDefinition.standard.activities.count >= 12)
        #expect(Set(PlanDefinition.standard.activities.map(\.phase)) == [1, 2, 3])
    }

    @Test func proposalsAndTargetOnDemoData() throws {
        let db = try makeDatabase(demo: .small)
        let before = try db.ahldProgress(year: 2020, limit: 5)
        #expect(before.count == 0 && before.target == 2)
        #expect(before.closest.count == 5)
        // The ranking is by score, highest first, and every entry says why in words.
        #expect(before.closest.map(\.score) == before.closest.map(\.score).sorted(by: >))
        #expect(before.closest.allSatisfy { !$0.factors.isEmpty && $0.candidate.kind == .collective })
        let top = before.closest[0]
        #expect(!PlanText.why(top, vi).isEmpty)
        #expect(PlanText.why(top, vi).contains("Huân chương") || PlanText.why(top, vi).contains("Cờ"))

        try db.propose(candidateId: top.candidate.id, award: .AHLD, year: 2020)
        try db.propose(candidateId: before.closest[1].candidate.id, award: .AHLD, year: 2019, outcome: .rejected)
        var after = try db.ahldProgress(year: 2020)
        #expect(after.count == 1 && after.rejected.count == 1 && !after.met)
        // The closest list puts collectives not yet proposed first.
        #expect(after.closest.first?.candidate.id != top.candidate.id)
        try db.propose(candidateId: top.candidate.id, award: .AHLD, year: 2020, outcome: .approved, decision: "QĐ 123/QĐ-CTN")
        try db.propose(candidateId: before.closest[2].candidate.id, award: .AHLD, year: 2020)
        after = try db.ahldProgress(year: 2020)
        #expect(after.count == 2 && after.approved == 1 && after.met)
        let list = try db.proposals(year: 2020)
        #expect(list.count == 2)
        #expect(list.first { $0.candidateId == top.candidate.id }?.decision == "QĐ 123/QĐ-CTN")
        // An individual cannot hold a collective's flag.
        #expect(throws: StoreError.self) { try db.propose(candidateId: "CN-40-0001", award: .CO_CP, year: 2020) }
    }

    @Test func promotionLog() throws {
        let db = try makeDatabase(demo: .small)
        try db.promote(PromotionEntry(candidateId: "TT-40-00", channel: .bvpl, date: "2018-06-11", title: "Lá cờ đầu xứ Nghệ",
                                      reference: "https://baovephapluat.vn/x"))
        try db.promote(PromotionEntry(candidateId: "TT-40-00", channel: .truyenhinh, date: "2019-02-01", title: "Phóng sự"))
        try db.promote(PromotionEntry(candidateId: "CN-40-0001", channel: .unitweb, date: "2019-03-01", title: "Gương sáng"))
        #expect(try db.promotions(candidateId: "TT-40-00").map(\.entry.channel) == [.bvpl, .truyenhinh])
        #expect(try db.promotions(year: 2019).count == 2)
        #expect(PromotionChannel(text: "Tạp chí Kiểm sát") == .tapchi)
        #expect(PromotionChannel(text: "unitweb") == .unitweb)
        #expect(throws: StoreError.self) {
            try db.promote(PromotionEntry(candidateId: "NO", channel: .local, date: "2019-01-01", title: "x"))
        }
    }

    @Test func reviewFiguresOnDemoData() throws {
        let db = try makeDatabase(demo: .small)
        try db.register(candidateId: "TT-40-00", date: "2017-05-10", planText: nil, milestones: [])
        try db.nominate(candidateId: "TT-40-00", year: 2020, overrideReason: "thử")
        let f = try db.reviewFigures(year: 2020, today: "2020-03-01")
        #expect(f.asOf == "2020-03-01")
        #expect(f.phase?.number == 3)
        #expect(f.nextDeadline?.id == "congress6")
        #expect(f.levels.map(\.key) == ["supreme", "high", "provincial", "district"])
        #expect(f.total.candidates == (try db.candidateCount()))
        #expect(f.levels[2].registered == 1 && f.levels[2].nominated == 1)
        #expect(f.total.eligible > 0 && f.total.eligible < f.total.candidates)
        #expect(f.regions.map(\.key) == ["VKSTC", "VKSCC.HN", "VKSCC.DN", "VKSCC.HCM"])
        #expect(f.regions.map(\.candidates).reduce(0, +) == f.total.candidates)
        let past = try db.reviewFigures(year: 2018, today: "2020-03-01")
        #expect(past.asOf == "2018-12-31" && past.phase?.number == 2 && past.nextDeadline?.id == "congress6")
    }
}
