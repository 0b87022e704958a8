import DienHinhCore
@testable import DienHinhStore
import Foundation
import GRDB
import Testing

/// Emulation blocs (issue 17, part 4): a bloc's members vote for the sector flag in the bloc's own session, with the
/// council's rounds, ballots, receipts and audit; at least 80% of all the bloc's members; the certified result puts
/// the elected forward.
@Suite struct BlocVoteTests {
    static let year = 2019

    struct Bloc {
        let db: AppDatabase
        let units: [String]
        /// The collective of each unit, in the bloc's order.
        let collectives: [String]
        let delegates: [String]
        static func pin(_ id: String) -> String { "pin-\(id)" }
        func signer(_ id: String) -> Signer { Signer(member: id, pin: Self.pin(id)) }
        var chair: String { delegates[0] }
        var secretary: String { delegates[1] }
    }

    /// A council chair M01 and secretary M02, and a bloc of `size` provincial units, each with a collective and a
    /// delegate (the first unit leads; the second's delegate keeps the roll).
    static func bloc(size: Int = 5) throws -> Bloc {
        let db = try makeDatabase()
        for (i, role) in [CouncilRole.chair, .secretary].enumerated() {
            _ = try db.enrol(name: "Hội đồng \(i + 1)", role: role, pin: Bloc.pin(String(format: "M%02d", i + 1)), pinRounds: 1000)
        }
        let units = try db.units(level: .provincial).prefix(size).map(\.code)
        let collectives = units.indices.map { "TT-\($0 + 1)" }
        try db.insert(candidates: units.indices.map { Candidate(id: collectives[$0], kind: .collective, name: "Tập thể \($0 + 1)", unitCode: units[$0]) },
                      achievements: [], provenance: Provenance(unitCode: "VKSTC.V16", user: "test", at: "2020-01-01T00:00:00Z"))
        try db.defineBloc(code: "khoi1", name: "Khối thi đua số 1", kind: .bloc, year: year, lead: units[0], units: units)
        var delegates: [String] = []
        for (i, u) in units.enumerated() {
            let id = String(format: "M%02d", i + 3)
            let slip = try db.enrolDelegate(bloc: "KHOI1", year: year, unit: u, name: "Đại diện \(i + 1)", secretary: i == 1,
                                            pin: Bloc.pin(id), pinRounds: 1000)
            delegates.append(slip.member.id)
        }
        return Bloc(db: db, units: units, collectives: collectives, delegates: delegates)
    }

