import Foundation
import Testing
@testable import DienHinhCore

@Suite("Voting: ballots and receipts")
struct VotingBallotTests {
    let ids = Set((1...12).map(VT.id))

    @Test func validBallots() throws {
        #expect(try Ballot.validated(marks: [], shortlist: ids, maxMarks: 10).approvals.isEmpty)
        let ten = (1...10).map(VT.id)
        #expect(try Ballot.validated(marks: ten, shortlist: ids, maxMarks: 10).approvals == Set(ten))
    }

    @Test func invalidBallots() {
        #expect(throws: BallotProblem.tooManyMarks(count: 11, max: 10)) {
            try Ballot.validated(marks: (1...11).map(VT.id), shortlist: ids, maxMarks: 10)
        }
        #expect(throws: BallotProblem.unknownCandidate("X99")) {
            try Ballot.validated(marks: ["C01", "X99"], shortlist: ids, maxMarks: 10)
        }
        #expect(throws: BallotProblem.duplicateMark("C02")) {
            try Ballot.validated(marks: ["C02", "C01", "C02"], shortlist: ids, maxMarks: 10)
        }
        #expect(Ballot(approvals: ["C01", "C02", "C03"]).problem(shortlist: ids, maxMarks: 2)
            == .tooManyMarks(count: 3, max: 2))
        #expect(Ballot(approvals: ["C01"]).problem(shortlist: ids, maxMarks: 2) == nil)
        #expect(BallotProblem.tooManyMarks(count: 11, max: 10).code == "too_many_marks")
        #expect(BallotProblem.tooManyMarks(count: 11, max: 10).detail == "11/10")
    }

    @Test func canonicalTextIsSortedAndUnambiguous() {
        #expect(Ballot.canonicalText(ballotId: "abc", choices: ["TT-79-0002", "CN-01-0001"])
            == "ballot:abc|approve:CN-01-0001,TT-79-0002")
        #expect(Ballot.canonicalText(ballotId: "abc", choices: [String]()) == "ballot:abc|approve:")
        #expect(Ballot(approvals: ["b", "a"]).canonicalText(ballotId: "7f") == "ballot:7f|approve:a,b")
        #expect(Ballot.canonicalText(ballotId: "x|y", choices: ["a,b", "50%"])
            == "ballot:x%7Cy|approve:50%25,a%2Cb")
        // Upper case sorts before lower case (UTF-8 byte order), whatever the locale.
        #expect(Ballot.canonicalText(ballotId: "1", choices: ["b", "B", "a"]) == "ballot:1|approve:B,a,b")
    }

    @Test func randomIdsAre128BitHex() {
        let a = Ballot.randomId()
        let b = Ballot.randomId()
        #expect(a.count == 32)
        #expect(a.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(a != b)
    }

    @Test func receiptCodeFormat() {
        #expect(ReceiptCode.format([UInt8](repeating: 0, count: 32)) == "0000-0000-0000-0000")
        #expect(ReceiptCode.format([UInt8](repeating: 0xFF, count: 10)) == "ZZZZ-ZZZZ-ZZZZ-ZZZZ")
        // The 16 five-bit values 0...15 in order.
        #expect(ReceiptCode.format([0x00, 0x44, 0x32, 0x14, 0xC7, 0x42, 0x54, 0xB6, 0x35, 0xCF] + [UInt8](repeating: 9, count: 22))
            == "0123-4567-89AB-CDEF")
        // First 10 bytes of SHA-256("ballot:abc|approve:CN-01-0001,TT-79-0002"), computed independently.
        #expect(ReceiptCode.format([142, 121, 206, 190, 229, 219, 228, 78, 103, 123]) == "HSWW-XFQ5-VFJ4-WSVV")
    }

    @Test func receiptCodeNormalizesTyping() {
        #expect(ReceiptCode.normalize("hsww xfq5 vfj4 wsvv") == "HSWW-XFQ5-VFJ4-WSVV")
        #expect(ReceiptCode.normalize("O1IL-0000-0000-0000") == "0111-0000-0000-0000")
        #expect(ReceiptCode.normalize("HSWW-XFQ5-VFJ4") == nil)
        #expect(ReceiptCode.normalize("HSWW-XFQ5-VFJ4-WSVU") == nil)
    }
}

@Suite("Voting: round result JSON")
struct VotingResultJSONTests {
    func sample() throws -> RoundResult {
        // 21 members, 17 present, 4 written; C01 15 approvals (71.4%).
        let box = VT.ballots([15, 11, 12, 12, 12, 12, 12, 12, 12, 12, 12, 4], total: 21)
        return try Tally.count(roundId: "R-2018-1", parameters: .selection, members: 21, present: 17,
                               shortlist: VT.shortlist(12), valid: box, written: 4,
                               fingerprints: ["ZZZZ-0000-0000-0000", "AAAA-0000-0000-0000"])
    }

