import DienHinhCore
import DienHinhResources
@testable import DienHinhApp
import DienHinhRuntime
import DienHinhStore
import Foundation
import TerminalKit
import Testing

/// The dashboard from the small demo database, with a few registrations, nominations and a proposal,
/// measured from an injected date.
@Suite(.serialized) struct DashboardTests {
    static let db: AppDatabase = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-dash-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = try! AppDatabase.create(path: dir.appendingPathComponent("dash.sqlite").path, demo: .small)
        try! db.register(candidateId: "TT-40-00", date: "2017-05-12", planText: "Giữ vững lá cờ đầu", milestones: [])
        try! db.register(candidateId: "TT-H429-00", date: "2017-05-25", planText: nil, milestones: [])
        try! db.register(candidateId: "CN-H429-0001", date: "2017-05-19", planText: nil, milestones: [])
        try! db.nominate(candidateId: "TT-40-00", year: 2020, overrideReason: "thử")
        let top = try! db.ahldProgress(year: 2020, limit: 1).closest[0]
        try! db.propose(candidateId: top.candidate.id, award: .AHLD, year: 2020)
        return db
    }()

    func loop(_ size: Size, year: Int = 2020, today: String = "2020-03-01", language: Language = .vi) -> AppLoop {
        let loop = AppLoop(state: AppState(language: language, year: year, size: size), runner: EffectRunner(db: Self.db, today: today))
        loop.start()
        return loop
    }

    @Test func snapshots() throws {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            let l = loop(size)
            l.press([.char("b")])
            assertSnapshot(App.view(l.state).lines(), named: "dashboard-\(size.width)x\(size.height)")
        }
    }

    @Test func earlierYearShowsItsPhaseAndNextDate() throws {
        let l = loop(Size(width: 120, height: 40), year: 2018, today: "2018-05-01")
        l.press([.char("b")])
        let text = App.view(l.state).lines().joined(separator: "\n")
        #expect(text.contains("Giai đoạn 2"))
        #expect(text.contains("11/06/2018 (còn 41 ngày)"))
        // Changing the year reloads the figures.
        l.press([.char("]")])
        guard case .dashboard(let d) = l.state.screen else { Issue.record("left the dashboard"); return }
        #expect(d.figures?.year == 2019)
        #expect(d.figures?.asOf == "2019-12-31")
    }

    @Test func levelsHintAndHelpMentionTheDashboard() {
        let state = AppState(year: 2020, size: Size(width: 120, height: 40))
        #expect(App.keys(state).contains { $0.key == "b" && $0.label == "key.dashboard" })
    }

    @Test func exportWritesTheReviewReport() throws {
        let l = loop(Size(width: 120, height: 40))
        l.press([.char("b"), .char("x")])
        guard case .dashboard(let d) = l.state.screen else { Issue.record("not on the dashboard"); return }
        #expect(d.exportField != nil)
        // Typing a folder: q and / are text here, not quit and search.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-export-q/\(UUID().uuidString)").path
        l.press(dir.map { Key.char($0) })
        #expect(!l.state.quitting && l.state.search == nil)
        let prompt = App.view(l.state).lines().joined(separator: "\n")
        #expect(prompt.contains("Thư mục ghi báo cáo tổng kết"))
        l.press([.enter])
        for ext in ["xlsx", "csv", "md", "html"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/bao-cao-tong-ket-2020.\(ext)"), "missing \(ext)")
        }
        #expect(l.state.message?.contains(dir) == true)
        // Esc closes the prompt without writing; an empty folder means the database's folder.
        l.press([.char("x"), .escape])
        guard case .dashboard(let after) = l.state.screen else { Issue.record("left the dashboard"); return }
        #expect(after.exportField == nil)
        l.press([.char("x"), .enter])
        let beside = (Self.db.path as NSString).deletingLastPathComponent + "/bao-cao-tong-ket-2020.html"
        #expect(FileManager.default.fileExists(atPath: beside))
    }
}
