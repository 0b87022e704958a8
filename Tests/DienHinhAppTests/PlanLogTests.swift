import DienHinhCore
import DienHinhResources
@testable import DienHinhApp
import DienHinhRuntime
import DienHinhStore
import Foundation
import TerminalKit
import Testing

/// The plan's logs at the terminal (issue 19, part 6): registrations (III.1), state award proposals (I.1) and
/// promotion (III.2–3) typed into forms and kept by the store calls of `dienhinh register|propose|promote`, with the
/// command line's own messages for the same bad values.
@Suite(.serialized) struct PlanLogTests {
    // In the small demo: an individual and a collective of VKSND huyện Anh Sơn.
    static let person = "CN-H424-0005", collective = "TT-H418-00"

    static func database() throws -> AppDatabase {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-plan-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try AppDatabase.create(path: dir.appendingPathComponent("plan.sqlite").path, demo: .small)
    }

    func loop(_ db: AppDatabase, _ size: Size = Size(width: 120, height: 40), language: Language = .vi) -> AppLoop {
        let loop = AppLoop(state: AppState(language: language, year: 2019, size: size), runner: EffectRunner(db: db, today: "2019-10-01"))
        loop.start()
        return loop
    }

    func text(_ l: AppLoop) -> String { App.view(l.state).lines().joined(separator: "\n") }
    func keys(_ l: AppLoop, _ script: String) throws { l.press(try KeyScript.parse(script)) }
    var log: (AppLoop) -> PlanLogState? { { l in if case .planLog(let p) = l.state.screen { p } else { nil } } }

    @Test func aRegistrationWithItsPlanAndMilestones() throws {
        let db = try Self.database()
        let l = loop(db)
        try keys(l, "t")
        #expect(text(l).contains("Theo dõi thực hiện Kế hoạch, năm 2019"))
        #expect(text(l).contains("Chưa có đăng ký xây dựng điển hình nào"))
        try keys(l, "a\(Self.person)<Tab>22/06/2017<Tab>Bồi dưỡng qua phong trào thi đua<Tab>11/06/2018: Sơ kết; 20/12/2018: Báo cáo<Enter>")
        let stored = try #require(try db.registrations().first { $0.registration.candidateId == Self.person })
        #expect(stored.registration.date == "2017-06-22" && stored.timing == .late)
        #expect(stored.registration.planText == "Bồi dưỡng qua phong trào thi đua")
        #expect(stored.registration.milestones == [Milestone(date: "2018-06-11", text: "Sơ kết"), Milestone(date: "2018-12-20", text: "Báo cáo")])
        // Late is flagged, never refused (III.1), as `dienhinh register` says it.
        #expect(l.state.message?.contains("Đã đăng ký xây dựng điển hình tiên tiến: Trần Thị Thảo") == true)
        #expect(l.state.message?.contains("20/05/2017") == true)
        #expect(log(l)?.entry == nil)
        #expect(text(l).contains("22/06/2017  CN-H424-0005  Trần Thị Thảo (cá nhân) — VKSND huyện Anh Sơn MUỘN"))
        #expect(text(l).contains("• 11/06/2018: Sơ kết"))
    }

    /// The same bad values give the command line's messages, on the field, and nothing is written.
    @Test func badValuesAreRefusedOnTheirField() throws {
        let db = try Self.database()
        let l = loop(db)
        let before = try db.registrations().count
        try keys(l, "ta<Enter>")
        #expect(text(l).contains("✗ Cần nhập Mã ứng viên."))
        try keys(l, "\(Self.person)<Tab>32/05/2017<Enter>")
        let s = Strings.for(.vi)
        #expect(text(l).contains("✗ " + s("plan.bad_date", "32/05/2017")))
        #expect(log(l)?.entry?.fields[log(l)!.entry!.focus].name == "received")
        try keys(l, "<C-u>22/05/2017<Tab><Tab>20/12/2018 Báo cáo<Enter>")
        #expect(text(l).contains("✗ " + s("plan.bad_milestone", "20/12/2018 Báo cáo")))
        #expect(try db.registrations().count == before)
        // Esc leaves without saving.
        try keys(l, "<Esc>")
        #expect(log(l)?.entry == nil)
        #expect(try db.registrations().count == before)
    }

