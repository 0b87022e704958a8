import DienHinhCore
import DienHinhResources
@testable import DienHinhStore
import Foundation
import GRDB
import Testing

/// Signed bundles (issue 18): who may sign for a unit, revocation, and the key named on what was merged.
@Suite struct SignedBundleTests {
    /// A district database with a key for `signer`, the centre with that key enrolled.
    func pair(signer: String) throws -> (district: AppDatabase, centre: AppDatabase, fingerprint: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let clerk = Provenance(unitCode: "VKSH.429", user: "hanh", at: "2019-04-12T13:00:00Z")
        let district = try AppDatabase.create(path: dir.appendingPathComponent("d.sqlite").path, demo: nil)
        _ = try district.importCandidates(ImportExportTests.goodCandidates, file: "c.csv", dryRun: false, strings: vi, provenance: clerk)
        _ = try district.importAchievements(ImportExportTests.goodAchievements, file: "a.csv", dryRun: false, strings: vi, provenance: clerk)
        let made = try UnitKeys.create(databasePath: district.path, unit: signer)
        #expect(FileAccess.mode(made.path) == 0o600)
        let centre = try makeDatabase()
        let pub = try UnitKeys.publicKeyFile(databasePath: district.path, unit: signer)
        #expect(try centre.enrollKey(pub.text, file: "pub.txt").fingerprint == made.fingerprint)
        return (district, centre, made.fingerprint)
    }

    @Test func aSignedBundleMergesAndItsRecordsNameTheKey() throws {
        let (district, centre, fp) = try pair(signer: "VKSH.429")
        let bundle = try district.exportBundle(unit: "VKSH.429")
        #expect(bundle.signedBy == fp && bundle.sequence == 1)
        let r = try centre.importBundle(bundle.data, file: "b.dhb", strings: en)
        #expect(r.signedBy == fp && r.sequence == 1 && r.added == 7)
        let keys = try centre.read { try String.fetchAll($0, sql: "SELECT DISTINCT signed_key FROM achievement WHERE candidate_id LIKE '%T%'") }
        #expect(keys == [fp])
        #expect(try centre.read { try String.fetchOne($0, sql: "SELECT signed_key FROM bundle_import") } == fp)
        #expect(try centre.storedAchievements(of: "CN-T1").allSatisfy { $0.signedKey == fp })
        #expect(try district.storedAchievements(of: "CN-T1").allSatisfy { $0.signedKey == nil })
        // The same bundle again merges to nothing new; the next export takes number 2.
        #expect(try centre.importBundle(bundle.data, file: "b.dhb", strings: en).added == 0)
        #expect(try district.exportBundle(unit: "VKSH.429").sequence == 2)
    }

    /// The province's key may sign its district's bundle (a unit above it); a district's key may not sign the province's.
    @Test func aKeyOfAUnitAboveMaySignButNotBelow() throws {
        let (district, centre, _) = try pair(signer: "VKST.40")
        _ = try UnitKeys.create(databasePath: district.path, unit: "VKSH.429")
        // The province's key file relabelled as the district's: a key enrolled for the unit above signs for it.
        let provinceKey = try String(contentsOfFile: UnitKeys.privateKeyPath(databasePath: district.path, unit: "VKST.40"), encoding: .utf8)
        try provinceKey.replacingOccurrences(of: "VKST.40", with: "VKSH.429")
            .write(toFile: UnitKeys.privateKeyPath(databasePath: district.path, unit: "VKSH.429"), atomically: true, encoding: .utf8)
        #expect(try centre.importBundle(try district.exportBundle(unit: "VKSH.429").data, file: "b.dhb", strings: en).added == 7)

        let (d2, c2, _) = try pair(signer: "VKSH.429")
        let districtKey = try String(contentsOfFile: UnitKeys.privateKeyPath(databasePath: d2.path, unit: "VKSH.429"), encoding: .utf8)
        try districtKey.replacingOccurrences(of: "VKSH.429", with: "VKST.40")
            .write(toFile: UnitKeys.privateKeyPath(databasePath: d2.path, unit: "VKST.40"), atomically: true, encoding: .utf8)
        let e = try #require(throws: ImportFailure.self) { try c2.importBundle(try d2.exportBundle(unit: "VKST.40").data, file: "p.dhb", strings: en) }
        #expect(e.errors[0].message.contains("is enrolled for VKSH.429, not VKST.40"))
    }

