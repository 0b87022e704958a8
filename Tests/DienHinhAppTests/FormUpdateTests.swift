import DienHinhCore
@testable import DienHinhApp
import TerminalKit
import Testing

/// The entry forms as pure functions: keys in, state and effects out; each rule's message as the clerk sees it.
@Suite struct FormUpdateTests {
    static let nghean = SectorUnit(code: "VKST.40", name: "VKSND tỉnh Nghệ An", shortName: "Nghệ An", level: .provincial, regionCode: "VKSCC.HN")
    static let nghiloc = SectorUnit(code: "VKSH.429", name: "VKSND huyện Nghi Lộc", shortName: "Nghi Lộc", level: .district, parentCode: "VKST.40")
    static let dienchau = SectorUnit(code: "VKSH.430", name: "VKSND huyện Diễn Châu", shortName: "Diễn Châu", level: .district, parentCode: "VKST.40")
    static let hanh = Candidate(id: "CN-H429-0001", kind: .individual, name: "Nguyễn Thị Hạnh", unitCode: "VKSH.429", position: "Kiểm sát viên")
    static let phong1 = Candidate(id: "TT-H429-00", kind: .collective, name: "VKSND huyện Nghi Lộc", unitCode: "VKSH.429",
                                  internallyUnited: true, orgsCleanStrong: true)
    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

    static func state(_ form: FormState, size: Size = Size(width: 80, height: 24), english: Bool = false) -> AppState {
        var s = english ? AppState(language: .en, year: 2019, size: size) : AppState(year: 2019, size: size)
        var form = form
        form.years = 1945...2026
        s.stack.append(.form(form))
        return s
    }

    @discardableResult
    static func press(_ s: inout AppState, _ script: String) -> [Effect] {
        var out: [Effect] = []
        for k in try! KeyScript.parse(script) { out += App.update(&s, .key(k)) }
        return out
    }

    static func form(_ s: AppState) -> FormState? {
        if case .form(let f) = s.screen { return f }
        return nil
    }

    /// The record form with keys typed, at both sizes; the field's message must be on screen.
    func recordRule(_ name: String, candidate: Candidate = hanh, keys: String, field: String, expect text: String) {
        for size in Self.sizes {
            var s = Self.state(FormRules.newAchievement(candidate: candidate, year: 2019), size: size)
            Self.press(&s, keys)
            let f = Self.form(s)
            #expect(f?.problems[field] != nil, "\(name): no problem on \(field)")
            let lines = App.view(s).lines()
            #expect(lines.joined(separator: "\n").contains(text), "\(name): \(text) not on screen")
            assertSnapshot(lines, named: "form-\(name)-\(size.width)x\(size.height)")
        }
    }

    // MARK: Each rule, when its field is left

    @Test func yearOutOfRangeCaughtOnLeaving() {
        recordRule("year-2091", keys: "<C-u>2091<Tab>", field: "year", expect: "\"2091\" phải trong khoảng 1945..")
        var s = Self.state(FormRules.newAchievement(candidate: Self.hanh, year: 2019))
        Self.press(&s, "<C-u>2091")
        #expect(Self.form(s)?.problems["year"] == nil, "not checked while typing")
        Self.press(&s, "<Tab>")
        #expect(Self.form(s)?.focus == 1 && Self.form(s)?.problems["year"]?.key == "import.bad_year")
        // Corrected and left again: the message goes.
        Self.press(&s, "<BackTab><C-u>2018<Down>")
        #expect(Self.form(s)?.problems["year"] == nil)
    }

    @Test func classRequiredForMedals() {
        recordRule("class-required", keys: "<Tab>HCLD<Enter><Tab>", field: "class", expect: "phải có hạng 1, 2 hoặc 3")
    }

    @Test func classOnlyForMedals() {
        recordRule("class-not-allowed", keys: "<Tab>CSTD_CS<Enter>2<Tab>", field: "class", expect: "không có hạng: để trống")
    }

