import DienHinhCore
@testable import DienHinhApp
import DienHinhRuntime
import DienHinhStore
import Foundation
import TerminalKit
import Testing

/// Every screen at 80x24 and 120x40 as readable text grids, from the small demo database.
@Suite(.serialized) struct SnapshotTests {
    static let db: AppDatabase = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-snap-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return try! AppDatabase.create(path: dir.appendingPathComponent("snap.sqlite").path, demo: .small)
    }()
    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

    func screen(_ size: Size, keys: String, profile: String? = nil) throws -> [String] {
        let loop = AppLoop(state: AppState(year: 2020, size: size), runner: EffectRunner(db: Self.db))
        loop.start()
        if let profile { loop.openProfile(profile) }
        loop.press(try KeyScript.parse(keys))
        return App.view(loop.state).lines()
    }

    func check(_ name: String, keys: String, profile: String? = nil) throws {
        for size in Self.sizes {
            assertSnapshot(try screen(size, keys: keys, profile: profile), named: "\(name)-\(size.width)x\(size.height)")
        }
    }

    @Test func levels() throws { try check("levels", keys: "") }
    @Test func supremeTree() throws { try check("units-supreme", keys: "1") }
    @Test func provincialTreeExpanded() throws { try check("units-provincial", keys: "3jj<Right>j") }
    @Test func districtCandidates() throws { try check("candidates-nghiloc", keys: "/nghi loc<Enter>") }
    @Test func candidatesEligibleFirst() throws { try check("candidates-sorted", keys: "/nghi loc<Enter>s") }
    @Test func unitsFilteredAsYouType() throws { try check("units-filter-typing", keys: "3/nghi l") }
    @Test func unitsFilterKept() throws { try check("units-filter-kept", keys: "3/nghi l<Enter>n") }
    @Test func candidatesFiltered() throws { try check("candidates-filter", keys: "/nghi loc<Enter>/nguyen") }
    @Test func helpOfAFilteredList() throws { try check("help-filtered-candidates", keys: "/nghi loc<Enter>/nguyen<Enter>?") }
    @Test func individualProfile() throws { try check("profile-individual", keys: "", profile: "CN-H429-0001") }
    @Test func collectiveProfile() throws { try check("profile-collective", keys: "", profile: "TT-H429-00") }
    /// The award path pane (issue 17): Tab twice from the verdict, then scrolled.
    @Test func profileAwardPath() throws { try check("profile-path", keys: "<Tab><Tab>", profile: "CN-H426-0005") }
    @Test func collectiveAwardPathScrolled() throws { try check("profile-path-collective", keys: "<Tab><Tab>jjjjjj", profile: "TT-H429-00") }
    @Test func profileHistoryPaneScrolled() throws { try check("profile-history", keys: "<Tab>jjj", profile: "CN-H429-0002") }
    @Test func search() throws { try check("search-nguyen-van-duc", keys: "/nguyen van duc") }
    /// A typo finds nobody: the names one edit away are offered, marked ≈ (issue 20).
    @Test func searchNearMatches() throws { try check("search-near-nguyen-van-duk", keys: "/nguyen van duk") }
    @Test func help() throws { try check("help-candidates", keys: "/nghi loc<Enter>?") }
    @Test func englishProfile() throws {
        let loop = AppLoop(state: AppState(language: .en, year: 2019, size: Size(width: 120, height: 40)), runner: EffectRunner(db: Self.db))
        loop.start()
        loop.openProfile("CN-H429-0001")
        assertSnapshot(App.view(loop.state).lines(), named: "profile-english-120x40")
    }

    @Test func tooSmall() {
        let state = AppState(year: 2020, size: Size(width: 60, height: 20))
        assertSnapshot(App.view(state).lines(), named: "too-small-60x20")
    }

    /// Names that break naive layouts: very long, decomposed (NFD) beside its NFC twin, and one with an escape sequence.
    @Test func hostileNamesAlign() {
        let nfc = "Nguyễn Thị Hồng Nhung"
        var nfdCandidate = Candidate(id: "CN-NFD", kind: .individual, name: nfc, unitCode: "VKSH.429", position: "Kiểm sát viên")
        nfdCandidate.name = nfc.decomposedStringWithCanonicalMapping
        #expect(nfdCandidate.name.unicodeScalars.count > nfc.unicodeScalars.count)
        let rows = [
            CandidateRow(candidate: Candidate(id: "CN-NFC", kind: .individual, name: nfc, unitCode: "VKSH.429", position: "Kiểm sát viên"),
                         unitName: "VKSND huyện Nghi Lộc", eligible: true, recordCount: 3, topAward: .BK_VKSTC, topAwardYear: 2019),
            CandidateRow(candidate: nfdCandidate, unitName: "VKSND huyện Nghi Lộc", eligible: true, recordCount: 3, topAward: .BK_VKSTC, topAwardYear: 2019),
            CandidateRow(candidate: Candidate(id: "CN-LONG", kind: .individual,
                                              name: "Tôn Nữ Thị Hoàng Phương Quỳnh Như Ý Nguyễn Phước Bảo Ngọc Trâm Anh Khuê Tú",
                                              unitCode: "VKSH.429", position: "Phó Viện trưởng", isLeader: true),
                         unitName: "VKSND huyện Nghi Lộc", eligible: false, recordCount: 12, topAward: .HCLD, topAwardYear: 2016),
            CandidateRow(candidate: Candidate(id: "CN-ESC", kind: .individual, name: "Lê Văn \u{1B}[31mĐỏ\u{1B}[0m \u{202E}Tùng",
                                              unitCode: "VKSH.429"),
                         unitName: "VKSND huyện Nghi Lộc", eligible: false, recordCount: 0, topAward: nil, topAwardYear: nil),
        ]
        for size in Self.sizes {
            var state = AppState(year: 2020, size: size)
            var c = CandidatesState(unit: SectorUnit(code: "VKSH.429", name: "VKSND huyện Nghi Lộc", shortName: "Nghi Lộc", level: .district))
            c.rows = rows
            c.loaded = true
            state.stack.append(.candidates(c))
            let lines = App.view(state).lines()
            assertSnapshot(lines, named: "hostile-names-\(size.width)x\(size.height)")
            // The NFD row lines up with its NFC twin, column for column.
            let nfcLine = lines.first { $0.contains("Kiểm sát viên") || $0.contains(nfc) }!
            let nfdLine = lines.first { $0.contains(nfc.decomposedStringWithCanonicalMapping) && $0 != nfcLine }
            if let nfdLine { #expect(displayWidth(of: nfdLine) == displayWidth(of: nfcLine)) }
            #expect(!lines.joined().contains("\u{1B}"))
            #expect(lines.joined().contains("␛[31m"))
        }
    }
}
