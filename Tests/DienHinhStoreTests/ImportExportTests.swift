import DienHinhCore
@testable import DienHinhStore
import Foundation
import Testing

@Suite struct ImportExportTests {
    static let goodCandidates = csv(
        "id,kind,name,unit_code,position,is_leader,complies_with_policy,internally_united,orgs_clean_strong",
        "TT-T1,collective,VKSND huyện Nghi Lộc,VKSH.429,,,true,true,true",
        "CN-T1,individual,Nguyễn Thị Hồng Nhung,VKSH.429,Viện trưởng,true,true,,",
        "CN-T2,cá nhân,\"Trần Văn \"\"Út\"\", Tư\",VKSH.429,Kiểm sát viên,false,true,,"
    )
    static let goodAchievements = csv(
        "candidate_id,year,type,class,proposed_award,decision_no,decision_date,issuer,note",
        "CN-T1,2016,HCLD,3,,123/QĐ-CTN,12/03/2016,Chủ tịch nước,",
        "CN-T2,2019,DOT_XUAT,,BK_VKSTC,45/QĐ-VKS,2019-03-12,Viện trưởng VKSND tỉnh Nghệ An,\"ghi chú, có dấu phẩy\"",
        "TT-T1,2019,VUOT_CHI_TIEU,,,,,,",
        "TT-T1,2019,SANG_KIEN,,,,,,"
    )

    /// Exports `a`'s candidates and achievements as CSV, imports both into a fresh database and expects it to export
    /// the very same files; returns that database and the candidates' CSV.
    func roundTrip(_ a: AppDatabase, sourceLocation: SourceLocation = #_sourceLocation) throws -> (AppDatabase, candidates: String) {
        let c1 = try a.exportCandidates(format: .csv)
        let a1 = try a.exportAchievements(format: .csv)
        let b = try makeDatabase()
        _ = try b.importCandidates(Data(c1.utf8), file: "c.csv", dryRun: false, strings: vi)
        _ = try b.importAchievements(Data(a1.utf8), file: "a.csv", dryRun: false, strings: vi)
        #expect(try b.exportCandidates(format: .csv) == c1, sourceLocation: sourceLocation)
        #expect(try b.exportAchievements(format: .csv) == a1, sourceLocation: sourceLocation)
        return (b, c1)
    }

    @Test func goodFilesImportAndRoundTrip() throws {
        let a = try makeDatabase()
        _ = try a.importCandidates(Self.goodCandidates, file: "c.csv", dryRun: false, strings: vi)
        _ = try a.importAchievements(Self.goodAchievements, file: "a.csv", dryRun: false, strings: vi)
        #expect(try a.candidate("CN-T2")?.name == "Trần Văn \"Út\", Tư")
        #expect(try a.achievements(of: "CN-T1").first?.decisionDate == "2016-03-12")
        let (b, c1) = try roundTrip(a)
        #expect(try b.exportAchievements(format: .json) == a.exportAchievements(format: .json))
        #expect(c1.hasPrefix("\u{FEFF}id,kind,name"))
    }

    @Test func demoRoundTrip() throws {
        let a = try makeDatabase(demo: .small)
        let (b, _) = try roundTrip(a)
        #expect(try b.candidateCount() == a.candidateCount())
    }

    @Test func dryRunWritesNothing() throws {
        let db = try makeDatabase()
        let r = try db.importCandidates(Self.goodCandidates, file: "c.csv", dryRun: true, strings: vi)
        #expect(r.candidates == 3)
        #expect(try db.candidateCount() == 0)
    }

