import DienHinhCore
@testable import DienHinhStore
import Foundation
import GRDB
import Testing

/// The sector's structure is kept while the units stay as they were (issue 23): a saved record does not make it
/// be read again, and any change to the units, on any connection, does.
@Suite struct StructureCacheTests {
    struct Abandon: Error {}

    @Test func theUnitTokenMovesWithTheUnitsAlone() throws {
        let db = try makeDatabase(demo: .small)
        func token() throws -> Int64 { try db.read { try #require(try Int64.fetchOne($0, sql: "SELECT token FROM unit_version")) } }
        let first = try token()
        let someone = try #require(try db.read { try String.fetchOne($0, sql: "SELECT MIN(id) FROM candidate") })
        _ = try db.saveAchievement(Achievement(candidateId: someone, year: 2019, type: .SANG_KIEN, decisionNo: "12/QĐ"))
        try db.saveDraft(kind: "achievement", key: "k", json: "{}")
        #expect(try token() == first)

        let code = try #require(try db.structure().units.first?.code)
        try db.write { try $0.execute(sql: "UPDATE unit SET short_name = short_name || '.' WHERE code = ?", arguments: [code]) }
        let renamed = try token()
        #expect(renamed != first)
        // A change rolled back leaves the token it found.
        #expect(throws: Abandon.self) {
            try db.write { d in
                try d.execute(sql: "UPDATE unit SET short_name = 'Bỏ dở' WHERE code = ?", arguments: [code])
                #expect(try Int64.fetchOne(d, sql: "SELECT token FROM unit_version") != renamed)
                throw Abandon()
            }
        }
        #expect(try token() == renamed)
    }

    @Test func theStructureFollowsUnitChangesOnAnyConnection() throws {
        let db = try makeDatabase(demo: .small)
        let before = try db.structure()
        let code = try #require(before.units.first?.code)
        let someone = try #require(try db.read { try String.fetchOne($0, sql: "SELECT MIN(id) FROM candidate") })
        _ = try db.saveAchievement(Achievement(candidateId: someone, year: 2019, type: .SANG_KIEN, decisionNo: "13/QĐ"))
        #expect(try db.structure().byCode[code]?.shortName == before.byCode[code]?.shortName)

        let other = try AppDatabase(path: db.path)
        try other.write { try $0.execute(sql: "UPDATE unit SET short_name = 'Đổi tên' WHERE code = ?", arguments: [code]) }
        #expect(try db.structure().byCode[code]?.shortName == "Đổi tên")
        try db.write { try $0.execute(sql: "UPDATE unit SET short_name = 'Lần nữa' WHERE code = ?", arguments: [code]) }
        #expect(try db.structure().byCode[code]?.shortName == "Lần nữa")
    }
}
