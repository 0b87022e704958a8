import DienHinhCore
@testable import DienHinhApp
import TerminalKit
import Testing

/// `update` as a pure function: each key on each screen, the next state and the effects.
@Suite struct UpdateTests {
    static let nghean = SectorUnit(code: "VKST.40", name: "VKSND tỉnh Nghệ An", shortName: "Nghệ An", level: .provincial, regionCode: "VKSCC.HN")
    static let nghiloc = SectorUnit(code: "VKSH.429", name: "VKSND huyện Nghi Lộc", shortName: "Nghi Lộc", level: .district, parentCode: "VKST.40")

    static func row(_ id: String, _ name: String, kind: CandidateKind = .individual, eligible: Bool, award: AwardCode? = nil, records: Int = 1) -> CandidateRow {
        CandidateRow(candidate: Candidate(id: id, kind: kind, name: name, unitCode: "VKSH.429"), unitName: "VKSND huyện Nghi Lộc",
                     eligible: eligible, recordCount: records, topAward: award, topAwardYear: award == nil ? nil : 2019)
    }

    func fresh() -> AppState { AppState(year: 2020, size: Size(width: 80, height: 24)) }

    @Test func startLoadsLevels() {
        #expect(App.start(fresh()) == [.loadLevels(year: fresh().year)])
    }

    @Test func levelsEnterOpensUnitsOfThatLevel() {
        var s = fresh()
        #expect(App.update(&s, .key(.down)) == [])
        #expect(App.update(&s, .key(.char("j"))) == [])
        #expect(App.update(&s, .key(.enter)) == [.loadUnits(.provincial, year: 2020)])
        guard case .units(let u) = s.screen else { Issue.record("not on units"); return }
        #expect(u.level == .provincial && !u.loaded)
        #expect(s.stack.count == 2)
    }

    @Test func levelNumberKeyOpensDirectly() {
        var s = fresh()
        #expect(App.update(&s, .key(.char("4"))) == [.loadUnits(.district, year: 2020)])
    }

    /// From 1/7/2025 there are three levels: 3 opens the regional procuracies, 4 is no level; `[` back to
    /// 2020 asks for that year's four levels again.
    @Test func levelsFollowTheReviewYear() {
        var s = AppState(year: 2026, size: Size(width: 80, height: 24))
        #expect(App.update(&s, .key(.char("4"))) == [])
        #expect(App.update(&s, .key(.char("3"))) == [.loadUnits(.regional, year: 2026)])
        var back = AppState(year: 2026, size: Size(width: 80, height: 24))
        #expect(App.update(&back, .key(.char("["))) == [.loadLevels(year: 2025)])
    }

    /// Units that ceased with nobody moved out of them are the last entry of the levels: nothing disappears.
    @Test func ceasedUnitsAreTheLastEntryAndOpenTheirPeople() {
        var s = AppState(year: 2026, size: Size(width: 80, height: 24))
        let rows = [LevelCount(level: .supreme, units: 26, candidates: 41), LevelCount(level: .provincial, units: 34, candidates: 78),
                    LevelCount(level: .regional, units: 21, candidates: 274)]
        _ = App.update(&s, .levelsLoaded(rows, ceased: 26, ceasedUnits: 1))
        let screen = App.view(s).lines().joined(separator: "\n")
        #expect(screen.contains("4. Đơn vị đã chấm dứt, chưa chuyển người") && screen.contains("26"))
        #expect(App.update(&s, .key(.char("4"))) == [.loadCeasedUnits(year: 2026)])
        let high = SectorUnit(code: "VKSCC.HN", name: "Viện kiểm sát nhân dân cấp cao tại Hà Nội", shortName: "Cấp cao Hà Nội", level: .high)
        _ = App.update(&s, .ceasedUnitsLoaded([UnitNode(unit: high, candidates: 26)]))
        // A level's tree arriving late does not replace the ceased list.
        _ = App.update(&s, .unitsLoaded(.high, []))
        #expect(App.view(s).lines().joined().contains("Viện kiểm sát nhân dân cấp cao tại Hà Nội (26)"))
        #expect(App.update(&s, .key(.char("["))) == [.loadCeasedUnits(year: 2025)])
        #expect(App.update(&s, .key(.enter)) == [.loadCandidates(unitCode: "VKSCC.HN", year: 2025)])
        // With nobody left in ceased units the levels have no fourth entry.
        var none = AppState(year: 2026, size: Size(width: 80, height: 24))
        _ = App.update(&none, .levelsLoaded(rows))
        #expect(App.update(&none, .key(.char("4"))) == [])
    }