    @Test func proposedAwardRequiredForSpecialAward() {
        recordRule("proposed-required", keys: "<Tab>DOT_XUAT<Enter><Tab><Tab>", field: "proposed_award",
                   expect: "khen đột xuất phải ghi hình thức đề nghị")
    }

    @Test func proposedAwardOnlyForSpecialAward() {
        recordRule("proposed-not-allowed", keys: "<Tab>HTXSNV<Enter><Tab>HCLD<Enter>", field: "proposed_award",
                   expect: "chỉ khen đột xuất mới có đề nghị")
    }

    @Test func awardThatDoesNotApplyToTheKind() {
        // Cờ thi đua của Chính phủ is for collectives; typed by code, it is taken as typed and refused on leaving.
        recordRule("type-not-individual", keys: "<Tab>CO_CP<Enter>", field: "type", expect: "không áp dụng cho cá nhân")
    }

    @Test func datesInBothFormsOnly() {
        recordRule("bad-date", keys: "<Down><Down><Down><Down><Down>31/02/2019<Tab>", field: "decision_date",
                   expect: "ngày \"31/02/2019\": cần DD/MM/YYYY hoặc YYYY-MM-DD")
        for good in ["12/03/2019", "2019-03-12", "1/3/2019"] {
            var s = Self.state(FormRules.newAchievement(candidate: Self.hanh, year: 2019))
            Self.press(&s, "<Down><Down><Down><Down><Down>\(good)<Tab>")
            #expect(Self.form(s)?.problems["decision_date"] == nil, "\(good)")
        }
    }

    @Test func requiredTypeOnLeaving() {
        recordRule("type-required", keys: "<Tab><Tab>", field: "type", expect: "bắt buộc")
    }

    @Test func unknownUnit() {
        for size in Self.sizes {
            var f = FormRules.newCandidate(unit: Self.nghiloc, existingIds: ["CN-H429-0001", "CN-H429-0012"])
            f.units = [Self.nghean, Self.nghiloc, Self.dienchau]
            var s = Self.state(f, size: size)
            Self.press(&s, "<Down><Down><Down><Backspace>VKSH.999<Enter>")
            #expect(Self.form(s)?.problems["unit_code"]?.key == "import.unknown_unit")
            let lines = App.view(s).lines()
            #expect(lines.joined(separator: "\n").contains("không có đơn vị \"VKSH.999\""))
            assertSnapshot(lines, named: "form-unknown-unit-\(size.width)x\(size.height)")
        }
    }

    @Test func duplicateFlaggedBeforeSaving() {
        var s = Self.state(FormRules.newAchievement(candidate: Self.hanh, year: 2019))
        let effects = Self.press(&s, "<Tab>SANG_KIEN<Enter><Tab><Tab>45/QĐ-VKS<Tab>")
        let a = Achievement(candidateId: Self.hanh.id, year: 2019, type: .SANG_KIEN, decisionNo: "45/QĐ-VKS")
        #expect(effects.contains(.forms(.checkDuplicates(a))))
        for size in Self.sizes {
            var t = s
            t.size = size
            _ = App.update(&t, .forms(.duplicates(1, blockedSave: false)))
            #expect(Self.form(t)?.problems["decision_no"]?.warning == true)
            let lines = App.view(t).lines()
            #expect(lines.joined(separator: "\n").contains("có thể trùng"))
            assertSnapshot(lines, named: "form-duplicate-\(size.width)x\(size.height)")
        }
        // Saving: the store checks again; a blocked save asks for a second Ctrl-S, which forces it.
        var e = Self.press(&s, "<C-s>")
        #expect(e == [.forms(.saveAchievement(a, draftKind: "achievement", draftKey: "new:CN-H429-0001", force: false))])
        _ = App.update(&s, .forms(.duplicates(1, blockedSave: true)))
        #expect(s.message?.contains("Ctrl-S lần nữa") == true)
        e = Self.press(&s, "<F2>")
        #expect(e == [.forms(.saveAchievement(a, draftKind: "achievement", draftKey: "new:CN-H429-0001", force: true))])
    }

