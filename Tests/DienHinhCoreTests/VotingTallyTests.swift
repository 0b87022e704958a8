import Testing
@testable import DienHinhCore

@Suite("Voting: counting (VOTING.md, Counting)")
struct VotingTallyTests {
    let params = RoundParameters.selection

    @Test func baseMembersVersusPresentSameBallots() throws {
        // 21 members, 15 present, 15 ballots; C01 has 9 approvals, C02 11, C03 7.
        let box = VT.ballots([9, 11, 7], total: 15)
        let list = VT.shortlist(3)
        let byMembers = try Tally.count(roundId: "R1", parameters: RoundParameters(minSeats: 1, maxSeats: 3),
                                        members: 21, present: 15, shortlist: list, valid: box)
        let byPresent = try Tally.count(roundId: "R1",
                                        parameters: RoundParameters(minSeats: 1, maxSeats: 3, base: .present),
                                        members: 21, present: 15, shortlist: list, valid: box)
        #expect(byMembers.requiredApprovals == 11)
        #expect(byPresent.requiredApprovals == 8)
        #expect(byMembers.elected == ["C02"])
        #expect(byPresent.elected == ["C02", "C01"])
        #expect(VT.outcomes(byMembers) == ["C01": .notElected, "C02": .elected, "C03": .notElected])
        #expect(VT.outcomes(byPresent) == ["C01": .elected, "C02": .elected, "C03": .notElected])
        #expect(byMembers.candidate("C01")?.percent == 42.9)   // 9 / 21
        #expect(byPresent.candidate("C01")?.percent == 60.0)   // 9 / 15
        #expect(byMembers.candidate("C03")?.percentText == "33.3")
        #expect(byPresent.candidate("C03")?.percentText == "46.7")
    }

    @Test func elevenOfTwentyOneIsOverHalfTenOfTwentyIsNot() throws {
        let r21 = try Tally.count(roundId: "R", parameters: RoundParameters(minSeats: 1, maxSeats: 2), members: 21,
                                  present: 21, shortlist: VT.shortlist(2), valid: VT.ballots([11, 10], total: 21))
        #expect(VT.outcomes(r21) == ["C01": .elected, "C02": .notElected])
        let r20 = try Tally.count(roundId: "R", parameters: RoundParameters(minSeats: 1, maxSeats: 2), members: 20,
                                  present: 20, shortlist: VT.shortlist(2), valid: VT.ballots([11, 10], total: 20))
        #expect(r20.requiredApprovals == 11)
        #expect(VT.outcomes(r20) == ["C01": .elected, "C02": .notElected])
        #expect(r20.candidate("C02")?.percent == 50.0)
        #expect(r20.candidate("C02")?.reachedThreshold == false)
    }

    @Test func ninetyPercentRound() throws {
        let p = RoundParameters.stateTitles(minSeats: 1, maxSeats: 2)
        let r = try Tally.count(roundId: "R", parameters: p, members: 21, present: 21, shortlist: VT.shortlist(2),
                                valid: VT.ballots([19, 18], total: 21))
        #expect(r.requiredApprovals == 19)
        #expect(r.elected == ["C01"])
        #expect(r.candidate("C01")?.percent == 90.5)
        #expect(r.candidate("C02")?.percent == 85.7)
        #expect(r.candidate("C02")?.outcome == .notElected)
    }

    @Test func moreThanTenOverThresholdTopTenElected() throws {
        // 11 candidates with 21...11 approvals (all over 50% of 21) and one with 5.
        let votes = Array((11...21).reversed()) + [5]
        let r = try Tally.count(roundId: "R", parameters: params, members: 21, present: 21,
                                shortlist: VT.shortlist(12), valid: VT.ballots(votes, total: 21))
        #expect(VT.approvals(r) == Dictionary(uniqueKeysWithValues: votes.enumerated().map { (VT.id($0.offset + 1), $0.element) }))
        #expect(r.elected == (1...10).map(VT.id))
        #expect(r.candidate("C11")?.reachedThreshold == true)
        #expect(r.candidate("C11")?.outcome == .notElected)
        #expect(r.candidate("C11")?.rank == 11)
        #expect(r.candidate("C12")?.outcome == .notElected)
        #expect(r.tieForSeats == 0)
        #expect(r.unfilled == 0)
        #expect(r.next == .done)
        #expect(RunoffPlan(after: r) == nil)
    }

