import DienHinhCore
@testable import DienHinhApp
import DienHinhResources
import DienHinhRuntime
import DienHinhStore
import Foundation
import TerminalKit
import Testing

/// The forms through the real effect runner on a small demo database: drafts, save, duplicates, undo, conflicts.
@Suite(.serialized) struct FormStoreTests {
    static func freshDB() throws -> (AppDatabase, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-forms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("forms.sqlite").path
        return (try AppDatabase.create(path: path, demo: .small), path)
    }

    static func loop(_ db: AppDatabase, size: Size = Size(width: 120, height: 40)) -> AppLoop {
        let l = AppLoop(state: AppState(year: 2019, size: size), runner: EffectRunner(db: db))
        l.start()
        return l
    }

    func count(_ db: AppDatabase, _ table: String) throws -> Int {
        table == "candidate" ? try db.candidateCount() : try db.achievementCount()
    }

    @Test func typedRecordSurvivesARestartAsADraft() throws {
        let (db, _) = try Self.freshDB()
        let before = try count(db, "achievement")
        let l = Self.loop(db)
        l.press(try KeyScript.parse("/nghi loc<Enter>jr<Tab>sang kien<Enter><Tab><Tab>45/QĐ-VKS<Tab>12/03/2019<Tab><Tab>Sáng kiến nâng cao"))
        guard case .form(let f) = l.state.screen else { Issue.record("no form"); return }
        #expect(f.value("type") == "SANG_KIEN" && f.value("note") == "Sáng kiến nâng cao")
        #expect(try db.drafts().count == 1)
        #expect(try count(db, "achievement") == before)
        // A new program on the same database: the draft is offered, Enter reopens it.
        let again = Self.loop(db)
        #expect(again.state.forms.offers.count == 1)
        again.press([.enter])
        guard case .form(let g) = again.state.screen else { Issue.record("draft not reopened"); return }
        #expect(g.value("note") == "Sáng kiến nâng cao" && g.value("decision_no") == "45/QĐ-VKS" && g.target == f.target)
        // Saved: one record more, the draft gone, the profile or list reloaded.
        again.press([.ctrl("s")])
        #expect(try count(db, "achievement") == before + 1)
        #expect(try db.drafts().isEmpty)
        #expect(again.state.message?.hasPrefix("Đã lưu") == true)
        // The same again is flagged as a likely duplicate before saving.
        let third = Self.loop(db)
        third.press(try KeyScript.parse("/nghi loc<Enter>jr<Tab>sang kien<Enter><Tab><Tab>45/QĐ-VKS<Tab>"))
        guard case .form(let h) = third.state.screen else { Issue.record(); return }
        #expect(h.problems["decision_no"]?.warning == true && h.duplicates == 1)
        third.press([.ctrl("s")])
        #expect(try count(db, "achievement") == before + 1)
        third.press([.ctrl("s")])
        #expect(try count(db, "achievement") == before + 2)
        // Undo takes the last one back.
        third.press([.char("u")])
        #expect(try count(db, "achievement") == before + 1)
        #expect(third.state.message?.hasPrefix("Đã hoàn tác") == true)
        // Any number of steps back in this run, then forward again with U, and no further.
        third.press([.char("u")])
        #expect(try count(db, "achievement") == before)
        third.press([.char("U"), .char("U")])
        #expect(try count(db, "achievement") == before + 2)
        #expect(third.state.message?.hasPrefix("Đã làm lại") == true)
        third.press([.char("U")])
        #expect(third.state.message == "Không có gì để làm lại")
        // The profile lists what was undone and redone, by whom.
        third.press([.enter])
        guard case .profile = third.state.screen else { Issue.record("no profile"); return }
        // The history pane (Tab), scrolled to its end, where the changes follow the records.
        third.press([.tab] + Array(repeating: Key.char("j"), count: 60))
        let screen = App.view(third.state).lines().joined(separator: "\n")
        #expect(screen.contains("Lịch sử sửa đổi (4)"), "\(screen)")
        #expect(screen.contains("làm lại") && screen.contains("hoàn tác"), "\(screen)")
    }

