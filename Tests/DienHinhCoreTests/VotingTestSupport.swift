import DienHinhCore

/// Helpers for the voting tests, namespaced so they cannot clash with other test files.
enum VT {
    /// Shortlist C01...Cnn of VKST.01, every fourth a collective, named "Ứng viên n".
    static func shortlist(_ count: Int) -> [ShortlistEntry] {
        (1...count).map { i in
            ShortlistEntry(id: id(i), name: "Ứng viên \(i)", kind: i % 4 == 0 ? .collective : .individual,
                           unitCode: "VKST.01")
        }
    }

    static func id(_ i: Int) -> String { i < 10 ? "C0\(i)" : "C\(i)" }

    /// `total` ballots on which candidate `id(i+1)` is approved exactly `approvals[i]` times. Each
    /// candidate's marks go to the ballots with the fewest marks so far, keeping ballots balanced.
    static func ballots(_ approvals: [Int], total: Int) -> [Ballot] {
        ballots(approvals, for: approvals.indices.map { id($0 + 1) }, total: total)
    }

    /// The same for the candidates `ids` (a run-off's shortlist): `ids[i]` gets `approvals[i]`.
    static func ballots(_ approvals: [Int], for ids: [String], total: Int) -> [Ballot] {
        var marks = Array(repeating: Set<String>(), count: total)
        for (i, k) in approvals.enumerated() {
            precondition(k <= total)
            let order = marks.indices.sorted {
                marks[$0].count != marks[$1].count ? marks[$0].count < marks[$1].count : $0 < $1
            }
            for b in order.prefix(k) { marks[b].insert(ids[i]) }
        }
        return marks.map { Ballot(approvals: $0) }
    }

    static func outcomes(_ r: RoundResult) -> [String: Outcome] {
        Dictionary(uniqueKeysWithValues: r.candidates.map { ($0.id, $0.outcome) })
    }

    static func approvals(_ r: RoundResult) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: r.candidates.map { ($0.id, $0.approvals) })
    }
}
