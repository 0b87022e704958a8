import DienHinhCore
import DienHinhResources
@testable import DienHinhStore
import Foundation
import GRDB
import Testing

/// A district's database (Nghi Lộc, under Nghệ An) with a few candidates and records entered there.
func districtDatabase() throws -> AppDatabase {
    let db = try makeDatabase()
    let clerk = Provenance(unitCode: "VKSH.429", user: "hanh", at: "2019-04-12T13:00:00Z")
    _ = try db.importCandidates(ImportExportTests.goodCandidates, file: "c.csv", dryRun: false, strings: vi, provenance: clerk)
    _ = try db.importAchievements(ImportExportTests.goodAchievements, file: "a.csv", dryRun: false, strings: vi, provenance: clerk)
    return db
}

/// Every row of the tables a merge may touch, as text, to prove a refused import changed nothing.
func contents(_ db: AppDatabase) throws -> [String] {
    try db.read { d in
        var out: [String] = []
        for t in ["candidate", "achievement", "bundle_import", "bundle_conflict", "draft", "undo_log"] {
            for r in try Row.fetchAll(d, sql: "SELECT * FROM \(t) ORDER BY 1") { out.append("\(t): \(r.description)") }
        }
        return out
    }
}

@Suite struct BundleTests {
    @Test func roundTripBetweenTwoDatabasesKeepsProvenance() throws {
        let district = try districtDatabase()
        let bundle = try district.exportBundle(unit: "VKSH.429", createdBy: "hanh")
        #expect(bundle.candidates == 3 && bundle.achievements == 4)
        #expect(String(decoding: bundle.data.prefix(16), as: UTF8.self) == "DIENHINH-BUNDLE ")

        let centre = try makeDatabase()
        let r = try centre.importUnsignedBundle(bundle.data, file: "nghiloc.dhb", strings: en,
                                        importedBy: Provenance(unitCode: "VKSTC.V16", user: "tung"))
        #expect(r.candidatesAdded == 3 && r.achievementsAdded == 4 && r.conflicts.isEmpty)
        #expect(r.unit == "VKSH.429" && r.createdBy == "hanh")
        #expect(try centre.exportCandidates(format: .csv) == district.exportCandidates(format: .csv))
        #expect(try centre.exportAchievements(format: .csv) == district.exportAchievements(format: .csv))
        // Original provenance travels: the district entered them, not the centre.
        let stored = try centre.storedAchievements(of: "CN-T1")
        #expect(stored.first?.provenance == Provenance(unitCode: "VKSH.429", user: "hanh", at: "2019-04-12T13:00:00Z"))
        #expect(try centre.provenance(ofCandidate: "CN-T1")?.user == "hanh")
        // Uids are the same on both sides.
        #expect(Set(try centre.storedAchievements(of: "TT-T1").map(\.uid)) == Set(try district.storedAchievements(of: "TT-T1").map(\.uid)))
        // The centre re-exports the same bundle payload (same uids, same provenance).
        let again = try centre.exportBundle(unit: "VKSH.429", createdBy: "hanh", now: Date(timeIntervalSince1970: 0))
        let first = try district.exportBundle(unit: "VKSH.429", createdBy: "hanh", now: Date(timeIntervalSince1970: 0))
        #expect(again.data == first.data)
    }

    @Test func secondImportChangesNothing() throws {
        let district = try districtDatabase()
        let bundle = try district.exportBundle(unit: "VKSH.429").data
        let centre = try makeDatabase()
        _ = try centre.importUnsignedBundle(bundle, file: "b.dhb", strings: vi)
        let before = try contents(centre)
        let r = try centre.importUnsignedBundle(bundle, file: "b.dhb", strings: vi)
        #expect(r.added == 0)
        #expect(r.identical == 7)
        #expect(r.conflicts.isEmpty)
        #expect(try contents(centre) == before)
    }

