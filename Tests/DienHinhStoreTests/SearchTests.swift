import DienHinhCore
@testable import DienHinhStore
import Foundation
import Testing

@Suite struct SearchTests {
    @Test func diacriticInsensitiveNames() throws {
        let db = try makeDatabase(demo: .small)
        let found = try db.candidates(CandidateFilter(search: "nguyen van duc"))
        #expect(found.contains { $0.candidate.name == "Nguyễn Văn Đức" })
        #expect(found.allSatisfy { TextFolding.fold($0.candidate.name).contains("nguyen van duc") || TextFolding.fold($0.unitName).contains("duc") })
        let upper = try db.candidates(CandidateFilter(search: "NGUYỄN VĂN ĐỨC"))
        #expect(upper.map(\.candidate.id) == found.map(\.candidate.id))
    }

    @Test func oldAndNewTonePlacementFindBothUnits() throws {
        let db = try makeDatabase()
        let units = try db.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM unit WHERE folded LIKE '%hoa binh%' AND is_current = 1 ORDER BY code")
        }
        #expect(units.contains("VKSND tỉnh Hoà Bình"))
        #expect(units.contains("VKSND thành phố Hòa Bình"))
        #expect(units.contains("VKSND huyện Hoà Bình"))
        #expect(TextFolding.fold("Hoà Bình") == TextFolding.fold("Hòa Bình"))
    }
}