    @Test func unitTreeExpandsAndOpensCandidates() {
        var s = fresh()
        _ = App.update(&s, .key(.char("3")))
        _ = App.update(&s, .unitsLoaded(.provincial, [UnitNode(unit: Self.nghean, candidates: 40, children: [UnitNode(unit: Self.nghiloc, candidates: 12)])]))
        guard case .units(let u0) = s.screen else { Issue.record(); return }
        #expect(u0.rows.count == 1)
        #expect(App.update(&s, .key(.right)) == [])
        guard case .units(let u1) = s.screen else { Issue.record(); return }
        #expect(u1.rows.count == 2 && u1.expanded == ["VKST.40"])
        _ = App.update(&s, .key(.down))
        #expect(App.update(&s, .key(.enter)) == [.loadCandidates(unitCode: "VKSH.429", year: 2020)])
        #expect(s.stack.count == 3)
        // Left on a child jumps to its parent; Esc goes back one screen.
        _ = App.update(&s, .key(.escape))
        _ = App.update(&s, .key(.left))
        guard case .units(let u2) = s.screen else { Issue.record(); return }
        #expect(u2.selected == 0)
        _ = App.update(&s, .key(.left))
        guard case .units(let u3) = s.screen else { Issue.record(); return }
        #expect(u3.expanded.isEmpty)
    }

    @Test func districtLevelProvincesAreGroups() {
        var s = fresh()
        _ = App.update(&s, .key(.char("4")))
        _ = App.update(&s, .unitsLoaded(.district, [UnitNode(unit: Self.nghean, candidates: 40, children: [UnitNode(unit: Self.nghiloc, candidates: 12)])]))
        #expect(App.update(&s, .key(.enter)) == [])
        guard case .units(let u) = s.screen else { Issue.record(); return }
        #expect(u.expanded == ["VKST.40"])
        _ = App.update(&s, .key(.char("j")))
        #expect(App.update(&s, .key(.enter)) == [.loadCandidates(unitCode: "VKSH.429", year: 2020)])
    }

    func onCandidates() -> AppState {
        var s = fresh()
        s.stack.append(.candidates(CandidatesState(unit: Self.nghiloc)))
        _ = App.update(&s, .candidatesLoaded(unitCode: "VKSH.429", year: 2020, [
            Self.row("CN-3", "Trần Văn Bình", eligible: false, records: 3),
            Self.row("CN-1", "Đặng Thị An", eligible: true, award: .BK_TTG, records: 5),
            Self.row("TT-1", "VKSND huyện Nghi Lộc", kind: .collective, eligible: true, award: .CO_NGANH, records: 9),
            Self.row("CN-2", "Lê Hữu Dũng", eligible: false, award: .HCLD, records: 2),
        ]))
        return s
    }

    func visibleIds(_ s: AppState) -> [String] {
        guard case .candidates(let c) = s.screen else { return [] }
        return c.visible.map(\.candidate.id)
    }

    @Test func candidatesSortFilterAndOpen() {
        var s = onCandidates()
        // By name, collectives first, Vietnamese letters folded (Đ sorts as D).
        #expect(visibleIds(s) == ["TT-1", "CN-1", "CN-2", "CN-3"])
        #expect(App.update(&s, .key(.char("s"))) == [])
        #expect(visibleIds(s) == ["TT-1", "CN-1", "CN-2", "CN-3"])
        _ = App.update(&s, .key(.char("s")))
        #expect(visibleIds(s) == ["CN-2", "CN-1", "TT-1", "CN-3"])  // HCLD > BK_TTG > CO_NGANH
        _ = App.update(&s, .key(.char("f")))
        #expect(visibleIds(s) == ["TT-1"])
        _ = App.update(&s, .key(.char("f")))
        #expect(visibleIds(s) == ["CN-2", "CN-1", "CN-3"])
        _ = App.update(&s, .key(.char("e")))
        #expect(visibleIds(s) == ["CN-1"])
        #expect(App.update(&s, .key(.enter)) == [.loadProfile(id: "CN-1", year: 2020)])
    }

