import DienHinhCore
@testable import DienHinhStore
import Foundation
import Testing

/// The whole-sector read (C API, covering index) and the per-candidate read must judge alike.
@Suite struct VerdictStoreTests {
    @Test func everyoneAtOnceMatchesOneByOne() throws {
        let db = try makeDatabase(demo: .small)
        let year = try db.defaultReviewYear()
        let all = try db.verdicts(ids: nil, year: year)
        let ids = try db.read { try String.fetchAll($0, sql: "SELECT id FROM candidate ORDER BY id") }
        #expect(all.map(\.candidateId) == ids)
        #expect(all.contains { $0.eligible } && all.contains { !$0.eligible })
        for verdict in all {
            #expect(try db.verdict(id: verdict.candidateId, year: year) == verdict)
        }
        #expect(try db.verdicts(ids: ids, year: year) == all)
    }

    /// A record whose candidate id is unknown to the candidate table cannot exist (foreign key), but
    /// candidates without any record must still be judged.
    @Test func candidatesWithoutRecordsAreJudged() throws {
        let db = try makeDatabase(demo: .small)
        try db.write { try $0.execute(sql: "DELETE FROM achievement WHERE candidate_id = (SELECT MIN(id) FROM candidate)") }
        let year = try db.defaultReviewYear()
        let all = try db.verdicts(ids: nil, year: year)
        let first = try #require(all.first)
        #expect(first.eligible == false)
        #expect(try db.verdict(id: first.candidateId, year: year) == first)
    }

    /// Everyone's verdicts are judged as each candidate's records stream in (issue 23), against a context read
    /// first: the same verdicts as judging every history held at once, the context made from them all.
    @Test(arguments: [true, false]) func streamedVerdictsMatchEveryHistoryHeld(countPredecessors: Bool) throws {
        let db = try makeDatabase(demo: .small)
        var parameters = EligibilityParameters.plan
        parameters.countPredecessors = countPredecessors
        let engine = EligibilityEngine(parameters: parameters)
        // Disciplined individuals and leaders of collectives are there, so the context's two halves are exercised
        // (a merged collective's predecessors: UnitsThroughTimeTests.mergedCollectiveShowsAndCountsItsPredecessors).
        let (disciplined, leaders) = try db.read { d in
            (try Int.fetchOne(d, sql: "SELECT COUNT(*) FROM achievement WHERE type = 'KY_LUAT'") ?? 0,
             try Int.fetchOne(d, sql: "SELECT COUNT(*) FROM candidate WHERE collective_id IS NOT NULL") ?? 0)
        }
        #expect(disciplined > 0 && leaders > 0)
        for year in [2018, 2020, 2026] {
            let held = try db.read { d -> [Verdict] in
                var all = try db.allHistories(d)
                if countPredecessors { all = try AppDatabase.addingPredecessors(d, all, all: all) { _ in [] } }
                return engine.verdicts(for: all, year: year, context: EligibilityContext(histories: all))
            }
            #expect(held.count > 100)
            #expect(try db.verdicts(ids: nil, year: year, parameters: parameters) == held)
        }
    }
}