    @Test func sameRecordsEnteredTwiceAreIdenticalNotDuplicated() throws {
        // The centre imported the same CSV itself: different uids, same content.
        let district = try districtDatabase()
        let centre = try districtDatabase()
        let r = try centre.importUnsignedBundle(try district.exportBundle(unit: "VKSH.429").data, file: "b.dhb", strings: vi)
        #expect(r.added == 0 && r.identical == 7 && r.conflicts.isEmpty)
        #expect(try centre.achievementCount() == 4)
    }

    /// Issue 14: the district stored one decision twice (two uids), typed once with other spacing: the centre,
    /// which holds it once, adds nothing and counts both as identical.
    @Test func copiesOfOneDecisionUnderOtherUidsAreIdentical() throws {
        let district = try districtDatabase()
        try district.write { db in
            try db.execute(sql: """
                INSERT INTO achievement (candidate_id, year, type, class, decision_no, decision_date, issuer)
                SELECT candidate_id, year, type, class, ' 123 / qđ-ctn', decision_date, issuer FROM achievement WHERE decision_no = '123/QĐ-CTN'
                """)
        }
        let centre = try districtDatabase()
        let r = try centre.importUnsignedBundle(try district.exportBundle(unit: "VKSH.429").data, file: "b.dhb", strings: vi)
        #expect(r.added == 0 && r.conflicts.isEmpty)
        #expect(r.identical == 8)
        #expect(try centre.achievementCount() == 4)
    }

    /// The centre corrected a decision number; the district changed the note of the same record.
    func conflicted() throws -> (AppDatabase, BundleReport, Data) {
        let district = try districtDatabase()
        let centre = try makeDatabase()
        _ = try centre.importUnsignedBundle(try district.exportBundle(unit: "VKSH.429").data, file: "b1.dhb", strings: en)
        var ours = try #require(try centre.achievements(of: "CN-T2").first)
        ours.decisionNo = "46/QĐ-VKS"
        try centre.updateAchievement(ours, provenance: Provenance(unitCode: "VKSTC.V16", user: "tung", at: "2019-05-02T08:00:00Z"))
        var theirs = try #require(try district.achievements(of: "CN-T2").first)
        theirs.note = "đã sửa"
        try district.updateAchievement(theirs, provenance: Provenance(unitCode: "VKSH.429", user: "hanh", at: "2019-05-03T08:00:00Z"))
        var name = try #require(try district.candidate("CN-T1"))
        name.position = "Phó Viện trưởng"
        try district.updateCandidate(name, provenance: Provenance(unitCode: "VKSH.429", user: "hanh", at: "2019-05-03T08:00:00Z"))
        let data = try district.exportBundle(unit: "VKSH.429").data
        let r = try centre.importUnsignedBundle(data, file: "b2.dhb", strings: en)
        return (centre, r, data)
    }

    @Test func changedOnBothSidesIsAConflictNeverOverwritten() throws {
        let (centre, r, _) = try conflicted()
        #expect(r.conflicts.count == 2)
        #expect(r.added == 0)
        #expect(try centre.achievements(of: "CN-T2").first?.decisionNo == "46/QĐ-VKS")
        #expect(try centre.achievements(of: "CN-T2").first?.note == "ghi chú, có dấu phẩy")
        #expect(try centre.candidate("CN-T1")?.position == "Viện trưởng")
        let record = try #require(r.conflicts.first { $0.kind == .achievement })
        #expect(Set(record.differences.map(\.name)) == ["decision_no", "note"])
        #expect(record.theirsProvenance.user == "hanh")
        #expect(record.oursProvenance?.user == "tung")
        #expect(record.sourceUnit == "VKSH.429" && record.bundleFile == "b2.dhb")
        #expect(try centre.conflicts().count == 2)
    }

    @Test func conflictResolvedOurs() throws {
        let (centre, r, _) = try conflicted()
        for c in r.conflicts { try centre.resolveConflict(c.id, keep: .ours) }
        #expect(try centre.conflicts().isEmpty)
        #expect(try centre.conflicts(includeResolved: true).allSatisfy { $0.resolution == .ours })
        let a = try #require(try centre.storedAchievements(of: "CN-T2").first)
        #expect(a.achievement.decisionNo == "46/QĐ-VKS" && a.achievement.note == "ghi chú, có dấu phẩy")
        #expect(a.provenance.user == "tung")
        #expect(try centre.candidate("CN-T1")?.position == "Viện trưởng")
        #expect(throws: StoreError.self) { try centre.resolveConflict(r.conflicts[0].id, keep: .theirs) }
    }

