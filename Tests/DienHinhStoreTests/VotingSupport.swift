import DienHinhCore
@testable import DienHinhStore
import Foundation
import GRDB

/// A council with members, a session with attendance and a year's nominations, ready for rounds.
struct VotingFixture {
    let db: AppDatabase
    let members: [CouncilMember]
    let session: String
    /// Nominated candidate ids, in ballot order.
    let candidates: [String]
    /// Each member's one-time written-ballot code, as printed on their PIN slip.
    let writtenCodes: [String: String]
    static let year = 2019

    /// The chair and the secretary signing their acts with their PINs.
    var chairSigner: Signer { Signer(member: chair.id, pin: Self.pin(chair.id)) }
    var secretarySigner: Signer { Signer(member: secretary.id, pin: Self.pin(secretary.id)) }
    func code(_ member: String) -> String { writtenCodes[member] ?? "" }

    var chair: CouncilMember { members.first { $0.role == .chair }! }
    var secretary: CouncilMember { members.first { $0.role == .secretary }! }

    static func pin(_ id: String) -> String { "pin-\(id)" }

    /// `memberCount` members (M01 chair, M02 secretary, the rest ordinary); the first `present` attend.
    /// Candidates: `candidateCount` individuals, two per provincial unit, nominated with an override reason.
    static func make(memberCount: Int = 7, present: Int? = nil, candidateCount: Int = 6) throws -> VotingFixture {
        let db = try makeDatabase()
        let units = try db.units(level: .provincial).prefix((candidateCount + 1) / 2).map(\.code)
        var cands: [Candidate] = []
        for i in 0..<candidateCount {
            cands.append(Candidate(id: "T-\(i + 1)", kind: .individual, name: "Ứng viên \(i + 1)", unitCode: units[i / 2]))
        }
        try db.insert(candidates: cands, achievements: [], provenance: Provenance(unitCode: "VKSTC.V16", user: "test", at: "2020-01-01T00:00:00Z"))
        for c in cands { try db.nominate(candidateId: c.id, year: year, overrideReason: "thử nghiệm") }
        var members: [CouncilMember] = []
        var codes: [String: String] = [:]
        for i in 0..<memberCount {
            let role: CouncilRole = i == 0 ? .chair : (i == 1 ? .secretary : .member)
            let id = String(format: "M%02d", i + 1)
            let slip = try db.enrol(name: "Thành viên \(i + 1)", role: role, pin: pin(id), pinRounds: 1000)
            members.append(slip.member)
            codes[slip.member.id] = slip.writtenCode
        }
        let session = try db.openSession(year: year, title: "Phiên thử", by: Signer(member: "M01", pin: pin("M01")))
        try db.attend(session: session, members: members.prefix(present ?? memberCount).map(\.id), by: Signer(member: "M02", pin: pin("M02")))
        let shortlist = try db.nominations(year: year).map(\.nomination.candidateId)
        return VotingFixture(db: db, members: members, session: session, candidates: shortlist, writtenCodes: codes)
    }

    func vote(_ round: String, _ member: String, _ approvals: [String]) throws -> String {
        try db.castBallot(round: round, member: member, pin: Self.pin(member), approvals: approvals)
    }

    /// Every voting table's full contents, to compare before and after a refusal.
    func snapshot() throws -> [String: [String]] {
        try db.read { d in
            var out: [String: [String]] = [:]
            for t in ["nomination", "council_member", "council_session", "attendance", "round", "round_candidate", "round_elector",
                      "voter_roll", "ballot", "audit_log"] {
                out[t] = try Row.fetchAll(d, sql: "SELECT * FROM \(t)").map(\.description)
            }
            return out
        }
    }

    func count(_ table: String) throws -> Int {
        try db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }
}

/// Runs `body`, expecting exactly `expected`.
func refusal(_ body: () throws -> Void) -> VotingError? {
    do { try body(); return nil } catch let e as VotingError { return e } catch { return .inconsistent("\(error)") }
}