    @Test func collectiveCannotBeLeader() {
        var f = FormRules.editCandidate(Self.phong1)
        f.units = [Self.nghiloc]
        var s = Self.state(f)
        Self.press(&s, "<Down><Down><Down><Down><Space><Tab>")
        #expect(Self.form(s)?.problems["is_leader"]?.key == "import.leader_collective")
    }

    @Test func englishMessages() {
        var s = Self.state(FormRules.newAchievement(candidate: Self.hanh, year: 2019), size: Size(width: 120, height: 40), english: true)
        Self.press(&s, "<C-u>2091<Tab>")
        #expect(App.view(s).lines().joined().contains("\"2091\" must be within 1945.."))
    }

    // MARK: Typing, pick lists, saving

    @Test func vietnameseTypingInTheMiddleOfAWord() {
        var s = Self.state(FormRules.newAchievement(candidate: Self.hanh, year: 2019))
        Self.press(&s, "<Down><Down><Down><Down><Down><Down><Down>Sáng kiến cấp tỉnh<C-a><Right><Right><Right><Right>x")
        #expect(Self.form(s)?.value("note") == "Sángx kiến cấp tỉnh")
    }

    @Test func pickListFiltersWithoutDiacritics() {
        var p = PickState(field: "unit_code", options: [Self.nghean, Self.nghiloc, Self.dienchau].map { PickOption(code: $0.code, label: $0.name) },
                          query: "nghi loc")
        #expect(p.visible.map(\.code) == ["VKSH.429"])
        p.query = TextField(value: "DIỄN chau")
        #expect(p.visible.map(\.code) == ["VKSH.430"])
        p.query = TextField(value: "vksh")
        #expect(p.visible.count == 2)
        // Award types: only those that apply to the candidate's kind.
        let ind = FormRules.options(for: "type", FormRules.newAchievement(candidate: Self.hanh, year: 2019), awardName: { $0.rawValue })
        let col = FormRules.options(for: "type", FormRules.newAchievement(candidate: Self.phong1, year: 2019), awardName: { $0.rawValue })
        #expect(ind.contains { $0.code == "CSTD_CS" } && !ind.contains { $0.code == "CO_CP" })
        #expect(col.contains { $0.code == "CO_CP" } && !col.contains { $0.code == "CSTD_CS" })
    }

    @Test func pickListTypedAndChosen() {
        for size in Self.sizes {
            var f = FormRules.newCandidate(unit: Self.nghiloc, existingIds: [])
            f.units = [Self.nghean, Self.nghiloc, Self.dienchau]
            var s = Self.state(f, size: size)
            Self.press(&s, "<Down><Down><Down>dien chau")
            #expect(Self.form(s)?.pick?.visible.map(\.code) == ["VKSH.430"])
            assertSnapshot(App.view(s).lines(), named: "form-pick-unit-\(size.width)x\(size.height)")
            let e = Self.press(&s, "<Enter>")
            #expect(Self.form(s)?.value("unit_code") == "VKSH.430" && Self.form(s)?.pick == nil && Self.form(s)?.focus == 4)
            #expect(e.count == 1)
        }
    }

    @Test func suggestedIdsFollowTheUnit() {
        #expect(FormRules.suggestId(kind: .individual, unitCode: "VKSH.429", existing: ["CN-H429-0001", "CN-H429-0012", "TT-H429-00"]) == "CN-H429-0013")
        #expect(FormRules.suggestId(kind: .individual, unitCode: "VKSH.429", existing: []) == "CN-H429-0001")
    }

    @Test func everyChangeSavesTheDraft() {
        var s = Self.state(FormRules.newAchievement(candidate: Self.hanh, year: 2019))
        let e = Self.press(&s, "<End>x")
        guard case .forms(.saveDraft(let kind, let key, let json)) = e.first else { Issue.record("no draft saved: \(e)"); return }
        #expect(kind == "achievement" && key == "new:CN-H429-0001")
        let d = FormRules.decode(json)
        #expect(d?.values["year"] == "2019x" && d?.subject == "Nguyễn Thị Hạnh")
        // Moving between fields alone changes nothing.
        #expect(Self.press(&s, "<Tab>").allSatisfy { if case .forms(.saveDraft) = $0 { false } else { true } })
    }

