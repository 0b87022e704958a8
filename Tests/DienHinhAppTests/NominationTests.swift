import DienHinhCore
import DienHinhResources
@testable import DienHinhApp
import DienHinhRuntime
import DienHinhStore
import Foundation
import TerminalKit
import Testing

/// Nominating from the terminal (issue 19): `N` on a candidate, the override's reason, the quota's refusal, the
/// roll-up and withdrawing, all through the store calls of `dienhinh nominate` and `dienhinh withdraw`.
@Suite(.serialized) struct NominationTests {
    // In the small demo, judged for 2020: two eligible individuals and an ineligible one of VKSND tỉnh Hoà Bình.
    static let eligible = "CN-17-0001", eligible2 = "CN-17-0002", ineligible = "CN-17-0004"
    static let year = 2020

    static func database() throws -> AppDatabase {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-nom-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try AppDatabase.create(path: dir.appendingPathComponent("nom.sqlite").path, demo: .small)
    }

    func loop(_ db: AppDatabase, _ size: Size = Size(width: 120, height: 40), language: Language = .vi) -> AppLoop {
        let loop = AppLoop(state: AppState(language: language, year: Self.year, size: size), runner: EffectRunner(db: db, today: "2020-10-01"))
        loop.start()
        return loop
    }

    func text(_ l: AppLoop) -> String { App.view(l.state).lines().joined(separator: "\n") }

    @Test func nOnAProfileThenEnterNominates() throws {
        let db = try Self.database()
        let l = loop(db)
        l.openProfile(Self.eligible)
        l.press([.char("N")])
        #expect(text(l).contains("Giới thiệu ứng viên"))
        #expect(try db.nominations(year: Self.year).isEmpty)
        l.press([.enter])
        let list = try db.nominations(year: Self.year)
        #expect(list.map(\.nomination.candidateId) == [Self.eligible])
        #expect(list.first?.nomination.overrideReason == nil)
        #expect(l.state.nominate == nil)
        #expect(l.state.message?.contains("Đã giới thiệu") == true)
        // Again: refused, in words, with nothing written.
        l.press([.char("N"), .enter])
        #expect(text(l).contains("đã được giới thiệu năm này"))
        l.press([.escape])
        #expect(l.state.nominate == nil)
        #expect(try db.nominations(year: Self.year).count == 1)
    }

    @Test func escapeWritesNothing() throws {
        let db = try Self.database()
        let l = loop(db)
        l.openProfile(Self.eligible)
        l.press([.char("N"), .escape])
        #expect(l.state.nominate == nil)
        #expect(try db.nominations(year: Self.year).isEmpty)
    }

    @Test func anIneligibleCandidateNeedsTheWrittenReason() throws {
        let db = try Self.database()
        let l = loop(db)
        l.openProfile(Self.ineligible)
        l.press([.char("N"), .enter])
        #expect(l.state.nominate?.reason != nil)
        // Enter with no reason: nothing is sent; q and / are text in the field.
        l.press([.enter])
        #expect(try db.nominations(year: Self.year).isEmpty)
        #expect(l.state.message?.contains("Chưa ghi lý do") == true)
        l.press(Array("Có sáng kiến q/ đột xuất").map { Key.char($0) })
        #expect(!l.state.quitting && l.state.search == nil)
        l.press([.enter])
        let list = try db.nominations(year: Self.year)
        #expect(list.map(\.nomination.candidateId) == [Self.ineligible])
        #expect(list.first?.nomination.overrideReason == "Có sáng kiến q/ đột xuất")
    }

    @Test func aFullQuotaIsRefusedByName() throws {
        let db = try Self.database()
        try db.nominate(candidateId: Self.eligible, year: Self.year)
        try db.nominate(candidateId: Self.ineligible, year: Self.year, overrideReason: "lý do")
        let l = loop(db, Size(width: 80, height: 24))
        l.openProfile(Self.eligible2)
        l.press([.char("N"), .enter])
        let shown = text(l)
        #expect(shown.contains("Không giới thiệu được"))
        #expect(shown.contains("Đã đủ chỉ tiêu"))
        assertSnapshot(App.view(l.state).lines(), named: "nominate-quota-80x24")
        #expect(try db.nominations(year: Self.year).count == 2)
        l.press([.enter])
        #expect(l.state.nominate == nil)
    }

