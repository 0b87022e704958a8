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

@Suite struct SearchIndexTests {
    @Test func rankingAndNarrowing() throws {
        let db = try makeDatabase(demo: .small)
        let index = try db.searchIndex()
        let r = index.search("nguyen van duc")
        #expect(r.people.first?.name == "Nguyễn Văn Đức")
        #expect(r.leadingPeople >= 1)
        // Typing on narrows the previous matches; going back widens again: same answers as fresh indexes.
        _ = index.search("ng")
        let narrowed = index.search("nghi loc")
        let fresh = try db.searchIndex().search("nghi loc")
        #expect(narrowed.people.map(\.id) == fresh.people.map(\.id))
        #expect(narrowed.units.map(\.code) == ["VKSH.429"])
        let widened = index.search("nghi")
        #expect(widened.total >= narrowed.total)
        #expect(widened.people.map(\.id) == (try db.searchIndex().search("nghi")).people.map(\.id))
        // Diacritics and đ fold in the query too.
        #expect(index.search("NGUYỄN VĂN ĐỨC").people.map(\.id) == r.people.map(\.id))
        #expect(index.search("zzzz").total == 0)
        // Units whose name holds the whole phrase come first, and are counted as such.
        for query in ["ha noi", "nghe an", "thanh pho", "an", "binh"] {
            let u = index.search(query).units
            let lead = index.search(query).leadingUnits
            #expect(lead > 0 && u.prefix(lead).allSatisfy { TextFolding.fold($0.name).contains(query) }, "\(query)")
            #expect(u.dropFirst(lead).allSatisfy { !TextFolding.fold($0.name).contains(query) }, "\(query)")
        }
    }
}

@Suite struct NearMatchSearchTests {
    /// A typo that finds nobody offers the names one edit away; a query that finds people offers none.
    @Test func aTypoOffersTheNamesOneEditAway() throws {
        let db = try makeDatabase(demo: .small)
        let index = try db.searchIndex()
        let r = index.search("nguyen van duk")
        #expect(r.total == 0)
        #expect(!r.near.isEmpty)
        #expect(r.near.contains { $0.name == "Nguyễn Văn Đức" })
        #expect(r.near.allSatisfy { NearMatch.oneEditApart(TextFolding.fold("nguyen van duk"), TextFolding.fold($0.name)) })
        // Every one-edit name of the index is offered (the demo has fewer than the limit).
        let all = index.people.filter { NearMatch.oneEditApart("nguyen van duk", TextFolding.fold($0.name)) }
        #expect(r.near.map(\.id) == all.map(\.id))
        #expect(index.search("nguyen van duc").near.isEmpty)
        // Short queries are not guessed at, and the limit holds.
        #expect(index.search("duk").near.isEmpty)
        #expect(index.nearMatches("nguyen van duk", limit: 1).count == 1)
    }
}