    @Test func savingAValidCandidate() {
        var f = FormRules.newCandidate(unit: Self.nghiloc, existingIds: ["CN-H429-0001"])
        f.units = [Self.nghiloc]
        var s = AppState(year: 2019, size: Size(width: 80, height: 24))
        s.stack.append(.candidates(CandidatesState(unit: Self.nghiloc)))
        s.stack.append(.form(f))
        Self.press(&s, "<Down><Down>Lê Văn Tùng<Tab><Tab>Kiểm sát viên")
        let e = Self.press(&s, "<C-s>")
        let c = Candidate(id: "CN-H429-0002", kind: .individual, name: "Lê Văn Tùng", unitCode: "VKSH.429", position: "Kiểm sát viên")
        #expect(e == [.forms(.saveCandidate(c, isNew: true, draftKind: "candidate", draftKey: "new:VKSH.429"))])
        let after = App.update(&s, .forms(.saved(label: "Lê Văn Tùng")))
        #expect(after == [.loadCandidates(unitCode: "VKSH.429", year: 2019)])
        #expect(s.message == "Đã lưu: Lê Văn Tùng")
        guard case .candidates = s.screen else { Issue.record("form not closed"); return }
    }

    @Test func storeErrorsShownOnTheirFields() {
        var s = Self.state(FormRules.newAchievement(candidate: Self.hanh, year: 2019))
        Self.press(&s, "<Tab>HTXSNV<Enter>")
        _ = App.update(&s, .forms(.rejected([FormProblem(field: "type", key: "import.once_per_year", args: ["HTXSNV", "2019", "CN-H429-0001"])])))
        #expect(Self.form(s)?.problems["type"]?.key == "import.once_per_year" && Self.form(s)?.focus == 1)
        #expect(App.view(s).lines().joined().contains("HTXSNV chỉ được một lần mỗi năm"))
    }

    @Test func saveWithErrorsFocusesTheFirst() {
        var s = Self.state(FormRules.newAchievement(candidate: Self.hanh, year: 2019))
        let e = Self.press(&s, "<Down><Down>x<C-s>")
        #expect(e.allSatisfy { if case .forms(.saveAchievement) = $0 { false } else { true } })
        #expect(Self.form(s)?.focus == 1 && s.message == "Chưa lưu: 1 ô cần sửa.")
    }

    @Test func escapeOnAChangedFormAsksThenDiscardsTheDraft() {
        var s = AppState(year: 2019, size: Size(width: 80, height: 24))
        s.stack.append(.form(FormRules.newAchievement(candidate: Self.hanh, year: 2019)))
        Self.press(&s, "<End>1<Esc>")
        #expect(Self.form(s)?.confirmCancel == true)
        #expect(App.view(s).lines().joined().contains("Bỏ các thay đổi chưa lưu?"))
        let e = Self.press(&s, "<Enter>")
        #expect(e == [.forms(.discardDraft(kind: "achievement", key: "new:CN-H429-0001"))])
        #expect(s.stack.count == 1)
    }

    // MARK: Lists, profile, confirmations, undo

    static func candidatesState() -> AppState {
        var s = AppState(year: 2019, size: Size(width: 80, height: 24))
        var c = CandidatesState(unit: nghiloc)
        c.rows = [CandidateRow(candidate: hanh, unitName: nghiloc.name, eligible: true, recordCount: 4, topAward: .CSTD_CS, topAwardYear: 2018)]
        c.loaded = true
        s.stack.append(.candidates(c))
        return s
    }

