import DienHinhCore
import Foundation
import GRDB

/// Everything search looks at, folded once and held in memory, so each keystroke scans arrays, not the database.
///
/// When a query extends the previous one (the user typed one more letter) only the previous matches are scanned.
public final class SearchIndex: @unchecked Sendable {
    public struct Person: Sendable {
        public var id: String
        public var kind: CandidateKind
        public var name: String
        public var position: String?
        public var unitIndex: Int
        /// Name and position folded, "name | position".
        let folded: String
        /// The name alone, folded: the part that ranks a match first.
        let foldedName: Substring
    }

    public private(set) var people: [Person] = []
    public private(set) var units: [SectorUnit] = []
    let unitFolded: [String]
    private var lastQuery = ""
    private var lastPeople: [Int] = []
    private var lastUnits: [Int] = []

    init(people: [Person], units: [SectorUnit], unitFolded: [String]) {
        self.people = people
        self.units = units
        self.unitFolded = unitFolded
    }

    public struct Result: Sendable {
        public var units: [SectorUnit]
        public var people: [Person]
        public var totalUnits: Int
        public var totalPeople: Int
        public var total: Int { totalUnits + totalPeople }
    }

    /// Units whose names hold every word, then people whose name and position hold every word
    /// or whose unit does; at most `limit` of each are returned, with the full counts.
    public func search(_ query: String, limit: Int = 200) -> Result {
        let q = TextFolding.fold(query)
        let words = q.split(separator: " ").map(String.init)
        guard !words.isEmpty else {
            lastQuery = ""
            return Result(units: [], people: [], totalUnits: 0, totalPeople: 0)
        }
        let narrowing = !lastQuery.isEmpty && q.hasPrefix(lastQuery)
        let unitPool = narrowing ? lastUnits : Array(units.indices)
        let unitHits = unitPool.filter { i in words.allSatisfy { unitFolded[i].contains($0) } }
        let unitSet = Set(unitHits)
        let personPool = narrowing ? lastPeople : Array(people.indices)
        let personHits = personPool.filter { i in
            let p = people[i]
            return unitSet.contains(p.unitIndex) || words.allSatisfy { p.folded.contains($0) }
        }
        lastQuery = q
        lastUnits = unitHits
        lastPeople = personHits
        // The whole phrase in the name first, then every word in the name, then name and position,
        // then people found through their unit.
        var tiers: [[Int]] = [[], [], [], []]
        for i in personHits {
            let p = people[i]
            if p.foldedName.contains(q) { tiers[0].append(i) }
            else if words.allSatisfy({ p.foldedName.contains($0) }) { tiers[1].append(i) }
            else if words.allSatisfy({ p.folded.contains($0) }) { tiers[2].append(i) }
            else { tiers[3].append(i) }
            if tiers[0].count >= limit { break }
        }
        let shown = tiers.joined().prefix(limit).map { people[$0] }
        return Result(units: unitHits.prefix(limit).map { units[$0] }, people: Array(shown),
                      totalUnits: unitHits.count, totalPeople: personHits.count)
    }
}

extension AppDatabase {
    /// Loads the search index: every candidate and current unit, folded.
    public func searchIndex() throws -> SearchIndex {
        try read { db in
            let unitRows = try Row.fetchAll(db, sql: "SELECT * FROM unit WHERE is_current = 1 ORDER BY sort_order")
            let units = unitRows.map(SectorUnit.init(row:))
            let folded = unitRows.map { $0["folded"] as String }
            let position = Dictionary(uniqueKeysWithValues: units.enumerated().map { ($1.code, $0) })
            var people: [SearchIndex.Person] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT c.id, c.kind, c.name, c.position, c.unit_code, c.folded FROM candidate c
                JOIN unit u ON u.code = c.unit_code ORDER BY u.sort_order, c.kind DESC, c.folded, c.id
                """)
            while let r = try rows.next() {
                guard let ui = position[r[4] as String] else { continue }
                let folded: String = r[5]
                let name = folded.split(separator: "|", maxSplits: 1).first.map { $0.hasSuffix(" ") ? $0.dropLast() : $0 } ?? Substring(folded)
                people.append(SearchIndex.Person(id: r[0], kind: CandidateKind(rawValue: r[1]) ?? .individual, name: r[2],
                                                 position: r[3], unitIndex: ui, folded: folded, foldedName: name))
            }
            return SearchIndex(people: people, units: units, unitFolded: folded)
        }
    }

    /// Candidates per unit, for the unit tree.
    public func candidateCountsByUnit() throws -> [String: Int] {
        try read { db in
            var out: [String: Int] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT unit_code, COUNT(*) FROM candidate GROUP BY unit_code") { out[r[0]] = r[1] }
            return out
        }
    }
}
