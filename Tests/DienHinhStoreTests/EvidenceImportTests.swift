import DienHinhCore
@testable import DienHinhStore
import Foundation
import Testing

/// Issue 14: a re-sent file adds nothing; a copy is said to be one, never stored twice or refused.
@Suite struct EvidenceImportTests {
    static let header = "candidate_id,year,type,class,proposed_award,decision_no,decision_date,issuer,note"

    func seeded() throws -> AppDatabase {
        let db = try makeDatabase()
        _ = try db.importCandidates(ImportExportTests.goodCandidates, file: "c.csv", dryRun: false, strings: vi)
        _ = try db.importAchievements(csv(Self.header,
                                          "CN-T1,2019,HTXSNV,,,12/QĐ-VKS,2019-12-20,Viện trưởng VKSND huyện Nghi Lộc,",
                                          "CN-T1,2019,SANG_KIEN,,,562/QĐ-VKS,2019-05-02,Viện trưởng VKSND tỉnh Nghệ An,Số hoá hồ sơ"),
                                      file: "a.csv", dryRun: false, strings: vi)
        return db
    }

    @Test func ownExportImportedBackIsANoOp() throws {
        let db = try seeded()
        let before = try db.exportAchievements(format: .csv)
        let rows = before.split(separator: "\n").count - 1
        for dry in [true, false] {
            let r = try db.importAchievements(Data(before.utf8), file: "a.csv", dryRun: dry, strings: vi)
            #expect(r.achievements == 0)
            #expect(r.identical.count == rows)
            #expect(r.identical.map(\.line) == Array(2...(rows + 1)))
        }
        #expect(try db.exportAchievements(format: .csv) == before)
    }

    @Test func aOncePerYearRatingSentAgainIsACopyNotARefusal() throws {
        let db = try seeded()
        let r = try db.importAchievements(csv(Self.header, "CN-T1,2019,HTXSNV,,,12/QĐ-VKS,20/12/2019,Viện trưởng VKSND huyện Nghi Lộc,"),
                                          file: "again.csv", dryRun: false, strings: vi)
        #expect(r.achievements == 0 && r.identical.first?.line == 2)
    }

    @Test func copiesWithinOneFileAreSkippedAfterTheFirst() throws {
        let db = try seeded()
        let row = "CN-T2,2019,SANG_KIEN,,,77/QĐ-VKS,2019-06-01,Viện trưởng,Sổ tay"
        let r = try db.importAchievements(csv(Self.header, row, row), file: "twice.csv", dryRun: false, strings: vi)
        #expect(r.achievements == 1 && r.identical.map(\.line) == [3])
        #expect(try db.achievements(of: "CN-T2").filter { $0.type == .SANG_KIEN }.count == 1)
    }

    @Test func theSameDecisionWithOtherDetailsIsRefusedWithItsPosition() throws {
        let db = try seeded()
        let before = try db.exportAchievements(format: .csv)
        do {
            _ = try db.importAchievements(csv(Self.header, "CN-T1,2019,SANG_KIEN,,,562/QĐ-VKS,2019-05-02,Viện trưởng VKSND tỉnh Nghệ An,Khác"),
                                          file: "x.csv", dryRun: false, strings: vi)
            Issue.record("accepted a conflicting row")
        } catch let f as ImportFailure {
            #expect(f.errors.count == 1)
            #expect(f.errors[0].position?.line == 2 && f.errors[0].position?.column == 9)
        }
        #expect(try db.exportAchievements(format: .csv) == before)
    }

    @Test func lookalikesWithoutADecisionAreWrittenAndFlagged() throws {
        let db = try seeded()
        let row = "TT-T1,2019,SANG_KIEN,,,,,,"
        let r = try db.importAchievements(csv(Self.header, row, row), file: "l.csv", dryRun: false, strings: vi)
        #expect(r.achievements == 2 && r.lookalikes.map(\.line) == [3])
    }