    @Test func candidateListKeys() {
        var s = Self.candidatesState()
        #expect(Self.press(&s, "n") == [.forms(.loadUnits)])
        #expect(Self.form(s)?.value("unit_code") == "VKSH.429" && Self.form(s)?.value("id") == "CN-H429-0002")
        s = Self.candidatesState()
        #expect(Self.press(&s, "a") == [.forms(.loadUnits)])
        s = Self.candidatesState()
        Self.press(&s, "E")
        #expect(Self.form(s)?.target == .editCandidate(id: "CN-H429-0001") && Self.form(s)?.value("name") == "Nguyễn Thị Hạnh")
        s = Self.candidatesState()
        #expect(Self.press(&s, "r") == [])
        #expect(Self.form(s)?.target == .newAchievement(candidateId: "CN-H429-0001"))
        // `e` stays the eligible filter.
        s = Self.candidatesState()
        Self.press(&s, "e")
        guard case .candidates(let c) = s.screen else { Issue.record(); return }
        #expect(c.eligibleOnly)
    }

    /// Issue 20: the breadcrumb is the place (level › unit › candidate), not the chain of screens that led there:
    /// Diễn Châu's list, then a search jump to a Nghi Lộc candidate, reads as Nghi Lộc's.
    @Test func breadcrumbShowsThePlaceNotTheHistory() {
        var s = Self.candidatesState()
        s.stack.insert(.candidates(CandidatesState(unit: Self.dienchau)), at: 1)
        var p = ProfileState(id: Self.hanh.id)
        p.data = ProfileData(candidate: Self.hanh, unitPath: [Self.nghean, Self.nghiloc], records: [],
                             verdict: Verdict(candidateId: Self.hanh.id, kind: .individual, year: 2019, eligible: false, parameters: .plan, clauses: []),
                             provenance: nil)
        s.stack.append(.profile(p))
        #expect(App.breadcrumb(s) == " Các cấp › VKSND cấp huyện › VKSND huyện Nghi Lộc › Nguyễn Thị Hạnh")
        // Cut to a width, the places in between give way first; the candidate stays whole.
        #expect(App.breadcrumb(s, width: 50).hasSuffix("› Nguyễn Thị Hạnh"))
        #expect(displayWidth(of: App.breadcrumb(s, width: 50)) <= 50)
    }

    @Test func deleteAsksFirst() {
        for size in Self.sizes {
            var s = Self.candidatesState()
            s.size = size
            #expect(Self.press(&s, "D") == [])
            #expect(s.forms.confirm == .deleteCandidate(id: "CN-H429-0001", name: "Nguyễn Thị Hạnh", records: 4))
            assertSnapshot(App.view(s).lines(), named: "form-confirm-delete-\(size.width)x\(size.height)")
            var no = s
            #expect(Self.press(&no, "<Esc>") == [] && no.forms.confirm == nil)
            #expect(Self.press(&s, "<Enter>") == [.forms(.deleteCandidate("CN-H429-0001"))])
            #expect(s.forms.confirm == nil)
            #expect(App.update(&s, .forms(.deleted(label: "Nguyễn Thị Hạnh"))) == [.loadCandidates(unitCode: "VKSH.429", year: 2019)])
            #expect(s.message == "Đã xoá: Nguyễn Thị Hạnh (u: hoàn tác)")
        }
    }

    @Test func undoTheLastChange() {
        var s = Self.candidatesState()
        #expect(Self.press(&s, "u") == [.forms(.undo)])
        #expect(App.update(&s, .forms(.undone(label: "Nguyễn Thị Hạnh"))) == [.loadCandidates(unitCode: "VKSH.429", year: 2019)])
        #expect(s.message == "Đã hoàn tác: Nguyễn Thị Hạnh")
        _ = App.update(&s, .forms(.undone(label: nil)))
        #expect(s.message == "Không có gì để hoàn tác")
    }

