import Testing
@testable import DienHinhCore

@Suite("Voting: fractions, parameters, quorum, council")
struct VotingRulesTests {
    @Test func fractionsParseExactly() {
        #expect(Fraction(parsing: "0.5") == Fraction(1, 2))
        #expect(Fraction(parsing: "0.9") == Fraction(9, 10))
        #expect(Fraction(parsing: ".9") == Fraction(9, 10))
        #expect(Fraction(parsing: "0,5") == Fraction(1, 2))
        #expect(Fraction(parsing: " 2/3 ") == Fraction(2, 3))
        #expect(Fraction(parsing: "4/6")?.description == "2/3")
        #expect(Fraction(parsing: "50%") == Fraction(1, 2))
        #expect(Fraction(parsing: "66.5%") == Fraction(133, 200))
        #expect(Fraction(parsing: "1") == Fraction(1, 1))
        #expect(Fraction(parsing: "0.6666666667") == nil)  // more than 9 decimals
        for bad in ["", "abc", "1/0", "-0.5", "0.5.1", "/3", "2/", ".", "%", "1e-1"] {
            #expect(Fraction(parsing: bad) == nil, "\(bad)")
        }
        #expect(Fraction(1, 2)!.doubleValue == 0.5)
    }

    @Test func fractionCountsAreExact() {
        let half = Fraction.half
        #expect(half.moreThanCount(of: 21) == 11)
        #expect(half.moreThanCount(of: 20) == 11)
        #expect(Fraction.ninetyPercent.atLeastCount(of: 21) == 19)
        #expect(Fraction.ninetyPercent.atLeastCount(of: 20) == 18)
        #expect(Fraction.ninetyPercent.atLeastCount(of: 10) == 9)
        #expect(Fraction.twoThirds.atLeastCount(of: 21) == 14)
        #expect(Fraction.twoThirds.atLeastCount(of: 20) == 14)
        #expect(half.isReached(by: 10, of: 20, strictly: true) == false)
        #expect(half.isReached(by: 10, of: 20, strictly: false) == true)
        // 0.9 * 21 is 18.900000000000002 in floating point; exact arithmetic says 18.9 -> 19.
        #expect(Fraction(parsing: "0.9")!.isReached(by: 18, of: 21, strictly: false) == false)
        #expect(Fraction(parsing: "0.9")!.isReached(by: 19, of: 21, strictly: false) == true)
    }

    @Test(arguments: [
        // (members, present, threshold, base, strictlyMore, required)
        (21, 17, "0.5", ThresholdBase.members, true, 11),
        (20, 17, "0.5", .members, true, 11),
        (21, 17, "0.9", .members, false, 19),
        (21, 15, "0.5", .present, true, 8),
        (21, 14, "0.5", .present, true, 8),
        (21, 21, "2/3", .members, false, 14),
        (21, 21, "2/3", .members, true, 15),
        (9, 9, "1", .members, false, 9),
    ])
    func requiredApprovals(members: Int, present: Int, threshold: String, base: ThresholdBase, strictlyMore: Bool,
                           required: Int) {
        let p = RoundParameters(threshold: Fraction(parsing: threshold)!, base: base, strictlyMore: strictlyMore)
        #expect(p.requiredApprovals(members: members, present: present) == required)
        #expect(p.reaches(approvals: required, members: members, present: present))
        #expect(!p.reaches(approvals: required - 1, members: members, present: present))
    }

    @Test func stateTitleRoundsNeedNinetyPercentOfAllMembers() {
        let p = RoundParameters.stateTitles(maxSeats: 3)
        #expect(p.threshold == Fraction(9, 10))
        #expect(p.base == .members)
        #expect(p.strictlyMore == false)
        #expect(p.requiredApprovals(members: 21, present: 15) == 19)
        #expect(p.reaches(approvals: 19, members: 21, present: 15))
        #expect(!p.reaches(approvals: 18, members: 21, present: 21))
    }

    @Test func defaultsAreClause14() {
        let p = RoundParameters.selection
        #expect(p.minSeats == 5)
        #expect(p.maxSeats == 10)
        #expect(p.threshold == Fraction(1, 2))
        #expect(p.base == .members)
        #expect(p.strictlyMore)
        #expect(p.quorum == Fraction(2, 3))
        #expect(ThresholdBase.members.rawValue == "members")
        #expect(ThresholdBase.present.rawValue == "present")
    }