    @Test func newCandidateSavedAndDeletedWithConfirmation() throws {
        let (db, _) = try Self.freshDB()
        let before = try count(db, "candidate")
        let l = Self.loop(db, size: Size(width: 80, height: 24))
        l.press(try KeyScript.parse("/nghi loc<Enter>n<Down><Down>Trần Thị Thu Hà<Tab>"))
        guard case .form(let f) = l.state.screen else { Issue.record("no form"); return }
        #expect(f.units.count > 60)
        l.press(try KeyScript.parse("<Tab>Kiểm sát viên<F2>"))
        #expect(try count(db, "candidate") == before + 1)
        guard case .candidates(let c) = l.state.screen else { Issue.record("back on the list"); return }
        let id = f.value("id")
        #expect(c.rows.contains { $0.candidate.id == id })
        // Search finds the new candidate at once.
        l.press(try KeyScript.parse("<C-f>tran thi thu ha"))
        guard let found = l.state.search?.hits else { Issue.record("no search"); return }
        #expect(found.contains { if case .candidate(let cid, _, _, _, _) = $0 { cid == id } else { false } })
        l.press([.escape])
        let i = try #require(c.visible.firstIndex { $0.candidate.id == id })
        l.press(Array(repeating: Key.down, count: i) + [.char("D")])
        #expect(l.state.forms.confirm != nil)
        #expect(try count(db, "candidate") == before + 1)
        l.press([.enter])
        #expect(try count(db, "candidate") == before)
        l.press([.char("u")])
        #expect(try count(db, "candidate") == before + 1)
    }

    @Test func aBurstOfKeysWritesTheLastDraftAndASaveInTheSameBurstLeavesNone() throws {
        let (db, _) = try Self.freshDB()
        let before = try count(db, "achievement")
        let l = Self.loop(db)
        l.press(try KeyScript.parse("/nghi loc<Enter>jr<Tab>SANG_KIEN<Enter><Tab><Tab>12/QĐ-X<Tab><Tab><Tab>hoàn thành xuất sắc"))
        #expect(try db.drafts().first.flatMap { FormRules.decode($0.json) }?.values["note"] == "hoàn thành xuất sắc")
        l.press(try KeyScript.parse(" nhiệm vụ<C-s>"))
        #expect(try db.drafts().isEmpty)
        #expect(try count(db, "achievement") == before + 1)
    }

    @Test func storeRefusalShownOnTheField() throws {
        let (db, _) = try Self.freshDB()
        let l = Self.loop(db)
        // The id of an existing candidate: only the store knows it is taken.
        l.press(try KeyScript.parse("/nghi loc<Enter>n<C-u>CN-H429-0001<Tab><Tab>Trùng Mã<F2>"))
        guard case .form(let f) = l.state.screen else { Issue.record("form closed"); return }
        #expect(f.problems["id"]?.key == "import.id_exists")
        #expect(App.view(l.state).lines().joined().contains("đã có trong cơ sở dữ liệu"))
    }

    @Test func conflictsFromARealBundle() throws {
        let (centre, _) = try Self.freshDB()
        let (unit, _) = try Self.freshDB()
        // The unit corrects a record; the centre corrected the same one differently.
        let rid = try #require(try unit.achievements(of: "CN-H429-0001").first?.id)
        var a = try #require(try unit.achievements(of: "CN-H429-0001").first)
        a.note = "bản của huyện"
        try unit.updateAchievement(a)
        var b = try #require(try centre.achievements(of: "CN-H429-0001").first { $0.id == rid })
        b.note = "bản của trung tâm"
        try centre.updateAchievement(b)
        let bundle = try unit.exportBundle(unit: "VKSH.429")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("nghiloc-\(UUID().uuidString).dhb")
        try bundle.data.write(to: file)
        _ = try centre.importUnsignedBundle(try Data(contentsOf: file), file: file.lastPathComponent, strings: .vi)
        let open = try centre.conflicts()
        #expect(open.count >= 1)
        let l = Self.loop(centre)
        l.press([.char("x")])
        guard case .conflicts(let s) = l.state.screen else { Issue.record("no conflicts screen"); return }
        #expect(s.rows.count == open.count)
        l.press([.enter])
        #expect(App.view(l.state).lines().joined().contains("bản của huyện"))
        l.press([.char("t")])
        #expect(try centre.conflicts().count == open.count - 1)
        #expect(try centre.achievements(of: "CN-H429-0001").contains { $0.note == "bản của huyện" })
    }
}

extension AppDatabase {
    /// An unsigned bundle merged as `import bundle --accept-unsigned` does.
    func importUnsignedBundle(_ data: Data, file: String, strings: Strings) throws -> BundleReport {
        try importBundle(data, file: file, strings: strings, acceptUnsigned: true)
    }
}