    /// A record's change is told with its award's name, never the catalog code the store keeps in the label.
    @Test func changesNameTheAward() {
        var s = Self.candidatesState()
        _ = App.update(&s, .forms(.saved(label: "2019 BK_UBND")))
        #expect(s.message?.contains(s.strings("award.BK_UBND")) == true && s.message?.contains("BK_UBND") == false)
        _ = App.update(&s, .forms(.undone(label: "CN-H429-0001 2019 HTXSNV")))
        #expect(s.message == "Đã hoàn tác: CN-H429-0001 2019 " + s.strings("award.HTXSNV"))
    }

    @Test func profileRecordCursorEditsAndDeletes() {
        var s = AppState(year: 2019, size: Size(width: 120, height: 40))
        var p = ProfileState(id: Self.hanh.id)
        let r1 = Achievement(id: 7, candidateId: Self.hanh.id, year: 2018, type: .CSTD_CS, decisionNo: "12/QĐ")
        let r2 = Achievement(id: 9, candidateId: Self.hanh.id, year: 2019, type: .SANG_KIEN, decisionNo: "45/QĐ-VKS", decisionDate: "2019-03-12")
        p.data = ProfileData(candidate: Self.hanh, unitPath: [Self.nghean, Self.nghiloc], records: [r1, r2],
                             verdict: Verdict(candidateId: Self.hanh.id, kind: .individual, year: 2019, eligible: false, parameters: .plan, clauses: []),
                             provenance: nil)
        s.stack.append(.profile(p))
        var t = s
        Self.press(&t, "r")
        #expect(Self.form(t)?.target == .newAchievement(candidateId: Self.hanh.id) && Self.form(t)?.value("year") == "2019")
        // The history shows 2019 first, so the cursor starts on record 9; in the history pane ↓ moves it to 7.
        assertSnapshot(App.view(s).lines(), named: "profile-record-cursor-120x40")
        var d = s
        Self.press(&s, "E")
        #expect(Self.form(s)?.target == .editAchievement(rowId: 9, candidateId: Self.hanh.id))
        #expect(Self.form(s)?.value("decision_date") == "12/03/2019")
        Self.press(&d, "<Tab>j")
        assertSnapshot(App.view(d).lines(), named: "profile-record-cursor-moved-120x40")
        var small = d
        small.size = Size(width: 80, height: 24)
        assertSnapshot(App.view(small).lines(), named: "profile-record-cursor-moved-80x24")
        Self.press(&d, "D")
        guard case let .deleteAchievement(rowId, label) = d.forms.confirm else { Issue.record("no confirm"); return }
        #expect(rowId == 7 && !label.hasPrefix("#"))
        #expect(Self.press(&d, "y") == [.forms(.deleteAchievement(7, label: label))])
    }

    // MARK: Drafts offered on start

    @Test func draftOfferedOnStartAndReopened() {
        var f = FormRules.newAchievement(candidate: Self.hanh, year: 2019)
        f.set("type", "SANG_KIEN")
        f.set("note", "Sáng kiến nâng cao chất lượng")
        f.focus = 7
        let json = FormRules.json(FormRules.draft(of: f))
        for size in Self.sizes {
            var s = AppState(year: 2019, size: size)
            _ = App.update(&s, .levelsLoaded([]))
            _ = App.update(&s, .forms(.draftsLoaded([Draft(kind: "achievement", key: "new:CN-H429-0001", json: json,
                                                            updatedAt: "2026-04-12T20:31:05.120Z")])))
            let text = App.view(s).lines().joined(separator: "\n")
            #expect(text.contains("Có bản nháp chưa lưu") && text.contains("Enter: tiếp tục"))
            assertSnapshot(App.view(s).lines(), named: "form-draft-offer-\(size.width)x\(size.height)")
            var keep = s
            #expect(Self.press(&keep, "<Esc>") == [] && keep.forms.offers.isEmpty)
            var drop = s
            #expect(Self.press(&drop, "<Del>") == [.forms(.discardDraft(kind: "achievement", key: "new:CN-H429-0001"))])
            #expect(Self.press(&s, "<Enter>") == [])
            let g = Self.form(s)
            #expect(g?.value("note") == "Sáng kiến nâng cao chất lượng" && g?.value("type") == "SANG_KIEN" && g?.focus == 7)
            #expect(g?.target == .newAchievement(candidateId: "CN-H429-0001"))
        }
    }

