import DienHinhCore
@testable import DienHinhStore
import Foundation
import GRDB
import Testing

/// An import as large as the table it joins loads with the indexes built afterwards, in its transaction.
@Suite struct BulkImportTests {
    static func initiatives(_ ids: [String], perCandidate: Int) -> Data {
        var text = "candidate_id,year,type,decision_no\n"
        for id in ids { for k in 0..<perCandidate { text += "\(id),\(2000 + k % 20),SANG_KIEN,\(k)/QĐ-THU\n" } }
        return Data(text.utf8)
    }

    @Test func largeImportKeepsEveryIndexAndEveryRow() throws {
        let db = try makeDatabase(demo: .small)
        try db.write { try $0.execute(sql: "DELETE FROM achievement") }
        let ids = try db.read { try String.fetchAll($0, sql: "SELECT id FROM candidate ORDER BY id") }
        let indexesBefore = try db.read { try String.fetchAll($0, sql: "SELECT name || ' ' || sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'achievement' ORDER BY name") }
        let perCandidate = 10_000 / ids.count + 1
        let report = try db.importAchievements(Self.initiatives(ids, perCandidate: perCandidate), file: "big.csv", dryRun: false, strings: vi)
        #expect(report.achievements == ids.count * perCandidate && report.achievements >= 10_000)
        #expect(try db.achievementCount() == report.achievements)
        let indexesAfter = try db.read { try String.fetchAll($0, sql: "SELECT name || ' ' || sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'achievement' ORDER BY name") }
        #expect(indexesAfter == indexesBefore)
        #expect(try db.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        // SQLite's own foreign-key lookups were off for the load (the rules checked every reference): none is
        // broken, and enforcement is back on for every later write.
        #expect(try db.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty)
        #expect(try db.read { try Bool.fetchOne($0, sql: "PRAGMA foreign_keys") } == true)
        #expect(throws: DatabaseError.self) {
            try db.write { try $0.execute(sql: "INSERT INTO achievement (candidate_id, year, type) VALUES ('NO-SUCH-ID', 2019, 'SANG_KIEN')") }
        }
        // The rebuilt covering index answers the whole-sector read.
        let year = try db.defaultReviewYear()
        #expect(try db.verdicts(ids: nil, year: year).count == ids.count)
    }

    /// Why a load may skip SQLite's own reference checks: the rules accept only catalog award codes, and every
    /// one of them is in the database's award table.
    @Test func everyCatalogAwardIsInTheAwardTable() throws {
        let db = try makeDatabase()
        let stored = Set(try db.read { try String.fetchAll($0, sql: "SELECT code FROM award_type") })
        #expect(Set(AwardCode.allCases.map(\.rawValue)).isSubset(of: stored))
    }

    @Test func refusedLargeImportLeavesTheFileAlone() throws {
        let db = try makeDatabase(demo: .small)
        try db.write { try $0.execute(sql: "DELETE FROM achievement") }
        try db.checkpoint()
        let ids = try db.read { try String.fetchAll($0, sql: "SELECT id FROM candidate ORDER BY id") }
        var data = Self.initiatives(ids, perCandidate: 10_000 / ids.count + 1)
        data.append(Data("NO-SUCH-ID,2019,SANG_KIEN,1\n".utf8))
        let before = try Data(contentsOf: URL(fileURLWithPath: db.path))
        #expect(throws: ImportFailure.self) {
            try db.importAchievements(data, file: "big.csv", dryRun: false, strings: vi)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: db.path)) == before)
        #expect(try db.achievementCount() == 0)
        #expect(try db.read { try Bool.fetchOne($0, sql: "PRAGMA foreign_keys") } == true)
    }

    /// Rows are written while later ones are still being checked: a problem on the last line still refuses the
    /// whole file, with the rows before it never committed, and the problems after the first one still reported.
    @Test func problemsLateInALargeFileAreAllReportedAndNothingIsKept() throws {
        let db = try makeDatabase(demo: .small)
        let before = try db.achievementCount()
        let ids = try db.read { try String.fetchAll($0, sql: "SELECT id FROM candidate ORDER BY id") }
        var data = Self.initiatives(ids, perCandidate: 20_000 / ids.count + 1)
        let lines = data.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        data.append(Data("NO-SUCH-ID,2019,SANG_KIEN,1\n\(ids[0]),1066,SANG_KIEN,2\n".utf8))
        do {
            _ = try db.importAchievements(data, file: "big.csv", dryRun: false, strings: vi)
            Issue.record("a file with unknown candidates was imported")
        } catch let f as ImportFailure {
            #expect(f.errors.map(\.position?.line) == [lines + 1, lines + 2])
        }
        #expect(try db.achievementCount() == before)
        #expect(try db.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
    }
}