    @Test func parameterValidation() {
        #expect(throws: ParameterProblem.minAboveMax(min: 6, max: 5)) {
            try RoundParameters(minSeats: 6, maxSeats: 5).validate()
        }
        #expect(throws: ParameterProblem.minSeatsBelowOne(0)) { try RoundParameters(minSeats: 0).validate() }
        #expect(throws: ParameterProblem.thresholdOutOfRange(Fraction(0, 1)!)) {
            try RoundParameters(threshold: Fraction(0, 1)!).validate()
        }
        #expect(throws: ParameterProblem.thresholdOutOfRange(Fraction(3, 2)!)) {
            try RoundParameters(threshold: Fraction(3, 2)!).validate()
        }
        #expect(throws: ParameterProblem.quorumOutOfRange(Fraction(0, 1)!)) {
            try RoundParameters(quorum: Fraction(0, 1)!).validate()
        }
        #expect(RoundParameters(minSeats: 5, maxSeats: 5, threshold: Fraction(1, 1)!).isValid)
        #expect(RoundParameters.selection.isValid)
    }

    @Test func quorumTwoThirds() {
        #expect(Quorum.standard.requiredCount(members: 21) == 14)
        #expect(Quorum.isMet(present: 14, members: 21))
        #expect(!Quorum.isMet(present: 13, members: 21))
        #expect(Quorum.isMet(present: 17, members: 21))
        #expect(Quorum.standard.requiredCount(members: 20) == 14)
        #expect(!Quorum.isMet(present: 13, members: 20))
        #expect(Quorum.standard.requiredCount(members: 3) == 2)
        #expect(!Quorum.isMet(present: 0, members: 0))
        #expect(!Quorum.isMet(present: 22, members: 21))
        let half = Quorum(fraction: .half)
        #expect(half.requiredCount(members: 20) == 10)
        #expect(half.isMet(present: 10, members: 20))
        #expect(!half.isMet(present: 9, members: 20))
        #expect(RoundParameters.selection.quorumRule.isMet(present: 14, members: 21))
    }

    @Test func councilRoles() {
        #expect(CouncilRole.allCases.map(\.rawValue) == ["chair", "vice-chair", "member", "secretary"])
        #expect(CouncilRole(rawValue: "vice-chair") == .viceChair)
        #expect(CouncilRole(text: "Thư ký") == .secretary)
        #expect(CouncilRole(text: "Phó Chủ tịch") == .viceChair)
        #expect(CouncilRole(text: "ủy viên") == .member)
        #expect(CouncilRole(text: "treasurer") == nil)
        #expect(CouncilRole.allCases.filter(\.isVoting).count == 4)
        let council = [
            CouncilMember(id: "M01", name: "Chủ tịch", role: .chair),
            CouncilMember(id: "M02", name: "Phó", role: .viceChair),
            CouncilMember(id: "M03", name: "Thư ký", role: .secretary),
            CouncilMember(id: "M04", name: "Ủy viên", role: .member),
        ]
        #expect(CouncilMember.votingCount(council) == 4)
        #expect(council[2].isVoting)
    }
}

/// Conflicts of interest (issue 19): a member's unit, and the units under it, by the units' parents.
@Suite struct ConflictOfInterestTests {
    static let parents = ["D1": "P1", "D2": "P1", "P1": "H1", "P2": "H1", "D3": "P2"]

    @Test func ownUnitAndUnitsUnderItAreFlaggedNeverAboveOrBeside() {
        #expect(ConflictOfInterest.flagged(memberUnit: "P1", candidateUnit: "P1", parents: Self.parents))
        #expect(ConflictOfInterest.flagged(memberUnit: "P1", candidateUnit: "D2", parents: Self.parents))
        #expect(ConflictOfInterest.flagged(memberUnit: "H1", candidateUnit: "D3", parents: Self.parents))
        #expect(!ConflictOfInterest.flagged(memberUnit: "D1", candidateUnit: "P1", parents: Self.parents))
        #expect(!ConflictOfInterest.flagged(memberUnit: "P1", candidateUnit: "D3", parents: Self.parents))
        #expect(!ConflictOfInterest.flagged(memberUnit: "D1", candidateUnit: "D2", parents: Self.parents))
    }

    @Test func aLoopInTheParentsEnds() {
        #expect(!ConflictOfInterest.flagged(memberUnit: "Z", candidateUnit: "A", parents: ["A": "B", "B": "A"]))
    }

    @Test func onlyRecuseBarsAMark() {
        let c = [RoundConflict(memberId: "M03", candidateId: "C1", source: .unit), RoundConflict(memberId: "M04", candidateId: "C2", source: .declared)]
        #expect(ConflictOfInterest.barred(.flag, member: "M03", conflicts: c).isEmpty)
        #expect(ConflictOfInterest.barred(.recuse, member: "M03", conflicts: c) == ["C1"])
        #expect(ConflictOfInterest.barred(.recuse, member: "M05", conflicts: c).isEmpty)
    }

    @Test func theFormAndTheCommandLineReadParametersAlike() throws {
        let p = try RoundParameters.reading(minSeats: 1, maxSeats: 3, threshold: " 2/3 ", base: .present, atLeast: true)
        #expect(p == RoundParameters(minSeats: 1, maxSeats: 3, threshold: Fraction(parsing: "2/3")!, base: .present, strictlyMore: false))
        #expect(throws: ParameterProblem.unreadableThreshold("abc")) {
            try RoundParameters.reading(minSeats: 1, maxSeats: 3, threshold: "abc", base: .members, atLeast: false)
        }
        #expect(throws: ParameterProblem.minAboveMax(min: 4, max: 3)) {
            try RoundParameters.reading(minSeats: 4, maxSeats: 3, threshold: "0.5", base: .members, atLeast: false)
        }
        #expect(throws: ParameterProblem.minSeatsBelowOne(0)) {
            try RoundParameters.reading(minSeats: 0, maxSeats: 3, threshold: "0.5", base: .members, atLeast: false)
        }
    }
}
