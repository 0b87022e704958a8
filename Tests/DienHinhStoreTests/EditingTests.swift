import DienHinhCore
import DienHinhResources
@testable import DienHinhStore
import Foundation
import GRDB
import Testing

@Suite struct EditingTests {
    let clerk = Provenance(unitCode: "VKSH.429", user: "hanh", at: "2019-04-12T13:00:00Z")

    @Test func draftsSurviveReopeningAndAreCheap() throws {
        let db = try makeDatabase()
        try db.saveDraft(kind: "achievement.new", key: "CN-T1", json: #"{"year":"20"}"#)
        try db.saveDraft(kind: "achievement.new", key: "CN-T1", json: #"{"year":"2019","type":"HTXSNV"}"#)
        try db.saveDraft(kind: "candidate.edit", key: "CN-T2", json: #"{"name":"Lê"}"#)
        // A new connection (the program restarted) sees the last saved state of each form.
        let reopened = try AppDatabase(path: db.path)
        #expect(try reopened.drafts().count == 2)
        #expect(try reopened.draft(kind: "achievement.new", key: "CN-T1")?.json == #"{"year":"2019","type":"HTXSNV"}"#)
        try reopened.discardDraft(kind: "candidate.edit", key: "CN-T2")
        #expect(try db.drafts().map(\.kind) == ["achievement.new"])

        let n = 200
        let start = Date()
        for i in 0..<n { try db.saveDraft(kind: "achievement.new", key: "CN-T1", json: #"{"note":"\#(i)"}"#) }
        let perSave = Date().timeIntervalSince(start) / Double(n)
        print("saveDraft: \(String(format: "%.3f", perSave * 1000)) ms per save")
        #expect(perSave < 0.01, "a draft save must stay cheap")
    }

    @Test func savingARecordDiscardsItsDraftInTheSameTransaction() throws {
        let db = try districtDatabase()
        let key = DraftKey(kind: "achievement.new", key: "CN-T2")
        try db.saveDraft(kind: key.kind, key: key.key, json: "{}")
        try db.saveAchievement(Achievement(candidateId: "CN-T2", year: 2019, type: .HTXSNV), provenance: clerk, discardingDraft: key)
        #expect(try db.drafts().isEmpty)
    }

    @Test func saveUpdateDeleteAndUndoEachStep() throws {
        let db = try districtDatabase()
        let before = try contents(db)
        let c = Candidate(id: "CN-T3", kind: .individual, name: "Hoàng Thị Mai", unitCode: "VKSH.429", position: "Kiểm sát viên")
        try db.saveCandidate(c, provenance: clerk)
        #expect(try db.provenance(ofCandidate: "CN-T3") == clerk)
        #expect(try db.lastChange()?.action == .insert)
        try db.undoLast()
        #expect(try db.candidate("CN-T3") == nil)
        #expect(try db.undoLast() == nil, "nothing more to undo")

        try db.saveCandidate(c, provenance: clerk)
        var edited = c
        edited.position = "Phó Viện trưởng"
        try db.updateCandidate(edited, provenance: clerk)
        #expect(try db.candidate("CN-T3")?.position == "Phó Viện trưởng")
        try db.undoLast()
        #expect(try db.candidate("CN-T3")?.position == "Kiểm sát viên")

        let id = try db.saveAchievement(Achievement(candidateId: "CN-T3", year: 2019, type: .SANG_KIEN, decisionNo: "45/QĐ-VKS",
                                                    decisionDate: "2019-03-12"), provenance: clerk)
        let uid = try #require(try db.storedAchievements(of: "CN-T3").first?.uid)
        var a = try #require(try db.achievements(of: "CN-T3").first)
        a.note = "sửa"
        try db.updateAchievement(a, provenance: clerk)
        #expect(try db.storedAchievements(of: "CN-T3").first?.uid == uid, "an edit keeps the uid")
        try db.undoLast()
        #expect(try db.achievements(of: "CN-T3").first?.note == nil)

        try db.deleteAchievement(id)
        #expect(try db.achievements(of: "CN-T3").isEmpty)
        try db.undoLast()
        #expect(try db.storedAchievements(of: "CN-T3").first?.uid == uid, "undo brings back the same record")
        #expect(try db.achievements(of: "CN-T3").first?.id == id)

        // Deleting a candidate takes its records; undo brings both back.
        let all = try contents(db).filter { !$0.hasPrefix("undo_log") }
        try db.deleteCandidate("CN-T3")
        #expect(try db.candidate("CN-T3") == nil && db.achievements(of: "CN-T3").isEmpty)
        try db.undoLast()
        #expect(try contents(db).filter { !$0.hasPrefix("undo_log") } == all)

        try db.deleteCandidate("CN-T3")
        #expect(try contents(db).filter { !$0.hasPrefix("undo_log") } == before.filter { !$0.hasPrefix("undo_log") })
    }

    /// Undo walks back any number of steps of this run, redo forward again, and a new change ends what could be
    /// redone; every edit, delete, undo and redo stays in the record's history with who and when.
    @Test func undoAnyNumberOfStepsRedoAndTheHistoryKeepsEveryVersion() throws {
        let db = try districtDatabase()
        let start = try contents(db).filter { !$0.hasPrefix("undo_log") }
        let c = Candidate(id: "CN-H1", kind: .individual, name: "Hoàng Thị Mai", unitCode: "VKSH.429", position: "Kiểm sát viên")
        try db.saveCandidate(c, provenance: clerk)
        let id = try db.saveAchievement(Achievement(candidateId: "CN-H1", year: 2019, type: .SANG_KIEN, decisionNo: "45/QĐ-VKS",
                                                    decisionDate: "2019-03-12"), provenance: clerk)
        var a = try #require(try db.achievements(of: "CN-H1").first)
        a.note = "sửa lần 1"
        try db.updateAchievement(a, provenance: clerk)
        a.note = "sửa lần 2"
        try db.updateAchievement(a, provenance: clerk)
        var edited = c
        edited.position = "Phó Viện trưởng"
        try db.updateCandidate(edited, provenance: clerk)
        let states = try contents(db).filter { !$0.hasPrefix("undo_log") }

        // Five steps back, one at a time, to the start; then all five forward to the same content.
        #expect(try db.undoLast()?.table == "candidate")
        #expect(try db.candidate("CN-H1")?.position == "Kiểm sát viên")
        #expect(try db.undoLast() != nil)
        #expect(try db.achievements(of: "CN-H1").first?.note == "sửa lần 1")
        #expect(try db.undoLast() != nil)
        #expect(try db.achievements(of: "CN-H1").first?.note == nil)
        #expect(try db.undoLast() != nil && db.achievements(of: "CN-H1").isEmpty)
        #expect(try db.undoLast() != nil && db.candidate("CN-H1") == nil)
        #expect(try db.undoLast() == nil)
        #expect(try contents(db).filter { !$0.hasPrefix("undo_log") } == start)
        for _ in 0..<5 { #expect(try db.redoLast() != nil) }
        #expect(try db.redoLast() == nil)
        #expect(try contents(db).filter { !$0.hasPrefix("undo_log") } == states)

        // Undo two, then a new change: the two undone can no longer be redone.
        try db.undoLast()
        try db.undoLast()
        #expect(try db.nextRedo() != nil)
        try db.deleteAchievement(id)
        #expect(try db.nextRedo() == nil && db.redoLast() == nil)
        // The delete itself undoes: the record comes back as the second note left it (the first undo put it back).
        try db.undoLast()
        #expect(try db.achievements(of: "CN-H1").first?.note == "sửa lần 1")

        let history = try db.recordHistory(of: "CN-H1")
        // Newest first: the undone delete, the delete, then the undo/redo walk and the edits before it.
        #expect(history.first?.change == "undo" && history.dropFirst().first?.change == "delete")
        let noteEdits = history.filter { $0.change == "update" && $0.table == "achievement" }
        #expect(noteEdits.count == 2)
        #expect(noteEdits.last?.fields == [RecordChange.Field(name: "note", before: nil, after: "sửa lần 1")])
        #expect(noteEdits.first?.fields == [RecordChange.Field(name: "note", before: "sửa lần 1", after: "sửa lần 2")])
        let position = try #require(history.first { $0.change == "update" && $0.table == "candidate" })
        #expect(position.fields == [RecordChange.Field(name: "position", before: "Kiểm sát viên", after: "Phó Viện trưởng")])
        #expect(history.allSatisfy { $0.by.at != nil && $0.by.user != nil })

    }

    @Test func formWritesFollowTheImportRules() throws {
        let db = try districtDatabase()
        let bad = try #require(throws: RecordInvalid.self) {
            try db.saveAchievement(Achievement(candidateId: "CN-T1", year: 2091, type: .HCLD), provenance: clerk)
        }
        #expect(Set(bad.problems.map(\.field)) == ["year", "class"])
        #expect(bad.problems.first { $0.field == "year" }.map { en.message($0) }?.contains("2091") == true)
        #expect(throws: RecordInvalid.self) {
            try db.saveCandidate(Candidate(id: "CN-T1", kind: .individual, name: "Trùng", unitCode: "VKSH.429"))
        }
        #expect(throws: RecordInvalid.self) {
            try db.saveCandidate(Candidate(id: "CN-T9", kind: .individual, name: "X", unitCode: "VKST.99"))
        }
        try db.saveAchievement(Achievement(candidateId: "CN-T2", year: 2019, type: .HTXSNV), provenance: clerk)
        let twice = try #require(throws: RecordInvalid.self) {
            try db.saveAchievement(Achievement(candidateId: "CN-T2", year: 2019, type: .HTXSNV), provenance: clerk)
        }
        #expect(twice.problems.map(\.key) == ["import.once_per_year"])
    }

    @Test func likelyDuplicates() throws {
        let db = try districtDatabase()
        let first = Achievement(candidateId: "CN-T2", year: 2019, type: .SANG_KIEN, decisionNo: "45/QĐ-VKS")
        let id = try db.saveAchievement(first, provenance: clerk)
        // Same candidate, type, year and decision number (typed differently): a likely duplicate.
        var again = first
        again.decisionNo = "45/qđ-vks "
        #expect(try db.likelyDuplicates(of: again).map(\.id) == [id])
        var other = first
        other.decisionNo = "46/QĐ-VKS"
        #expect(try db.likelyDuplicates(of: other).isEmpty)
        other = first
        other.year = 2018
        #expect(try db.likelyDuplicates(of: other).isEmpty)
        // A record is not its own duplicate while it is edited.
        var stored = first
        stored.id = id
        #expect(try db.likelyDuplicates(of: stored).isEmpty)
    }

    @Test func importProgressIsReportedAboutEveryPercent() throws {
        let db = try makeDatabase()
        _ = try db.importCandidates(ImportExportTests.goodCandidates, file: "c.csv", dryRun: false, strings: vi)
        var lines = ["candidate_id,year,type,class,proposed_award,decision_no,decision_date,issuer,note"]
        for i in 0..<1000 { lines.append("TT-T1,\(1990 + i % 30),SANG_KIEN,,,\(i)/QĐ,,,") }
        var calls: [(ImportPhase, Int, Int)] = []
        let r = try db.importAchievements(Data(lines.joined(separator: "\n").utf8), file: "a.csv", dryRun: false, strings: vi,
                                          progress: { calls.append(($0, $1, $2)) })
        #expect(r.achievements == 1000)
        // Rows are checked and written together: one phase, from 0 to all of them, never backwards.
        #expect(calls.count <= 102 + 2)
        #expect(calls.allSatisfy { $0.0 == .importing && $0.2 == 1000 })
        #expect(calls.first.map { $0.1 == 0 } == true)
        #expect(calls.last.map { $0.1 == 1000 } == true)
        #expect(zip(calls, calls.dropFirst()).allSatisfy { $0.1 <= $1.1 })
        // A dry run only checks.
        calls = []
        _ = try db.importAchievements(Data(lines.joined(separator: "\n").utf8), file: "a.csv", dryRun: true, strings: vi, progress: { calls.append(($0, $1, $2)) })
        #expect(calls.allSatisfy { $0.0 == .validating })
    }

    @Test func showProvenancePerRecord() throws {
        let db = try districtDatabase()
        let stored = try db.storedAchievements(of: "TT-T1")
        #expect(stored.count == 2)
        #expect(stored.allSatisfy { $0.provenance == clerk && $0.uid.count == 32 })
        let json = try JSONText.encode(stored.map(AchievementJSON.init))
        #expect(json.contains(#""entered_unit":"VKSH.429""#))
        // Exports keep their columns: no provenance, no uid.
        #expect(!(try db.exportAchievements(format: .json)).contains("entered_unit"))
    }

    @Test func migrationGivesExistingRecordsUids() throws {
        let db = try makeDatabase(demo: .small)
        let (n, distinct) = try db.read { d in
            (try Int.fetchOne(d, sql: "SELECT COUNT(*) FROM achievement")!,
             try Int.fetchOne(d, sql: "SELECT COUNT(DISTINCT uid) FROM achievement")!)
        }
        #expect(n > 0 && n == distinct)
    }
}
