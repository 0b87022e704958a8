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
