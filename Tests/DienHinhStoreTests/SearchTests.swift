import DienHinhCore
@testable import DienHinhStore
import Foundation
import Testing

@Suite struct SearchTests {
    @Test func diacriticInsensitiveNames() throws {
        let db = try makeDatabase(demo: .small)
        let found = try db.candidates(CandidateFilter(search: "nguyen van duc"))
        #expect(found.contains { $0.candidate.name == "Nguyễn Văn Đức" })
        // Every word of the query is in the person's name/position, or every word in the unit's name.
        let words = ["nguyen", "van", "duc"]
        #expect(found.allSatisfy { c in
            let person = TextFolding.fold(c.candidate.name + " " + (c.candidate.position ?? ""))
            let unit = TextFolding.fold(c.unitName)
            return words.allSatisfy(person.contains) || words.allSatisfy(unit.contains)
        })
        #expect(try db.candidates(CandidateFilter(search: "nguyen van duc xyzzy")).isEmpty)
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