    @Test func aRevokedKeyIsRefused() throws {
        let (district, centre, fp) = try pair(signer: "VKSH.429")
        try centre.revokeKey(fp)
        #expect(try centre.enrolledKeys().first?.revokedAt != nil)
        let before = try contents(centre)
        let e = try #require(throws: ImportFailure.self) {
            try centre.importBundle(try district.exportBundle(unit: "VKSH.429").data, file: "b.dhb", strings: vi)
        }
        #expect(e.errors[0].message.contains("đã bị thu hồi"))
        #expect(try contents(centre) == before)
        #expect(throws: KeyError.alreadyEnrolled(fingerprint: fp, unit: "VKSH.429")) {
            try centre.enrollKey(try UnitKeys.publicKeyFile(databasePath: district.path, unit: "VKSH.429").text, file: "pub.txt")
        }
        #expect(throws: KeyError.keyExists(UnitKeys.privateKeyPath(databasePath: district.path, unit: "VKSH.429"))) {
            try UnitKeys.create(databasePath: district.path, unit: "VKSH.429")
        }
    }
}

/// Deletions travel (issue 18): a record deleted at the unit is deleted at the centre, or is a conflict when the
/// centre changed it since.
@Suite struct DeletionsTravelTests {
    /// The district's records merged at the centre, then one of them deleted at the district.
    func deletedAfterSending() throws -> (district: AppDatabase, centre: AppDatabase, gone: StoredAchievement) {
        let district = try districtDatabase()
        let centre = try makeDatabase()
        _ = try centre.importUnsignedBundle(try district.exportBundle(unit: "VKSH.429").data, file: "1.dhb", strings: en)
        let gone = try #require(try district.storedAchievements(of: "CN-T1").first)
        try district.deleteAchievement(try #require(gone.achievement.id))
        return (district, centre, gone)
    }

    @Test func aDeletionAtTheUnitDeletesAtTheCentre() throws {
        let (district, centre, gone) = try deletedAfterSending()
        let second = try district.exportBundle(unit: "VKSH.429")
        #expect(String(decoding: second.data, as: UTF8.self).contains("\"deleted\":["))
        let r = try centre.importUnsignedBundle(second.data, file: "2.dhb", strings: en)
        #expect(r.deleted == 1 && r.conflicts.isEmpty)
        #expect(!(try centre.storedAchievements(of: "CN-T1").map(\.uid).contains(gone.uid)))
        // The centre keeps the version it deleted, naming the unit's clerk.
        let history = try centre.recordHistory(of: "CN-T1")
        #expect(history.first?.change == "delete" && history.first?.by.unitCode == "VKSH.429")
        // Again: nothing more to do.
        #expect(try centre.importUnsignedBundle(second.data, file: "2.dhb", strings: en).deleted == 0)
    }

    @Test func aDeletionOfARecordTheCentreChangedIsAConflict() throws {
        let (district, centre, gone) = try deletedAfterSending()
        var changed = try #require(try centre.storedAchievements(of: "CN-T1").first { $0.uid == gone.uid }).achievement
        changed.note = "Trung tâm đã sửa"
        try centre.updateAchievement(changed)
        let r = try centre.importUnsignedBundle(try district.exportBundle(unit: "VKSH.429").data, file: "2.dhb", strings: vi)
        #expect(r.deleted == 0)
        let c = try #require(r.conflicts.first)
        #expect(c.kind == .deletion && c.recordKey == gone.uid)
        #expect(c.differences.map(\.name) == ["note"])
        #expect(try centre.storedAchievements(of: "CN-T1").contains { $0.uid == gone.uid })
        try centre.resolveConflict(c.id, keep: .theirs)
        #expect(!(try centre.storedAchievements(of: "CN-T1").contains { $0.uid == gone.uid }))
    }
}

/// The centre sends a unit's records back down, signed with the SPP's key the unit enrolled (issue 18).
@Suite struct BundlesDownTests {
    @Test func theCentresCorrectionsReachTheUnit() throws {
        let district = try districtDatabase()
        let centre = try makeDatabase()
        _ = try centre.importUnsignedBundle(try district.exportBundle(unit: "VKSH.429").data, file: "up.dhb", strings: en)
        // The centre corrects a record and adds one the unit had not entered.
        var fixed = try #require(try centre.storedAchievements(of: "CN-T1").first).achievement
        fixed.decisionNo = "125/QĐ-CTN"
        try centre.updateAchievement(fixed)
        _ = try centre.saveAchievement(Achievement(candidateId: "CN-T1", year: 2018, type: .CSTD_CS, decisionNo: "7/QĐ-VKSTC"))
        _ = try UnitKeys.create(databasePath: centre.path, unit: "VKSTC")
        _ = try district.enrollKey(try UnitKeys.publicKeyFile(databasePath: centre.path, unit: "VKSTC").text, file: "centre.pub")
        // Without the centre's key the export says so; with it, the bundle is signed for the district by the SPP.
        #expect(throws: KeyError.self) { try district.exportBundle(unit: "VKSH.429", signAs: "VKSTC") }
        let down = try centre.exportBundle(unit: "VKSH.429", signAs: "VKSTC")
        #expect(down.sequence == 1)
        let r = try district.importBundle(down.data, file: "down.dhb", strings: en)
        #expect(r.achievementsAdded == 1 && r.conflicts.count == 1)
        #expect(r.conflicts[0].differences.map(\.name) == ["decision_no"])
        #expect(try district.storedAchievements(of: "CN-T1").contains { $0.achievement.decisionNo == "7/QĐ-VKSTC" })
    }