    /// From a profile: that candidate's entries, the form starting with them; the outcome recorded later with `e`.
    @Test func aProposalFromTheProfileAndItsOutcome() throws {
        let db = try Self.database()
        let l = loop(db)
        l.openProfile(Self.collective)
        try keys(l, "t<Tab>a")
        #expect(log(l)?.subject?.id == Self.collective)
        #expect(log(l)?.entry?.value("candidate") == Self.collective)
        #expect(log(l)?.entry?.value("year") == "2019")
        // The award is a choice shown by its name: the Labour Order is two steps on from the Labour Hero.
        try keys(l, "<Tab><Right><Right>")
        #expect(text(l).contains("‹ " + Strings.for(.vi)("award.HCLD") + " ›"))
        l.press([.enter])
        let p = try #require(try db.proposals(year: 2019).first { $0.candidateId == Self.collective })
        #expect(p.outcome == .pending && p.award == Proposal.stateAwards[2])
        #expect(l.state.message?.contains("đang chờ xét") == true)
        try keys(l, "e<Right>")
        #expect(text(l).contains("‹ " + Strings.for(.vi)("proposal.outcome.approved") + " ›"))
        try keys(l, "<Tab>123/QĐ-CTN<Enter>")
        let q = try #require(try db.proposals(year: 2019).first { $0.candidateId == Self.collective })
        #expect(q.outcome == .approved && q.decision == "123/QĐ-CTN")
        #expect(try db.proposals(year: 2019).count(where: { $0.candidateId == Self.collective }) == 1)
    }

    /// What needs the database is the store's: an unknown id, an award the kind cannot receive; in words, nothing written.
    @Test func theStoreRefusesInWords() throws {
        let db = try Self.database()
        let l = loop(db)
        try keys(l, "t<Tab>aXX-1<Enter>")
        #expect(text(l).contains("✗ không có ứng viên mã \"XX-1\""))
        // The Government's flag is a collective's: Left from the first award wraps to it.
        try keys(l, "<C-u>\(Self.person)<Tab><Left><Enter>")
        #expect(text(l).contains("Không thể đề nghị Cờ thi đua của Chính phủ cho cá nhân"))
        #expect(try db.proposals().isEmpty)
        // The refusal goes as soon as the entry changes.
        try keys(l, "<Left>")
        #expect(!text(l).contains("Không thể đề nghị"))
    }

    @Test func aPromotionNeedsItsTitle() throws {
        let db = try Self.database()
        let l = loop(db)
        try keys(l, "t<Tab><Tab>a\(Self.person)<Tab><Right><Tab>12/03/2019<Enter>")
        #expect(text(l).contains("✗ Cần nhập Tiêu đề."))
        #expect(try db.promotions().isEmpty)
        try keys(l, "Gương sáng Kiểm sát viên<Tab>https://tapchikiemsat.org.vn/1<Enter>")
        let m = try #require(try db.promotions().first)
        #expect(m.entry.channel == .tapchi && m.entry.date == "2019-03-12" && m.entry.title == "Gương sáng Kiểm sát viên")
        #expect(m.entry.reference == "https://tapchikiemsat.org.vn/1")
        #expect(text(l).contains("12/03/2019  Tạp chí Kiểm sát — CN-H424-0005  Trần Thị Thảo: Gương sáng Kiểm sát viên"))
        #expect(text(l).contains("Tham chiếu: https://tapchikiemsat.org.vn/1"))
        // Another year's log does not list it; its own does again.
        try keys(l, "]")
        #expect(log(l)?.promotions.isEmpty == true)
        try keys(l, "[")
        #expect(log(l)?.promotions.count == 1)
    }

    @Test func typingInTheFormNeverQuitsOrSearches() throws {
        let db = try Self.database()
        let l = loop(db)
        try keys(l, "ta")
        try keys(l, "q/[]?")
        #expect(!l.state.quitting && l.state.search == nil && !l.state.showHelp && l.state.year == 2019)
        #expect(log(l)?.entry?.value("candidate") == "q/[]?")
    }

    @Test func snapshots() throws {
        let db = try Self.database()
        try db.register(candidateId: Self.person, date: "2017-05-15", planText: "Bồi dưỡng qua phong trào thi đua",
                        milestones: [Milestone(date: "2018-06-11", text: "Sơ kết")])
        try db.register(candidateId: Self.collective, date: "2017-06-02", planText: nil, milestones: [])
        try db.propose(candidateId: Self.collective, award: .HCLD, year: 2019)
        for (size, tag) in [(Size(width: 80, height: 24), "80x24"), (Size(width: 120, height: 40), "120x40")] {
            let l = loop(db, size)
            try keys(l, "t")
            assertSnapshot(App.view(l.state).lines(), named: "planlog-\(tag)")
            try keys(l, "<Tab>")
            assertSnapshot(App.view(l.state).lines(), named: "planlog-proposals-\(tag)")
            try keys(l, "a")
            assertSnapshot(App.view(l.state).lines(), named: "planlog-propose-form-\(tag)")
            try keys(l, "<Esc>?")
            assertSnapshot(App.view(l.state).lines(), named: "planlog-help-\(tag)")
        }
    }

    @Test func englishWording() throws {
        let db = try Self.database()
        let l = loop(db, language: .en)
        try keys(l, "t")
        #expect(text(l).contains("Following the plan, 2019") && text(l).contains("Registrations (III.1): 0"))
        try keys(l, "a")
        #expect(text(l).contains("Registration to be built up as an exemplar (III.1)") && text(l).contains("Received by V16"))
    }
}