    func json(_ r: RoundResult) throws -> [String: Any] {
        let data = try JSONEncoder().encode(r)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func encodesTheInterfaceKeys() throws {
        let r = try sample()
        // 11 pass: C01 (15), C03...C11 (12 each) fill the 10 seats; C02 (11) is 11th, not elected.
        let o = try json(r)
        for key in ["round", "status", "members", "present", "base", "threshold", "min", "max", "ballots",
                    "candidates", "elected", "unfilled", "tie_for_seats", "fingerprints"] {
            #expect(o[key] != nil, "missing \(key)")
        }
        #expect(o["round"] as? String == "R-2018-1")
        #expect(o["status"] as? String == "closed")
        #expect(o["members"] as? Int == 21)
        #expect(o["present"] as? Int == 17)
        #expect(o["base"] as? String == "members")
        #expect(o["threshold"] as? Double == 0.5)
        #expect(o["threshold_fraction"] as? String == "1/2")
        #expect(o["required"] as? Int == 11)
        #expect(o["min"] as? Int == 5)
        #expect(o["max"] as? Int == 10)
        #expect(o["unfilled"] as? Int == 0)
        #expect(o["tie_for_seats"] as? Int == 0)
        #expect(o["casting_choice"] == nil)
        #expect(o["fingerprints"] as? [String] == ["AAAA-0000-0000-0000", "ZZZZ-0000-0000-0000"])
        let ballots = try #require(o["ballots"] as? [String: Int])
        #expect(ballots == ["issued": 21, "cast": 21, "written": 4, "valid": 21, "invalid": 0])
        let candidates = try #require(o["candidates"] as? [[String: Any]])
        #expect(candidates.count == 12)
        #expect(candidates[0]["id"] as? String == "C01")
        #expect(candidates[0]["name"] as? String == "Ứng viên 1")
        #expect(candidates[0]["approvals"] as? Int == 15)
        #expect(candidates[0]["percent"] as? Double == 71.4)
        #expect(candidates[0]["outcome"] as? String == "elected")
        #expect(candidates[1]["outcome"] as? String == "not_elected")
        #expect(candidates[3]["kind"] as? String == "collective")
        #expect(candidates[3]["unit_code"] as? String == "VKST.01")
        #expect((o["elected"] as? [String])?.count == 10)
        #expect((o["next"] as? [String: Any])?["step"] as? String == "done")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = String(decoding: try encoder.encode(r), as: UTF8.self)
        #expect(text.contains("\"percent\":71.4,"))
        #expect(text.contains("\"threshold\":0.5,\"threshold_fraction\":\"1/2\","))
        #expect(text.contains("\"ballots\":{\"cast\":21,\"invalid\":0,\"issued\":21,\"valid\":21,\"written\":4}"))
    }

    @Test func tieAndCastingChoiceInJSON() throws {
        let votes = [20, 19, 18, 17, 16, 15, 14, 13, 12, 12, 12, 11, 3]
        let r = try Tally.count(roundId: "R1", parameters: .selection, members: 21, present: 21,
                                shortlist: VT.shortlist(13), valid: VT.ballots(votes, total: 21))
        let o = try json(r)
        #expect(o["tie_for_seats"] as? Int == 2)
        let outcomes = (o["candidates"] as? [[String: Any]])?.map { $0["outcome"] as? String ?? "" }
        #expect(outcomes == Array(repeating: "elected", count: 8) + ["tie", "tie", "tie", "not_elected", "not_elected"])
        let next = try #require(o["next"] as? [String: Any])
        #expect(next["step"] as? String == "runoff_tie")
        #expect(next["candidates"] as? [String] == ["C09", "C10", "C11"])
        #expect(next["seats"] as? Int == 2)

        let resolved = try r.resolvingTie(chosen: ["C10", "C11"], chair: "M01")
        let cc = try #require(try json(resolved)["casting_choice"] as? [String: Any])
        #expect(cc["tied"] as? [String] == ["C09", "C10", "C11"])
        #expect(cc["chosen"] as? [String] == ["C10", "C11"])
        #expect(cc["seats"] as? Int == 2)
        #expect(cc["chair"] as? String == "M01")
    }

    @Test func furtherRoundInJSON() throws {
        let r = try Tally.count(roundId: "R1", parameters: .selection, members: 21, present: 18,
                                shortlist: VT.shortlist(6), valid: VT.ballots([15, 13, 11, 10, 9, 4], total: 18))
        let o = try json(r)
        #expect(o["unfilled"] as? Int == 2)
        let next = try #require(o["next"] as? [String: Any])
        #expect(next["step"] as? String == "further_round")
        #expect(next["candidates"] as? [String] == ["C04", "C05", "C06"])
        #expect(next["min"] as? Int == 2)
        #expect(next["max"] as? Int == 7)
    }

    @Test func roundTrips() throws {
        let r = try sample()
        let back = try JSONDecoder().decode(RoundResult.self, from: try JSONEncoder().encode(r))
        #expect(back == r)
        let votes = [20, 19, 18, 17, 16, 15, 14, 13, 12, 12, 12, 11, 3]
        let resolved = try Tally.count(roundId: "R1", parameters: RoundParameters(base: .present, quorum: .half),
                                       members: 21, present: 20, shortlist: VT.shortlist(13),
                                       valid: VT.ballots(votes, total: 20), invalid: [.duplicateMark("C01")],
                                       written: 1).resolvingTie(chosen: ["C09", "C11"], chair: "M01")
        #expect(resolved.castingChoice != nil)
        let again = try JSONDecoder().decode(RoundResult.self, from: try JSONEncoder().encode(resolved))
        #expect(again == resolved)
        #expect(again.parameters.quorum == Fraction(1, 2))
    }
}