    func tieAcrossTenthSeat() throws -> RoundResult {
        // C01..C08: 20..13; C09, C10, C11: 12 each for the last 2 seats; C12: 11 (over the threshold).
        let votes = [20, 19, 18, 17, 16, 15, 14, 13, 12, 12, 12, 11, 3]
        return try Tally.count(roundId: "R1", parameters: params, members: 21, present: 21,
                               shortlist: VT.shortlist(13), valid: VT.ballots(votes, total: 21))
    }

    @Test func tieStraddlingTheLastSeatIsNotElected() throws {
        let r = try tieAcrossTenthSeat()
        #expect(r.elected == (1...8).map(VT.id))
        #expect(r.tieForSeats == 2)
        #expect(r.unfilled == 0)
        #expect(r.tiedIds == ["C09", "C10", "C11"])
        #expect(r.candidates.filter { $0.outcome == .tie }.map(\.rank) == [9, 9, 9])
        #expect(r.candidate("C12")?.outcome == .notElected)
        #expect(r.candidate("C12")?.reachedThreshold == true)
        #expect(r.next == .runoffForTie(candidateIds: ["C09", "C10", "C11"], seats: 2))

        let plan = try #require(RunoffPlan(after: r))
        #expect(plan.kind == .tie)
        #expect(plan.previousRoundId == "R1")
        #expect(plan.shortlist.map(\.id) == ["C09", "C10", "C11"])
        #expect(plan.shortlist.map(\.name) == ["Ứng viên 9", "Ứng viên 10", "Ứng viên 11"])
        #expect(plan.parameters.maxSeats == 2)
        #expect(plan.parameters.minSeats == 1)
        #expect(plan.parameters.threshold == Fraction(1, 2))
        #expect(plan.parameters.base == .members)
        #expect(plan.parameters.isValid)

        // The run-off: C10 15, C09 13, C11 9 -> C10 and C09 fill the two seats.
        let box = VT.ballots([13, 15, 9], for: plan.shortlist.map(\.id), total: 21)
        let runoff = try Tally.count(roundId: "R2", parameters: plan.parameters, members: 21, present: 21,
                                     shortlist: plan.shortlist, valid: box)
        #expect(runoff.elected == ["C10", "C09"])
        #expect(runoff.candidate("C11")?.outcome == .notElected)
        #expect(runoff.next == .done)
    }

    @Test func everyoneTiedOverTheLastSeat() throws {
        // 12 candidates all with 11 approvals for 10 seats: nobody elected yet, a tie for all 10.
        let r = try Tally.count(roundId: "R1", parameters: params, members: 21, present: 21,
                                shortlist: VT.shortlist(12), valid: VT.ballots(Array(repeating: 11, count: 12), total: 21))
        #expect(r.elected == [])
        #expect(r.tieForSeats == 10)
        #expect(r.unfilled == 0)
        #expect(r.tiedIds.count == 12)
        let plan = try #require(RunoffPlan(after: r))
        #expect(plan.parameters.minSeats == 5)
        #expect(plan.parameters.maxSeats == 10)
        #expect(plan.shortlist.count == 12)
    }