    /// The centre's nominations and its selections in certified rounds reach the unit, and only from above.
    @Test func nominationsAndSelectionsReachTheUnit() throws {
        let f = try VotingFixture.make(memberCount: 7, candidateCount: 4)
        let r = try f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 2), by: f.chairSigner)
        for m in f.members { _ = try f.vote(r, m.id, ["T-1"]) }
        try f.db.closeRound(round: r, by: f.chairSigner)
        try f.db.certify(round: r, by: f.chairSigner)
        let unit = try #require(try f.db.candidate("T-1")).unitCode
        _ = try UnitKeys.create(databasePath: f.db.path, unit: "VKSTC")
        let down = try f.db.exportBundle(unit: unit, signAs: "VKSTC")

        let atUnit = try makeDatabase()
        _ = try atUnit.enrollKey(try UnitKeys.publicKeyFile(databasePath: f.db.path, unit: "VKSTC").text, file: "centre.pub")
        let report = try atUnit.importBundle(down.data, file: "down.dhb", strings: en)
        #expect(report.decisions == 3)
        let got = try atUnit.centreDecisions(year: VotingFixture.year)
        #expect(got.filter { $0.kind == "nomination" }.map(\.candidate_id) == ["T-1", "T-2"])
        #expect(got.filter { $0.kind == "selection" }.map { "\($0.candidate_id) \($0.detail ?? "")" } == ["T-1 \(r)"])

        // A unit's own bundle may not carry decisions: signed by the unit itself, it is refused.
        let payload = try BundleFormat.open(down.data).payload
        _ = try UnitKeys.create(databasePath: f.db.path, unit: unit)
        let key = try #require(try UnitKeys.privateKey(databasePath: f.db.path, unit: unit))
        let own = try BundleFormat.encode(payload, signing: BundleFormat.Signing(unit: unit, seq: 9, key: key))
        _ = try atUnit.enrollKey(try UnitKeys.publicKeyFile(databasePath: f.db.path, unit: unit).text, file: "unit.pub")
        let e = try #require(throws: ImportFailure.self) { try atUnit.importBundle(own, file: "own.dhb", strings: en) }
        #expect(e.errors[0].message.contains("only the key of a unit above"))
        #expect(try atUnit.centreDecisions(year: VotingFixture.year).count == 3)
    }
}
