import DienHinhCore
@testable import DienHinhStore
import Foundation
import Testing

/// The verdicts of 2017–2020 over the sector demo, clause by clause, as the code judged them before units
/// gained life spans and plans became data (captured from `check --json` at commit 4fa1128). Only what each
/// clause decided is compared, not the evidence cited, so a record listed twice or not at all in a clause's
/// evidence does not count as a moved verdict; a clause that is met for one candidate more or less does.
@Suite struct StableVerdictsTests {
    struct Baseline {
        var candidates: Int
        var eligible: Int
        /// FNV-1a 64 over "id|eligible|clause+/-,…\n" per candidate, in id order.
        var digest: UInt64
        var met: [String: Int]
    }

    static let baseline: [Int: Baseline] = [
        2017: Baseline(candidates: 18213, eligible: 2958, digest: 0x5d5b1f6238253fba,
                        met: ["1.2a.1": 254, "1.2a.2": 410, "1.2a.3": 1471, "1.2a.4": 105, "1.2a.5": 679, "1.2a.6": 780, "1.2a.7": 102, "1.2a.base": 16294, "1.2a.leader": 14917, "1.2b.1": 90, "1.2b.2": 5, "1.2b.3": 63, "1.2b.4": 194, "1.2b.base": 1093]),
        2018: Baseline(candidates: 18213, eligible: 3912, digest: 0xd63ff03a968338c2,
                        met: ["1.2a.1": 317, "1.2a.2": 481, "1.2a.3": 1685, "1.2a.4": 133, "1.2a.5": 813, "1.2a.6": 1381, "1.2a.7": 190, "1.2a.base": 16294, "1.2a.leader": 14961, "1.2b.1": 95, "1.2b.2": 5, "1.2b.3": 69, "1.2b.4": 194, "1.2b.base": 1093]),
        2019: Baseline(candidates: 18213, eligible: 4614, digest: 0x7481fcf88e0b425a,
                        met: ["1.2a.1": 371, "1.2a.2": 557, "1.2a.3": 1843, "1.2a.4": 155, "1.2a.5": 949, "1.2a.6": 1773, "1.2a.7": 285, "1.2a.base": 16294, "1.2a.leader": 14951, "1.2b.1": 87, "1.2b.2": 7, "1.2b.3": 74, "1.2b.4": 194, "1.2b.base": 1093]),
        2020: Baseline(candidates: 18213, eligible: 5511, digest: 0xff93d5dd59b6d819,
                        met: ["1.2a.1": 425, "1.2a.2": 658, "1.2a.3": 2009, "1.2a.4": 180, "1.2a.5": 1078, "1.2a.6": 1502, "1.2a.7": 380, "1.2a.base": 16294, "1.2a.leader": 15656, "1.2b.1": 354, "1.2b.2": 9, "1.2b.3": 80, "1.2b.4": 194, "1.2b.base": 1093]),
    ]

    static func fnv(_ s: String, _ h: inout UInt64) {
        for b in s.utf8 { h ^= UInt64(b); h = h &* 0x100000001b3 }
    }

    @Test(.timeLimit(.minutes(5))) func plan2017to2020VerdictsDoNotMove() throws {
        let db = try makeDatabase(demo: .sector)
        for year in 2017...2020 {
            let want = try #require(Self.baseline[year])
            let verdicts = try db.verdicts(ids: nil, year: year).sorted { $0.candidateId < $1.candidateId }
            var h: UInt64 = 0xcbf29ce484222325
            var met: [String: Int] = [:]
            for v in verdicts {
                let clauses = v.clauses.map { $0.clause.rawValue + ($0.met ? "+" : "-") }.joined(separator: ",")
                Self.fnv("\(v.candidateId)|\(v.eligible ? 1 : 0)|\(clauses)\n", &h)
                for c in v.clauses { met[c.clause.rawValue, default: 0] += c.met ? 1 : 0 }
            }
            #expect(verdicts.count == want.candidates, "\(year): candidates")
            #expect(verdicts.filter(\.eligible).count == want.eligible, "\(year): eligible")
            for (clause, count) in want.met.sorted(by: { $0.key < $1.key }) {
                #expect(met[clause, default: 0] == count, "\(year) \(clause): met by \(met[clause, default: 0]), was \(count)")
            }
            #expect(h == want.digest, "\(year): some candidate's clause changed")
        }
    }
}