    @Test func nOnTheCandidatesListNominatesTheSelectedRow() throws {
        let db = try Self.database()
        let unit = try #require(try db.unit("VKST.17"))
        var state = AppState(year: Self.year, size: Size(width: 120, height: 40))
        state.stack.append(.candidates(CandidatesState(unit: unit)))
        let runner = EffectRunner(db: db, today: "2020-10-01")
        let l = AppLoop(state: state, runner: runner)
        l.send(try #require(runner.run(.loadCandidates(unitCode: unit.code, year: Self.year))))
        guard case .candidates(let c) = l.state.screen, let i = c.visible.firstIndex(where: { $0.candidate.id == Self.eligible }) else {
            Issue.record("no candidates list"); return
        }
        l.press(Array(repeating: .down, count: i) + [.char("N"), .enter])
        #expect(try db.nominations(year: Self.year).map(\.nomination.candidateId) == [Self.eligible])
    }

    @Test func promptSnapshots() throws {
        let db = try Self.database()
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            let l = loop(db, size)
            l.openProfile(Self.eligible)
            l.press([.char("N")])
            assertSnapshot(App.view(l.state).lines(), named: "nominate-confirm-\(size.width)x\(size.height)")
            l.press([.escape])
            l.openProfile(Self.ineligible)
            l.press([.char("N"), .enter])
            assertSnapshot(App.view(l.state).lines(), named: "nominate-reason-\(size.width)x\(size.height)")
        }
    }

    @Test func rollupShowsUnitsAndWithdraws() throws {
        let db = try Self.database()
        try db.nominate(candidateId: Self.eligible, year: Self.year)
        try db.nominate(candidateId: Self.ineligible, year: Self.year, overrideReason: "Có thành tích đột xuất")
        let l = loop(db)
        l.press([.char("n")])
        guard case .rollup(let r) = l.state.screen else { Issue.record("no roll-up"); return }
        #expect(r.level == .supreme)
        // To the provincial level, where Hoà Bình nominated and the others did not.
        l.press([.tab, .tab])
        let shown = text(l)
        #expect(shown.contains("VKSND tỉnh Hoà Bình — tập thể 0/1, cá nhân 2/2"))
        #expect(shown.contains("VKSND thành phố Hà Nội — chưa giới thiệu"))
        #expect(shown.contains("giới thiệu với lý do: Có thành tích đột xuất"))
        guard case .rollup(let p) = l.state.screen, let at = p.rows.firstIndex(where: {
            if case .nominee(let n, _) = $0 { n.id == Self.eligible } else { false }
        }) else { Issue.record("nominee not listed"); return }
        l.press([.home] + Array(repeating: .down, count: at))
        l.press([.char("d")])
        #expect(text(l).contains("Rút giới thiệu Phạm Đình Sơn"))
        l.press([.enter])
        #expect(try db.nominations(year: Self.year).count == 2)  // no reason: nothing withdrawn
        l.press(Array("Đơn vị xin rút").map { Key.char($0) } + [.enter])
        #expect(try db.nominations(year: Self.year).map(\.nomination.candidateId) == [Self.ineligible])
        #expect(try db.auditEntries().last?.action == "nominate.withdraw")
        #expect(text(l).contains("Đã rút giới thiệu Phạm Đình Sơn"))
        #expect(text(l).contains("VKSND tỉnh Hoà Bình — tập thể 0/1, cá nhân 1/2"))
    }

    @Test func rollupSnapshots() throws {
        let db = try Self.database()
        try db.nominate(candidateId: Self.eligible, year: Self.year)
        try db.nominate(candidateId: Self.ineligible, year: Self.year, overrideReason: "Có thành tích đột xuất")
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            let l = loop(db, size)
            l.press([.char("n"), .tab, .tab])
            for _ in 0..<10 { l.press([.down]) }
            assertSnapshot(App.view(l.state).lines(), named: "rollup-\(size.width)x\(size.height)")
            l.press([.down, .char("d")])
            assertSnapshot(App.view(l.state).lines(), named: "rollup-withdraw-\(size.width)x\(size.height)")
            l.press([.escape, .char("?")])
            assertSnapshot(App.view(l.state).lines(), named: "rollup-help-\(size.width)x\(size.height)")
        }
    }

    @Test func rollupOpensFromTheCouncilAndWritesItsDocument() throws {
        let db = try Self.database()
        let l = loop(db)
        l.press([.char("v"), .char("n")])
        guard case .rollup = l.state.screen else { Issue.record("no roll-up from the council"); return }
        #expect(SignedDocuments.document(l.state) == .nominations(year: Self.year))
        #expect(App.keys(l.state).contains { $0.key == "d" && $0.label == "key.withdraw" })
        // A year change reads the other year.
        l.press([.char("]")])
        guard case .rollup(let r) = l.state.screen else { Issue.record("left the roll-up"); return }
        #expect(r.year == Self.year + 1 && r.loaded)
    }

    @Test func englishWording() throws {
        let db = try Self.database()
        let l = loop(db, language: .en)
        l.openProfile(Self.ineligible)
        l.press([.char("N")])
        #expect(text(l).contains("is not eligible for 2020"))
    }
}
