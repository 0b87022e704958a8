import DienHinhCore
@testable import DienHinhApp
import DienHinhResources
import DienHinhRuntime
import DienHinhStore
import Foundation
import TerminalKit
import Testing

/// A candidate and a unit named with 2,000 characters of Vietnamese: every line stays inside 80 columns,
/// cut with an ellipsis, and the rest of the screen keeps its place.
@Suite(.serialized) struct LongNameSnapshotTests {
    /// Two thousand characters of real words with every kind of diacritic, ending in a marker that must never show.
    static func longName(_ words: String) -> String {
        var name = ""
        while name.count < 1_990 { name += words + " " }
        return String(name.prefix(1_990)) + " CUỐI-TÊN."
    }

    static let candidateName = longName("Nguyễn Thị Hoàng Phương Quỳnh Như Ý Tôn Nữ Bảo Ngọc Trâm Anh Khuê Tú")
    static let unitName = "VKSND huyện Nghi Lộc " + longName("Nghệ An địa danh dài dằng dặc").dropFirst(21)

    static let db: AppDatabase = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-long-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let db = try! AppDatabase.create(path: dir.appendingPathComponent("long.sqlite").path, demo: .small)
        let csv = "id,kind,name,unit_code,position,complies_with_policy\n"
            + "CN-DAI,individual,Tên tạm,VKSH.429,Kiểm sát viên trung cấp,true\n"
        _ = try! db.importCandidates(Data(csv.utf8), file: "long.csv", dryRun: false, strings: Strings.vi,
                                     provenance: Provenance(unitCode: "VKSH.429", user: "thuky", at: "2020-03-02T08:00:00Z"))
        // Imports refuse names over 200 characters (InputLimits) and unit names are reference data: the file is
        // changed directly, as an older version or a bad migration could have left it.
        try! db.write {
            try $0.execute(sql: "UPDATE candidate SET name = ?, folded = ? WHERE id = 'CN-DAI'",
                           arguments: [candidateName, TextFolding.fold(candidateName) + " | " + TextFolding.fold("Kiểm sát viên trung cấp")])
            try $0.execute(sql: "UPDATE unit SET name = ? WHERE code = 'VKSH.429'", arguments: [unitName])
        }
        return db
    }()

    func screen(keys: String, profile: String? = nil) throws -> [String] {
        let loop = AppLoop(state: AppState(year: 2020, size: Size(width: 80, height: 24)), runner: EffectRunner(db: Self.db))
        loop.start()
        if let profile { loop.openProfile(profile) }
        loop.press(try KeyScript.parse(keys))
        return App.view(loop.state).lines()
    }

    func expectFits(_ lines: [String]) {
        #expect(lines.count == 24)
        for line in lines { #expect(displayWidth(of: line) <= 80, "too wide: \(line)") }
        #expect(!lines.joined().contains("CUỐI-TÊN"), "the end of a 2,000-character name cannot fit on one line")
    }

    @Test func namesAreTwoThousandCharacters() throws {
        #expect(Self.candidateName.count == 2_000)
        #expect(Self.unitName.count == 2_000)
        let stored = try #require(try Self.db.read { try String.fetchOne($0, sql: "SELECT name FROM candidate WHERE id = 'CN-DAI'") })
        #expect(stored == Self.candidateName)
    }

    @Test func browseList() throws {
        let lines = try screen(keys: "/nghi loc<Enter>")
        assertSnapshot(lines, named: "long-name-candidates-80x24")
        expectFits(lines)
        #expect(lines.contains { $0.contains("Nguyễn Thị Hoàng Phương") && $0.contains("Cá nhân") })
    }

    @Test func profile() throws {
        let lines = try screen(keys: "", profile: "CN-DAI")
        assertSnapshot(lines, named: "long-name-profile-80x24")
        expectFits(lines)
        #expect(lines.contains { $0.contains("Tiêu chuẩn 1.2") })
    }

    @Test func profileScrolled() throws {
        let lines = try screen(keys: "jjjjjjjjjjjj", profile: "CN-DAI")
        assertSnapshot(lines, named: "long-name-profile-scrolled-80x24")
        expectFits(lines)
    }
}