    @Test func castingChoiceResolvesTheTie() throws {
        let r = try tieAcrossTenthSeat()
        let resolved = try r.resolvingTie(chosen: ["C11", "C09"], chair: "M01")
        #expect(resolved.elected == (1...8).map(VT.id) + ["C09", "C11"])
        #expect(resolved.candidate("C10")?.outcome == .notElected)
        #expect(resolved.candidate("C11")?.outcome == .elected)
        #expect(resolved.tieForSeats == 0)
        #expect(resolved.unfilled == 0)
        #expect(resolved.castingChoice == CastingChoice(tied: ["C09", "C10", "C11"], seats: 2,
                                                        chosen: ["C11", "C09"], chair: "M01"))
        #expect(resolved.next == .done)
        #expect(VT.approvals(resolved) == VT.approvals(r))

        #expect(throws: CastingChoiceError.wrongCount(expected: 2, got: 1)) {
            try r.resolvingTie(chosen: ["C09"], chair: "M01")
        }
        #expect(throws: CastingChoiceError.notTied("C12")) { try r.resolvingTie(chosen: ["C09", "C12"], chair: "M01") }
        #expect(throws: CastingChoiceError.duplicate("C09")) { try r.resolvingTie(chosen: ["C09", "C09"], chair: "M01") }
        #expect(throws: CastingChoiceError.alreadyResolved) {
            try resolved.resolvingTie(chosen: ["C09", "C10"], chair: "M01")
        }
        let noTie = try Tally.count(roundId: "R", parameters: params, members: 21, present: 21,
                                    shortlist: VT.shortlist(5), valid: VT.ballots([15, 15, 15, 15, 15], total: 21))
        #expect(throws: CastingChoiceError.noTie) { try noTie.resolvingTie(chosen: [], chair: "M01") }
    }

    @Test func scenarioEightReachThresholdTieForSeventhAllElected() throws {
        // SCENARIOS.md §3: 21 members, 17 present, 2 written ballots; 8 reach 11, two tie for 7th.
        let votes = [18, 17, 16, 15, 14, 13, 12, 12, 10, 8, 6, 3]
        let inRoom = VT.ballots(votes, total: 19)
        let r = try Tally.count(roundId: "R1", parameters: params, members: 21, present: 17,
                                shortlist: VT.shortlist(12), valid: inRoom, written: 2)
        #expect(r.requiredApprovals == 11)
        #expect(r.elected == (1...8).map(VT.id))
        #expect(r.candidate("C07")?.rank == 7)
        #expect(r.candidate("C08")?.rank == 7)
        #expect(r.candidate("C08")?.outcome == .elected)
        #expect(r.candidate("C09")?.outcome == .notElected)
        #expect(r.tieForSeats == 0)
        #expect(r.unfilled == 0)
        #expect(r.next == .done)
        #expect(r.ballots == BallotCounts(issued: 21, cast: 19, written: 2, valid: 19, invalid: 0))
        #expect(r.absent == 4)
        #expect(r.quorumMet)
        #expect(r.candidate("C01")?.percent == 85.7)
    }

    @Test func fewerThanFiveElectedThenFurtherRoundFillsThem() throws {
        // 21 members, 18 present and voting. Only C01, C02, C03 reach 11.
        let r = try Tally.count(roundId: "R1", parameters: params, members: 21, present: 18,
                                shortlist: VT.shortlist(6), valid: VT.ballots([15, 13, 11, 10, 9, 4], total: 18))
        #expect(r.elected == ["C01", "C02", "C03"])
        #expect(r.unfilled == 2)
        #expect(r.tieForSeats == 0)
        #expect(r.next == .furtherRound(candidateIds: ["C04", "C05", "C06"], minSeats: 2, maxSeats: 7))

        let plan = try #require(RunoffPlan(after: r))
        #expect(plan.kind == .unfilled)
        #expect(plan.shortlist.map(\.id) == ["C04", "C05", "C06"])
        #expect(plan.parameters.minSeats == 2)
        #expect(plan.parameters.maxSeats == 7)
        #expect(plan.parameters.threshold == Fraction(1, 2))

        let second = try Tally.count(roundId: "R2", parameters: plan.parameters, members: 21, present: 18,
                                     shortlist: plan.shortlist, valid: VT.ballots([12, 11, 3], for: plan.shortlist.map(\.id), total: 18))
        #expect(second.elected == ["C04", "C05"])
        #expect(second.unfilled == 0)
        #expect(second.next == .done)
        #expect(r.elected.count + second.elected.count == 5)
    }

    @Test func furtherRoundThatStillFallsShortProposesAnother() throws {
        let first = try Tally.count(roundId: "R1", parameters: params, members: 21, present: 21,
                                    shortlist: VT.shortlist(6), valid: VT.ballots([15, 13, 11, 10, 9, 4], total: 21))
        let plan = try #require(RunoffPlan(after: first))
        let second = try Tally.count(roundId: "R2", parameters: plan.parameters, members: 21, present: 21,
                                     shortlist: plan.shortlist, valid: VT.ballots([14, 8, 3], for: plan.shortlist.map(\.id), total: 21))
        #expect(second.elected == ["C04"])
        #expect(second.unfilled == 1)
        #expect(second.next == .furtherRound(candidateIds: ["C05", "C06"], minSeats: 1, maxSeats: 6))
    }

    @Test func nobodyLeftMeansDoneEvenIfUnfilled() throws {
        let r = try Tally.count(roundId: "R", parameters: params, members: 21, present: 21,
                                shortlist: VT.shortlist(3), valid: VT.ballots([15, 14, 13], total: 21))
        #expect(r.elected.count == 3)
        #expect(r.unfilled == 2)
        #expect(r.next == .done)
    }

    @Test func writtenBallotsAreCounted() throws {
        // 17 in the room give C01 10 approvals; one of the 4 written ballots approves C01 -> 11 of 21.
        let room = VT.ballots([10, 12], total: 17)
        let written = [Ballot(approvals: ["C01", "C02"]), Ballot(approvals: []), Ballot(approvals: ["C02"]),
                       Ballot(approvals: ["C02"])]
        let p = RoundParameters(minSeats: 1, maxSeats: 2)
        let without = try Tally.count(roundId: "R", parameters: p, members: 21, present: 17,
                                      shortlist: VT.shortlist(2), valid: room)
        let with = try Tally.count(roundId: "R", parameters: p, members: 21, present: 17,
                                   shortlist: VT.shortlist(2), valid: room + written, written: 4)
        #expect(without.candidate("C01")?.outcome == .notElected)
        #expect(with.candidate("C01")?.approvals == 11)
        #expect(with.candidate("C02")?.approvals == 15)
        #expect(with.elected == ["C02", "C01"])
        #expect(with.ballots == BallotCounts(issued: 21, cast: 21, written: 4, valid: 21, invalid: 0))
    }

    @Test func invalidBallotsAreReportedAndNotCounted() throws {
        // One "valid" ballot mentions an id not on the shortlist: it is moved to the invalid ones.
        var box = VT.ballots([12, 5], total: 18)
        box.append(Ballot(approvals: ["C01", "X99"]))
        let r = try Tally.count(roundId: "R", parameters: RoundParameters(minSeats: 1, maxSeats: 2), members: 21,
                                present: 17, shortlist: VT.shortlist(2), valid: box,
                                invalid: [.other("rách, không đọc được")], written: 3)
        #expect(r.candidate("C01")?.approvals == 12)
        #expect(r.ballots == BallotCounts(issued: 21, cast: 20, written: 3, valid: 18, invalid: 2))
        #expect(r.invalidReasons == [.other("rách, không đọc được"), .unknownCandidate("X99")])
    }

    @Test func inconsistentInputsAreRefused() {
        let list = VT.shortlist(2)
        #expect(throws: TallyError.moreBallotsThanMembers(cast: 22, members: 21)) {
            try Tally.count(roundId: "R", parameters: params, members: 21, present: 21, shortlist: list,
                            valid: VT.ballots([1, 1], total: 22))
        }
        #expect(throws: TallyError.moreWrittenThanAbsent(written: 5, absent: 4)) {
            try Tally.count(roundId: "R", parameters: params, members: 21, present: 17, shortlist: list,
                            valid: VT.ballots([1, 1], total: 21), written: 5)
        }
        #expect(throws: TallyError.moreInRoomThanPresent(inRoom: 18, present: 17)) {
            try Tally.count(roundId: "R", parameters: params, members: 21, present: 17, shortlist: list,
                            valid: VT.ballots([1, 1], total: 20), written: 2)
        }
        #expect(throws: TallyError.presentOutOfRange(present: 22, members: 21)) {
            try Tally.count(roundId: "R", parameters: params, members: 21, present: 22, shortlist: list, valid: [])
        }
        #expect(throws: TallyError.invalidParameters(.minAboveMax(min: 5, max: 4))) {
            try Tally.count(roundId: "R", parameters: RoundParameters(maxSeats: 4), members: 21, present: 21,
                            shortlist: list, valid: [])
        }
        #expect(throws: TallyError.duplicateShortlistId("C01")) {
            try Tally.count(roundId: "R", parameters: params, members: 21, present: 21,
                            shortlist: list + [list[0]], valid: [])
        }
        #expect(throws: TallyError.emptyCouncil) {
            try Tally.count(roundId: "R", parameters: params, members: 0, present: 0, shortlist: list, valid: [])
        }
    }

    @Test func percentRoundsHalfUpExactly() {
        #expect(Tally.percentTenths(15, of: 21) == 714)
        #expect(Tally.percentTenths(1, of: 8) == 125)     // 12.5
        #expect(Tally.percentTenths(1, of: 16) == 63)     // 6.25 -> 6.3
        #expect(Tally.percentTenths(2, of: 3) == 667)
        #expect(Tally.percentTenths(21, of: 21) == 1000)
        #expect(Tally.percentTenths(0, of: 21) == 0)
        #expect(Tally.percentTenths(3, of: 0) == 0)
    }
}