    @Test func startAsksForDrafts() {
        #expect(FormsScreens.startEffects == [.forms(.loadDrafts)])
    }

    // MARK: Conflicts

    static func conflicts() -> [ConflictRow] {
        [ConflictRow(id: 3, kind: "achievement", recordKey: "u-77", candidateId: "CN-H429-0001", candidateName: "Nguyễn Thị Hạnh",
                     sourceUnit: "VKSH.429", bundleFile: "nghiloc-2019.dhb",
                     fields: [ConflictField(name: "uid", ours: "u-77", theirs: "u-77"),
                              ConflictField(name: "candidate_id", ours: "CN-H429-0001", theirs: "CN-H429-0001"),
                              ConflictField(name: "year", ours: "2019", theirs: "2019"),
                              ConflictField(name: "type", ours: "SANG_KIEN", theirs: "SANG_KIEN"),
                              ConflictField(name: "decision_no", ours: "45/QĐ-VKS", theirs: "46/QĐ-VKS"),
                              ConflictField(name: "decision_date", ours: "2019-03-12", theirs: "2019-03-12"),
                              ConflictField(name: "note", ours: nil, theirs: "sửa theo bản gốc")]),
         ConflictRow(id: 5, kind: "candidate", recordKey: "CN-H429-0002", candidateId: "CN-H429-0002", candidateName: "Lê Văn Tùng",
                     sourceUnit: "VKSH.429", bundleFile: "nghiloc-2019.dhb",
                     fields: [ConflictField(name: "name", ours: "Lê Văn Tùng", theirs: "Lê Văn Tùng"),
                              ConflictField(name: "position", ours: "Kiểm sát viên", theirs: "Phó Viện trưởng")])]
    }

    @Test func conflictsScreen() {
        for size in Self.sizes {
            var s = AppState(year: 2019, size: size)
            #expect(Self.press(&s, "x") == [.forms(.loadConflicts)])
            _ = App.update(&s, .forms(.conflictsLoaded(Self.conflicts())))
            assertSnapshot(App.view(s).lines(), named: "conflicts-list-\(size.width)x\(size.height)")
            Self.press(&s, "<Enter>")
            assertSnapshot(App.view(s).lines(), named: "conflicts-detail-\(size.width)x\(size.height)")
            #expect(Self.press(&s, "t") == [.forms(.resolveConflict(3, keepTheirs: true))])
            _ = App.update(&s, .forms(.conflictResolved(3, keptTheirs: true)))
            guard case .conflicts(let c) = s.screen else { Issue.record(); return }
            #expect(c.detail && c.rows.map(\.id) == [5])
            #expect(s.message == "Đã lấy bản trong gói: Nguyễn Thị Hạnh. Còn 1.")
            #expect(Self.press(&s, "o") == [.forms(.resolveConflict(5, keepTheirs: false))])
            _ = App.update(&s, .forms(.conflictResolved(5, keptTheirs: false)))
            guard case .conflicts(let d) = s.screen else { Issue.record(); return }
            #expect(!d.detail && d.rows.isEmpty)
            #expect(App.view(s).lines().joined().contains("Không còn xung đột"))
            Self.press(&s, "<Esc>")
            guard case .levels = s.screen else { Issue.record("Esc did not go back"); return }
        }
    }

    @Test func formKeysInHelpAndHints() {
        var s = Self.candidatesState()
        Self.press(&s, "?")
        let help = App.view(s).lines().joined()
        #expect(help.contains("hoàn tác") && help.contains("xoá ứng viên") && help.contains("thêm thành tích"))
        var l = AppState(year: 2019, size: Size(width: 120, height: 40))
        #expect(App.view(l).lines().last?.contains("xung đột gói") == true)
        Self.press(&l, "?")
        #expect(App.view(l).lines().joined().contains("xung đột gói"))
    }
}