    /// The scenario of the issue on the sector demo: one initiative row exported and imported again.
    @Test func reimportedInitiativeLeavesTheVerdictAlone() throws {
        let db = try makeDatabase(demo: .sector)
        let before = try #require(try db.verdict(id: "CN-TC-0016", year: 2020))
        let all = try db.exportAchievements(format: .csv)
        let lines = all.split(separator: "\n", omittingEmptySubsequences: false)
        let initiative = try #require(lines.first { $0.hasPrefix("CN-TC-0016,") && $0.contains(",SANG_KIEN,") })
        let r = try db.importAchievements(Data((lines[0] + "\n" + initiative).utf8), file: "one.csv", dryRun: false, strings: vi)
        #expect(r.achievements == 0 && r.identical.count == 1)
        #expect(try db.verdict(id: "CN-TC-0016", year: 2020) == before)
        #expect(!before.eligible)
    }

    /// The cleaning migration: identical copies already stored go, one audit entry per group; a record that shares
    /// the decision but differs in a detail stays for the secretariat.
    @Test func storedCopiesAreMergedIntoOneWithTheirAuditEntry() throws {
        let db = try seeded()
        try db.write { db in
            try db.execute(sql: "INSERT INTO achievement (candidate_id, year, type, decision_no, decision_date, issuer, note) SELECT candidate_id, year, type, decision_no, decision_date, issuer, note FROM achievement WHERE type = 'SANG_KIEN'")
            try db.execute(sql: "INSERT INTO achievement (candidate_id, year, type, decision_no, decision_date, issuer, note) SELECT candidate_id, year, type, decision_no, decision_date, issuer, note FROM achievement WHERE type = 'SANG_KIEN'")
            try db.execute(sql: "INSERT INTO achievement (candidate_id, year, type, decision_no, decision_date, issuer, note) SELECT candidate_id, year, type, decision_no, decision_date, issuer, 'khác' FROM achievement WHERE type = 'SANG_KIEN' LIMIT 1")
        }
        #expect(try db.achievements(of: "CN-T1").filter { $0.type == .SANG_KIEN }.count == 5)
        try db.write { try AppDatabase.mergeIdenticalRecords($0) }
        let left = try db.achievements(of: "CN-T1").filter { $0.type == .SANG_KIEN }
        #expect(left.count == 2 && Set(left.map { $0.note ?? "" }) == ["Số hoá hồ sơ", "khác"])
        let entries = try db.read { try Audit.entries($0) }.filter { $0.action == "achievement.merge_copies" }
        #expect(entries.count == 1)
        #expect(Audit.detail(entries[0].detail)["removed"]?.split(separator: " ").count == 3)
        #expect(Audit.detail(entries[0].detail)["decision"] == "562/QĐ-VKS")
        try db.write { try AppDatabase.mergeIdenticalRecords($0) }
        #expect(try db.read { try Audit.entries($0) }.filter { $0.action == "achievement.merge_copies" }.count == 1)
    }

    @Test func checkDataListsWhatTheSecretariatMustDecide() throws {
        let db = try seeded()
        #expect(try db.dataAnomalies(reviewYear: 2026).isEmpty)
        try db.write { db in
            try db.execute(sql: "INSERT INTO achievement (candidate_id, year, type, decision_no, note) VALUES ('CN-T1', 2019, 'SANG_KIEN', '562/QĐ-VKS', 'Khác')")
            try db.execute(sql: "INSERT INTO achievement (candidate_id, year, type) VALUES ('TT-T1', 2018, 'SANG_KIEN'), ('TT-T1', 2018, 'SANG_KIEN')")
            try db.execute(sql: "INSERT INTO achievement (candidate_id, year, type, decision_no) VALUES ('CN-T2', 2027, 'HTXSNV', '9/QĐ-VKS')")
        }
        let found = try db.dataAnomalies(reviewYear: 2026)
        // VKSH.429 (a district) ceased on 2025-06-30: the record of 2027 is also for a unit that no longer existed.
        #expect(found.map(\.kind) == [.sameDecisionOtherDetails, .afterReviewYear, .unitDidNotExist, .lookalikeWithoutDecision])
        #expect(found[0].records.count == 2 && found[0].detail == "562/QĐ-VKS")
        #expect(found[2].detail == "VKSH.429")
        #expect(found[3].records.count == 2)
    }
}