    @Test func conflictResolvedTheirs() throws {
        let (centre, r, _) = try conflicted()
        for c in r.conflicts {
            try centre.resolveConflict(c.id, keep: .theirs, by: Provenance(unitCode: "VKSTC.V16", user: "thuky", at: "2019-05-04T08:00:00Z"))
        }
        #expect(try centre.conflicts().isEmpty)
        // Taking theirs replaced ours: ours stays in the history, the secretary named as who replaced it.
        let replaced = try centre.recordHistory(of: "CN-T2")
        #expect(replaced.count == 2 && replaced.first?.by.user == "thuky" && replaced.last?.by.user == "tung")
        #expect(replaced.first?.fields.map(\.name).sorted() == ["decision_no", "note"])
        #expect(try centre.recordHistory(of: "CN-T1").first?.fields
                == [RecordChange.Field(name: "position", before: "Viện trưởng", after: "Phó Viện trưởng")])
        let a = try #require(try centre.storedAchievements(of: "CN-T2").first)
        #expect(a.achievement.decisionNo == "45/QĐ-VKS" && a.achievement.note == "đã sửa")
        #expect(a.provenance == Provenance(unitCode: "VKSH.429", user: "hanh", at: "2019-05-03T08:00:00Z"))
        #expect(try centre.candidate("CN-T1")?.position == "Phó Viện trưởng")
        #expect(try centre.achievementCount() == 4)
    }

    @Test func reimportingAConflictingBundleChangesNothing() throws {
        let (centre, _, data) = try conflicted()
        let before = try contents(centre)
        let again = try centre.importUnsignedBundle(data, file: "b2.dhb", strings: en)
        #expect(again.added == 0 && again.conflicts.isEmpty && again.knownConflicts == 2)
        #expect(try contents(centre) == before)
        // Decided conflicts stay decided when the same bundle comes again.
        for c in try centre.conflicts() { try centre.resolveConflict(c.id, keep: .ours) }
        let decided = try contents(centre)
        _ = try centre.importUnsignedBundle(data, file: "b2.dhb", strings: en)
        #expect(try contents(centre) == decided)
    }

    @Test func onceAYearRatingEnteredOnBothSidesIsAConflict() throws {
        let district = try districtDatabase()
        let centre = try districtDatabase()
        _ = try district.saveAchievement(Achievement(candidateId: "CN-T2", year: 2019, type: .HTXSNV, decisionNo: "12/QĐ"))
        _ = try centre.saveAchievement(Achievement(candidateId: "CN-T2", year: 2019, type: .HTXSNV, decisionNo: "13/QĐ"))
        let r = try centre.importUnsignedBundle(try district.exportBundle(unit: "VKSH.429").data, file: "b.dhb", strings: en)
        #expect(r.conflicts.count == 1)
        #expect(r.conflicts[0].differences.map(\.name).contains("decision_no"))
        try centre.resolveConflict(r.conflicts[0].id, keep: .theirs)
        let ratings = try centre.achievements(of: "CN-T2").filter { $0.type == .HTXSNV }
        #expect(ratings.count == 1 && ratings[0].decisionNo == "12/QĐ")
    }

    @Test func truncatedBundleIsRefused() throws {
        let data = try districtDatabase().exportBundle(unit: "VKSH.429").data
        let centre = try makeDatabase()
        let before = try contents(centre)
        for cut in [data.count - 1, data.count / 2, 40, 10] {
            let e = try #require(throws: ImportFailure.self) {
                try centre.importUnsignedBundle(data.prefix(cut), file: "b.dhb", strings: en)
            }
            #expect(e.errors.count == 1)
            #expect(e.errors[0].description.hasPrefix("b.dhb: "))
            #expect(e.errors[0].message.contains("truncated") || e.errors[0].message.contains("cut short"), "\(cut): \(e.errors[0].message)")
        }
        #expect(try contents(centre) == before)
    }

    @Test func flippedByteIsRefused() throws {
        let data = try districtDatabase().exportBundle(unit: "VKSH.429").data
        let centre = try makeDatabase()
        let before = try contents(centre)
        let header = data.firstIndex(of: 0x0A)!
        for at in [header + 10, data.count / 2, data.count - 3] {
            var bad = data
            bad[at] ^= 0x01
            let e = try #require(throws: ImportFailure.self) { try centre.importUnsignedBundle(bad, file: "b.dhb", strings: en) }
            #expect(e.errors[0].message.contains("checksum"))
        }
        var badHeader = data
        badHeader[20] ^= 0x01 // inside the checksum itself
        #expect(throws: ImportFailure.self) { try centre.importUnsignedBundle(badHeader, file: "b.dhb", strings: en) }
        #expect(try contents(centre) == before)
    }

    @Test func newerFormatVersionIsRefused() throws {
        let data = try districtDatabase().exportBundle(unit: "VKSH.429").data
        let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "DIENHINH-BUNDLE 1 ", with: "DIENHINH-BUNDLE 3 ")
        let centre = try makeDatabase()
        let before = try contents(centre)
        let e = try #require(throws: ImportFailure.self) { try centre.importUnsignedBundle(Data(text.utf8), file: "b.dhb", strings: en) }
        #expect(e.errors[0].message.contains("version 3 is newer"))
        let notABundle = try #require(throws: ImportFailure.self) {
            try centre.importUnsignedBundle(Data("id,kind\n".utf8), file: "c.csv", strings: en)
        }
        #expect(notABundle.errors[0].message.contains("not a DienHinh bundle"))
        #expect(try contents(centre) == before)
    }

    @Test func invalidContentIsRefusedWithEveryError() throws {
        // A well-formed bundle (correct checksum) whose records break the import rules.
        let payload = """
            {"created_at":"2019-04-12T00:00:00Z","created_by":"hanh","format":1,"unit":"VKSH.429",
            "candidates":[
            {"complies_with_policy":true,"id":"CN-Z1","internally_united":false,"is_leader":false,"kind":"individual","name":"Lê Văn Z","orgs_clean_strong":false,"unit_code":"VKST.99"},
            {"complies_with_policy":true,"id":"CN-Z2","internally_united":false,"is_leader":false,"kind":"individual","name":"Lê Văn Y","orgs_clean_strong":false,"unit_code":"VKST.01"},
            {"complies_with_policy":true,"id":"CN-Z3","internally_united":false,"is_leader":false,"kind":"individual","name":"Lê Văn X","orgs_clean_strong":false,"unit_code":"VKSH.429"}
            ],
            "achievements":[
            {"uid":"u1","candidate_id":"CN-Z3","year":2091,"type":"HTXSNV"},
            {"uid":"u2","candidate_id":"CN-Z3","year":2018,"type":"HCLD"},
            {"uid":"u3","candidate_id":"CN-Z3","year":2018,"type":"CO_CP"}
            ]}
            """
        let data = BundleFormat.encode(Data(payload.utf8))
        let centre = try makeDatabase()
        let before = try contents(centre)
        let e = try #require(throws: ImportFailure.self) { try centre.importUnsignedBundle(data, file: "b.dhb", strings: en) }
        let messages = e.errors.map(\.message)
        #expect(messages.contains { $0.contains("\"VKST.99\" is not a known unit") })
        #expect(messages.contains { $0.contains("VKST.01 is neither VKSH.429") })
        #expect(messages.contains { $0.contains("year: \"2091\"") })
        #expect(messages.contains { $0.contains("Labour Order needs a class") })
        #expect(messages.contains { $0.contains("Government emulation flag does not apply to individuals") })
        #expect(e.errors.count == 5)
        #expect(try contents(centre) == before)
    }

    /// Issue 18: a district's bundle carrying a record whose uid belongs to another district's candidate is refused
    /// with its position, nothing written; it is never offered as a conflict whose "theirs" would move the record.
    @Test func aUidOfAnotherUnitsRecordIsRefused() throws {
        let centre = try makeDatabase()
        let other = Candidate(id: "CN-430", kind: .individual, name: "Trần Thị Khác", unitCode: "VKSH.430")
        try centre.insert(candidates: [other], achievements: [Achievement(candidateId: "CN-430", year: 2018, type: .HTXSNV)],
                          provenance: Provenance(unitCode: "VKSH.430", user: "lan", at: "2019-01-01T00:00:00Z"))
        let uid = try #require(try centre.storedAchievements(of: "CN-430").first?.uid)
        let payload = """
            {"created_at":"2019-04-12T00:00:00Z","created_by":"hanh","format":1,"unit":"VKSH.429",
            "candidates":[
            {"complies_with_policy":true,"id":"CN-Z3","internally_united":false,"is_leader":false,"kind":"individual","name":"Lê Văn X","orgs_clean_strong":false,"unit_code":"VKSH.429"}
            ],
            "achievements":[
            {"uid":"own-1","candidate_id":"CN-Z3","year":2017,"type":"HTXSNV"},
            {"uid":"\(uid)","candidate_id":"CN-Z3","year":2018,"type":"HTXSNV"}
            ]}
            """
        let before = try contents(centre)
        let e = try #require(throws: ImportFailure.self) {
            try centre.importUnsignedBundle(BundleFormat.encode(Data(payload.utf8)), file: "b.dhb", strings: en)
        }
        #expect(e.errors.count == 1)
        #expect(e.errors[0].message.contains("record 2") && e.errors[0].message.contains("belongs to CN-430 of unit VKSH.430"),
                "\(e.errors[0].message)")
        #expect(try contents(centre) == before)
        #expect(try centre.storedAchievements(of: "CN-430").map(\.uid) == [uid])
    }

    @Test func provincialBundleIncludesItsDistrictsAndHighOnlyItself() throws {
        let db = try makeDatabase(demo: .small)
        let province = try db.exportBundle(unit: "VKST.40")
        let payload = try JSONDecoder().decode(BundlePayload.self, from: try BundleFormat.decode(province.data))
        let units = Set(payload.candidates.map(\.unit_code))
        let districts = Set(try db.subunits(of: "VKST.40").map(\.code))
        #expect(units.contains("VKST.40"))
        #expect(units.subtracting(["VKST.40"]).isSubset(of: districts))
        let expected = try db.candidates(CandidateFilter(unitCode: "VKST.40", includeSubunits: true)).count
        #expect(payload.candidates.count == expected)
        #expect(units.count > 1, "the small demo has district candidates in Nghệ An")

        let high = try JSONDecoder().decode(BundlePayload.self, from: try BundleFormat.decode(try db.exportBundle(unit: "VKSCC.HN").data))
        #expect(Set(high.candidates.map(\.unit_code)).isSubset(of: ["VKSCC.HN"]))

        let supreme = try JSONDecoder().decode(BundlePayload.self, from: try BundleFormat.decode(try db.exportBundle(unit: "VKSTC").data))
        #expect(supreme.candidates.allSatisfy { $0.unit_code.hasPrefix("VKSTC") })
        #expect(Set(supreme.candidates.map(\.unit_code)).count > 1)

        // And the whole province merges into an empty centre.
        let centre = try makeDatabase()
        let r = try centre.importUnsignedBundle(province.data, file: "nghean.dhb", strings: vi)
        #expect(r.candidatesAdded == payload.candidates.count && r.achievementsAdded == payload.achievements.count)
    }

    @Test func dryRunReportsAndWritesNothing() throws {
        let data = try districtDatabase().exportBundle(unit: "VKSH.429").data
        let centre = try makeDatabase()
        let before = try contents(centre)
        let r = try centre.importUnsignedBundle(data, file: "b.dhb", strings: vi, dryRun: true)
        #expect(r.dryRun && r.added == 7)
        #expect(try contents(centre) == before)
    }
}