    @Test func theLeadChairsAndTheDelegatesAreNotCouncilMembers() throws {
        let b = try Self.bloc()
        let bloc = try #require(try b.db.blocs(year: Self.year).first)
        #expect(bloc.code == "KHOI1" && bloc.units == b.units && bloc.unitsWithoutDelegate.isEmpty)
        #expect(bloc.delegates.map(\.member.role) == [.chair, .secretary, .member, .member, .member])
        #expect(try b.db.members().map(\.id) == ["M01", "M02"])
        // A unit emulates in one bloc a year; a second delegate for a unit is refused.
        #expect(refusal { try b.db.defineBloc(code: "K2", name: "Khối 2", kind: .bloc, year: Self.year, lead: b.units[0], units: [b.units[0], "VKSTC.V16"]) }
            == .unitInOtherBloc(unit: b.units[0], bloc: "KHOI1"))
        #expect(refusal { _ = try b.db.enrolDelegate(bloc: "KHOI1", year: Self.year, unit: b.units[2], name: "X") }
            == .delegateExists(unit: b.units[2], bloc: "KHOI1", member: b.delegates[2]))
        #expect(refusal { _ = try b.db.enrolDelegate(bloc: "KHOI1", year: Self.year, unit: "VKSTC.V16", name: "X") }
            == .unitNotInBloc(unit: "VKSTC.V16", bloc: "KHOI1"))
        // Once delegates exist the lead stays (its delegate is the chair).
        #expect(refusal { try b.db.defineBloc(code: "KHOI1", name: "Khối 1", kind: .bloc, year: Self.year, lead: b.units[1], units: b.units) }
            == .blocLeadFixed(bloc: "KHOI1", lead: b.units[0]))
    }

    @Test func aSessionWaitsForEveryUnitsDelegate() throws {
        let db = try makeDatabase()
        let units = try db.units(level: .provincial).prefix(3).map(\.code)
        try db.defineBloc(code: "K", name: "Khối", kind: .cluster, year: Self.year, lead: units[0], units: units)
        let chair = try db.enrolDelegate(bloc: "K", year: Self.year, unit: units[0], name: "Trưởng", secretary: false, pin: "pin-chair", pinRounds: 1000)
        #expect(refusal { _ = try db.openBlocSession(bloc: "K", year: Self.year, title: "t", by: Signer(member: chair.member.id, pin: "pin-chair")) }
            == .blocRollIncomplete(bloc: "K", units: Array(units.dropFirst())))
    }

    @Test func theFlagIsVotedByTheBlocAtEightyPercentOfAllItsMembersAndPutForward() throws {
        let b = try Self.bloc()
        // The council cannot vote the flag, nor a delegate act in the council's session.
        let council = try b.db.openSession(year: Self.year, title: "Hội đồng", by: b.signer("M01"))
        try b.db.attend(session: council, members: ["M01", "M02"], by: b.signer("M02"))
        #expect(refusal { _ = try b.db.openRound(session: council, award: "CO_NGANH", by: b.signer("M01")) } == .blocVoteOnly(award: "CO_NGANH"))
        #expect(refusal { try b.db.attend(session: council, members: [b.delegates[3]], by: b.signer("M02")) }
            == .otherBody(member: b.delegates[3], body: ""))

        let session = try b.db.openBlocSession(bloc: "KHOI1", year: Self.year, title: "Phiên họp khối", by: b.signer(b.chair))
        #expect(session == "KHOI1-2019-1")
        // The council's chair does not chair the bloc.
        #expect(refusal { _ = try b.db.openBlocSession(bloc: "KHOI1", year: Self.year, title: "x", by: b.signer("M01")) }
            == .otherBody(member: "M01", body: "KHOI1"))
        #expect(refusal { try b.db.attend(session: session, members: ["M01"], by: b.signer(b.secretary)) } == .otherBody(member: "M01", body: "KHOI1"))
        try b.db.attend(session: session, members: b.delegates, by: b.signer(b.secretary))
        #expect(try b.db.quorumStatus(session: session) == QuorumStatus(members: 5, present: 5, required: 4, met: true))
        // Only the flag: a plain selection or a council title is not the bloc's to vote.
        #expect(refusal { _ = try b.db.openRound(session: session, by: b.signer(b.chair)) } == .councilVoteOnly(award: ""))
        #expect(refusal { _ = try b.db.openRound(session: session, award: "CSTD_NGANH", by: b.signer(b.chair)) } == .councilVoteOnly(award: "CSTD_NGANH"))

        let round = try b.db.openRound(session: session, parameters: RoundParameters(minSeats: 1, maxSeats: 2), award: "CO_NGANH", by: b.signer(b.chair))
        let info = try b.db.roundInfo(round: round)
        #expect(info.shortlist.map(\.id) == b.collectives)
        #expect(info.electors.map(\.id) == b.delegates)
        #expect(info.parameters.threshold == Fraction(4, 5)! && info.parameters.base == .members && !info.parameters.strictlyMore)
        #expect(try b.db.roundAward(round: round)?.article == "Điều 20 khoản 2")
        // A council member holds no ballot here.
        #expect(refusal { _ = try b.db.castBallot(round: round, member: "M01", pin: Bloc.pin("M01"), approvals: [b.collectives[0]]) }
            == .otherBody(member: "M01", body: "KHOI1"))
        // 4 of 5 for the first collective (80%: elected at the boundary), 3 of 5 for the second (60%: not).
        let marks: [[String]] = [[b.collectives[0], b.collectives[1]], [b.collectives[0], b.collectives[1]], [b.collectives[0], b.collectives[1]],
                                 [b.collectives[0]], []]
        var receipts: [String] = []
        for (d, m) in zip(b.delegates, marks) { receipts.append(try b.db.castBallot(round: round, member: d, pin: Bloc.pin(d), approvals: m)) }
        let result = try b.db.closeRound(round: round, by: b.signer(b.chair))
        #expect(result.requiredApprovals == 4 && result.members == 5)
        #expect(result.elected == [b.collectives[0]])
        #expect(Set(result.fingerprints) == Set(receipts))
        // Nothing is put forward before the chair certifies; then the elected collective is proposed for the flag.
        #expect(try b.db.proposals(year: Self.year).isEmpty)
        try b.db.certify(round: round, by: b.signer(b.chair))
        let proposals = try b.db.proposals(year: Self.year)
        #expect(proposals.map(\.candidateId) == [b.collectives[0]] && proposals.map(\.award) == [.CO_NGANH])
        #expect(try b.db.proposingRound(candidate: b.collectives[0], award: .CO_NGANH, year: Self.year) == round)
        // The same audit: the chain verifies, and the bloc's acts are in it.
        #expect(try b.db.auditVerify().isIntact)
        let actions = try b.db.auditEntries().map(\.action)
        #expect(["bloc.define", "bloc.delegate", "session.open", "round.award", "vote.cast", "round.close", "round.certify", "bloc.propose"]
            .allSatisfy(actions.contains))
        // The roll is fixed once the bloc has met.
        #expect(refusal { try b.db.defineBloc(code: "KHOI1", name: "Khối 1", kind: .bloc, year: Self.year, lead: b.units[0], units: b.units) }
            == .blocHasMet(bloc: "KHOI1", year: Self.year))
    }
}