    @Test func selectionFollowsTheCandidateAcrossSorts() {
        var s = onCandidates()
        _ = App.update(&s, .key(.char("G")))
        #expect(visibleIds(s).last == "CN-3")
        _ = App.update(&s, .key(.char("s")))
        guard case .candidates(let c) = s.screen else { Issue.record(); return }
        #expect(c.visible[c.selected].candidate.id == "CN-3")
    }

    @Test func yearKeysReloadTheCurrentScreen() {
        var s = onCandidates()
        #expect(App.update(&s, .key(.char("["))) == [.loadCandidates(unitCode: "VKSH.429", year: 2019)])
        #expect(s.year == 2019)
        // A stale answer for another year is ignored.
        _ = App.update(&s, .candidatesLoaded(unitCode: "VKSH.429", year: 2020, []))
        #expect(visibleIds(s).count == 4)
    }

    @Test func profileTabSwitchesPaneAndArrowsScroll() {
        var s = fresh()
        #expect(App.openProfile(&s, id: "CN-1") == [.loadProfile(id: "CN-1", year: 2020)])
        _ = App.update(&s, .key(.down))
        _ = App.update(&s, .key(.tab))
        _ = App.update(&s, .key(.down))
        _ = App.update(&s, .key(.down))
        guard case .profile(let p) = s.screen else { Issue.record(); return }
        #expect(p.verdictScroll == 1 && p.historyScroll == 2 && p.focus == .history)
    }

    @Test func searchTypesQueriesAndOpensResults() {
        var s = fresh()
        #expect(App.update(&s, .key(.char("/"))) == [])
        #expect(App.update(&s, .key(.char("n"))) == [.search(query: "n", year: s.year)])
        #expect(App.update(&s, .key(.char("g"))) == [.search(query: "ng", year: s.year)])
        #expect(App.update(&s, .key(.backspace)) == [.search(query: "n", year: s.year)])
        // q types into the field instead of quitting.
        #expect(App.update(&s, .key(.char("q"))) == [.search(query: "nq", year: s.year)])
        #expect(!s.quitting)
        _ = App.update(&s, .searchResults(query: "nq", [.unit(Self.nghiloc), .candidate(id: "CN-1", kind: .individual, name: "A", position: nil, unitName: "U")], total: 2))
        _ = App.update(&s, .key(.down))
        #expect(App.update(&s, .key(.enter)) == [.loadProfile(id: "CN-1", year: 2020)])
        #expect(s.search == nil)
    }

    @Test func slashFiltersTheCandidatesAsYouTypeAndNSteps() {
        var s = onCandidates()
        // `/` on a list filters it (diacritics and case folded); Ctrl-F still searches everything.
        #expect(App.update(&s, .key(.char("/"))) == [] && s.search == nil)
        for c in "DUNG" { _ = App.update(&s, .key(.char(c))) }
        #expect(visibleIds(s) == ["CN-2"])
        _ = App.update(&s, .key(.backspace))
        _ = App.update(&s, .key(.backspace))
        _ = App.update(&s, .key(.backspace))
        #expect(visibleIds(s) == ["TT-1", "CN-1", "CN-2"])  // "d": VKSND, Đặng and Dũng
        // Letters type while the filter is open: `n` is not a new candidate here.
        _ = App.update(&s, .key(.char("a")))
        #expect(App.update(&s, .key(.char("n"))) == [] && visibleIds(s) == ["CN-1"] && FormsScreens.isForm(s) == false)
        _ = App.update(&s, .key(.backspace))
        _ = App.update(&s, .key(.backspace))
        // Enter keeps the filter and gives the keys back to the list; n/N step through, wrapping with a word.
        _ = App.update(&s, .key(.enter))
        guard case .candidates(let c) = s.screen else { Issue.record(); return }
        #expect(c.filter?.editing == false && c.selected == 0)
        _ = App.update(&s, .key(.char("n")))
        #expect(s.message == "Kết quả 2/3")
        _ = App.update(&s, .key(.char("n")))
        _ = App.update(&s, .key(.char("n")))
        #expect(s.message == s.strings("hits.wrapped_top"))
        _ = App.update(&s, .key(.char("N")))
        #expect(s.message == s.strings("hits.wrapped_bottom"))
        guard case .candidates(let c2) = s.screen else { Issue.record(); return }
        #expect(c2.visible[c2.selected].candidate.id == "CN-2")
        // `a` still adds a candidate; Esc clears the filter and keeps the candidate selected, the next Esc goes back.
        _ = App.update(&s, .key(.escape))
        guard case .candidates(let c3) = s.screen else { Issue.record(); return }
        #expect(c3.filter == nil && visibleIds(s).count == 4 && c3.visible[c3.selected].candidate.id == "CN-2")
        #expect(App.update(&s, .key(.ctrl("f"))) == [] && s.search != nil)
    }