    @Test func everyErrorReportedWithPosition() throws {
        let db = try makeDatabase()
        _ = try db.importCandidates(Self.goodCandidates, file: "c.csv", dryRun: false, strings: en)
        let bad = csv(
            "candidate_id,year,type,class,proposed_award,decision_no,decision_date,issuer,note",
            "CN-T1,2091,HCLD,2,,,,,",          // line 2: bad year (col 2)
            "CN-T1,2018,HUAN_CHUONG,,,,,,",    // line 3: unknown type (col 3)
            "CN-T1,2018,HCLD,,,,,,",           // line 4: missing class (col 4)
            "CN-T1,2018,CO_CP,,,,,,",          // line 5: collective-only type (col 3)
            "CN-T9,2018,SANG_KIEN,,,,,,",      // line 6: unknown candidate (col 1)
            "CN-T1,2018,SANG_KIEN,,,,31/02/2018,,", // line 7: impossible date (col 7)
            "CN-T1,2018,SANG_KIEN,,,,,,\"broken"   // line 8: quote never closed (col 9)
        )
        do {
            _ = try db.importAchievements(bad, file: "a.csv", dryRun: false, strings: en)
            Issue.record("import should have been refused")
        } catch let f as ImportFailure {
            let got = f.errors.map { "\($0.position!.line):\($0.position!.column)" }
            #expect(got == ["2:2", "3:3", "4:4", "5:3", "6:1", "7:7", "8:9"])
            #expect(f.errors[0].description.hasPrefix("a.csv:2:2: year: \"2091\""))
            #expect(f.errors[6].message.contains("never closed"))
        }
        #expect(try db.achievementCount() == 0)
    }

    @Test func candidateErrors() throws {
        let db = try makeDatabase()
        let bad = csv(
            "id,kind,name,unit_code,position,is_leader,complies_with_policy,internally_united,orgs_clean_strong",
            "CN-1,individual,Lê Văn A,VKST.99,,,true,,",   // unknown unit col 4
            "CN-1,individual,Lê Văn B,VKST.01,,,true,,",   // duplicate id col 1
            "CN-2,robot,Lê Văn C,VKST.01,,,true,,",        // bad kind col 2
            "TT-1,collective,Phòng 1,VKST.01,,,true,maybe,true" // bad bool col 8
        )
        #expect(throws: ImportFailure.self) { try db.importCandidates(bad, file: "c.csv", dryRun: false, strings: en) }
        do {
            _ = try db.importCandidates(bad, file: "c.csv", dryRun: false, strings: en)
        } catch let f as ImportFailure {
            #expect(f.errors.map(\.description) == [
                "c.csv:2:4: unit_code: \"VKST.99\" is not a known unit",
                "c.csv:3:1: id \"CN-1\" repeats line 2",
                "c.csv:4:2: kind: \"robot\" is not individual or collective",
                "c.csv:5:8: internally_united: \"maybe\" is not true or false",
            ])
        }
        #expect(try db.candidateCount() == 0)
    }

    @Test func invalidUTF8RefusedWithOffset() throws {
        var bytes = Array("id,kind,name\nCN-1,individual,Nguy".utf8)
        bytes.append(0xFF)
        let parsed = CSVReader.read(Data(bytes), file: "x.csv")
        #expect(parsed.errors.count == 1)
        #expect(parsed.errors[0].description == "x.csv:2:3: byte \(bytes.count - 1) is not UTF-8; save the file as UTF-8")
    }

    @Test func nfdNamesStoredAsNFCAndFound() throws {
        let db = try makeDatabase()
        let nfd = "Nguyễn Văn Đức".decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count > "Nguyễn Văn Đức".unicodeScalars.count)
        let file = csv("id,kind,name,unit_code,complies_with_policy", "CN-D,individual,\(nfd),VKST.01,true")
        _ = try db.importCandidates(file, file: "c.csv", dryRun: false, strings: vi)
        let stored = try db.read { db in try String.fetchOne(db, sql: "SELECT name FROM candidate WHERE id = 'CN-D'") }
        #expect(stored?.unicodeScalars.elementsEqual("Nguyễn Văn Đức".precomposedStringWithCanonicalMapping.unicodeScalars) == true)
        let found = try db.candidates(CandidateFilter(search: "nguyen van duc"))
        #expect(found.map(\.candidate.id) == ["CN-D"])
    }
}
