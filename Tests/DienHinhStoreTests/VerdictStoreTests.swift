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
}