    @Test func slashFiltersTheUnitTreeAtAnyDepth() {
        var s = fresh()
        var u = UnitsState(level: .district)
        u.roots = [UnitNode(unit: Self.nghean, candidates: 0, children: [UnitNode(unit: Self.nghiloc, candidates: 7, children: [])])]
        u.loaded = true
        s.stack.append(.units(u))
        _ = App.update(&s, .key(.char("/")))
        for c in "nghi loc" { _ = App.update(&s, .key(.char(c))) }
        guard case .units(let f) = s.screen else { Issue.record(); return }
        #expect(f.rows.map(\.node.unit.code) == ["VKSH.429"] && f.matchCount == 1 && f.unitCount == 2)
        #expect(App.update(&s, .key(.enter)) == [])
        #expect(App.update(&s, .key(.enter)) == [.loadCandidates(unitCode: "VKSH.429", year: 2020)])
        _ = App.update(&s, .key(.backspace))
        _ = App.update(&s, .key(.escape))
        guard case .units(let cleared) = s.screen else { Issue.record(); return }
        #expect(cleared.filter == nil && cleared.rows.count == 1)
    }

    @Test func nAndShiftNOpenTheNextAndPreviousSearchHit() {
        var s = fresh()
        _ = App.update(&s, .key(.char("/")))
        _ = App.update(&s, .key(.char("a")))
        let hits: [SearchHit] = [.unit(Self.nghiloc), .candidate(id: "CN-1", kind: .individual, name: "A", position: nil, unitName: "U"),
                                 .candidate(id: "CN-2", kind: .individual, name: "B", position: nil, unitName: "U")]
        _ = App.update(&s, .searchResults(query: "a", hits, total: 3))
        _ = App.update(&s, .key(.down))
        #expect(App.update(&s, .key(.enter)) == [.loadProfile(id: "CN-1", year: 2020)])
        #expect(App.update(&s, .key(.char("n"))) == [.loadProfile(id: "CN-2", year: 2020)])
        #expect(s.stack.count == 2 && s.message == "Kết quả 2/2")
        // Past the last person, round to the first (the unit's hit is skipped: there `n` adds a candidate), with a word.
        #expect(App.update(&s, .key(.char("n"))) == [.loadProfile(id: "CN-1", year: 2020)])
        #expect(s.message == s.strings("hits.wrapped_top") && s.stack.count == 2)
        // On a profile N nominates (issue 19), it does not step back.
        #expect(App.update(&s, .key(.char("N"))) != [.loadProfile(id: "CN-2", year: 2020)])
        _ = App.update(&s, .key(.escape))
        // Elsewhere n is not a hit: back on the levels it opens the nominations' roll-up (issue 19).
        _ = App.update(&s, .key(.escape))
        #expect(App.update(&s, .key(.char("n"))) == [.nominations(.loadRollup(year: 2020))])
    }

    @Test func staleSearchResultsAreIgnored() {
        var s = fresh()
        _ = App.update(&s, .key(.char("/")))
        _ = App.update(&s, .key(.char("a")))
        _ = App.update(&s, .key(.char("b")))
        _ = App.update(&s, .searchResults(query: "a", [.unit(Self.nghean)], total: 1))
        #expect(s.search?.hits.isEmpty == true)
    }

    @Test func helpAndQuit() {
        var s = fresh()
        _ = App.update(&s, .key(.function(1)))
        #expect(s.showHelp)
        _ = App.update(&s, .key(.escape))
        #expect(!s.showHelp)
        #expect(App.update(&s, .key(.char("q"))) == [.quit])
        var t = fresh()
        _ = App.update(&t, .key(.char("/")))
        #expect(App.update(&t, .key(.ctrl("c"))) == [.quit])
        var u = fresh()
        #expect(App.update(&u, .key(.function(10))) == [.quit])
    }

    @Test func escapeAtTheRootStaysPut() {
        var s = fresh()
        #expect(App.update(&s, .key(.escape)) == [])
        #expect(s.stack.count == 1)
    }
}
