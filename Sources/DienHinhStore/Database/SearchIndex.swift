import DienHinhCore
import Foundation
import GRDB

/// Folded text as UTF-8 bytes: substring tests on raw bytes, no Unicode work per keystroke.
struct FoldedText: Sendable {
    let bytes: [UInt8]

    init(_ s: String) { bytes = Array(s.utf8) }
    init<S: Sequence>(bytes: S) where S.Element == UInt8 { self.bytes = Array(bytes) }

    func contains(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= bytes.count else { return false }
        // Names are tens of bytes: a plain scan on the first byte, then a compare, beats anything clever.
        return bytes.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { n in
                let first = n[0], last = hay.count - n.count
                var i = 0
                while i <= last {
                    if hay[i] == first {
                        var k = 1
                        while k < n.count && hay[i + k] == n[k] { k += 1 }
                        if k == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}

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
        let folded: FoldedText
        /// The name alone, folded: the part that ranks a match first.
        let foldedName: FoldedText
    }

    public private(set) var people: [Person] = []
    public private(set) var units: [SectorUnit] = []
    let unitFolded: [FoldedText]
    /// A unit's name alone, folded ("name | short name | code | former names" is what `unitFolded` holds).
    let unitFoldedName: [FoldedText]
    private var lastQuery = ""
    private var lastPeople: [Int] = []
    private var lastUnits: [Int] = []

    init(people: [Person], units: [SectorUnit], unitFolded: [FoldedText]) {
        self.people = people
        self.units = units
        self.unitFolded = unitFolded
        unitFoldedName = unitFolded.map { f in
            let bar = f.bytes.firstIndex(of: UInt8(ascii: "|")).map { $0 > 0 ? $0 - 1 : 0 } ?? f.bytes.count
            return FoldedText(bytes: f.bytes[..<bar])
        }
    }

    public struct Result: Sendable {
        public var units: [SectorUnit]
        public var people: [Person]
        public var totalUnits: Int
        public var totalPeople: Int
        /// How many of `people` carry the whole query in their name: they go before the units.
        public var leadingPeople: Int
        /// How many of `units` (the first ones) carry the whole query in their name: they go first of all.
        public var leadingUnits: Int = 0
        /// When the query finds few (under `fewHits`): people whose folded name is one edit from the query's
        /// ("nguyen van duk" → Nguyễn Văn Đức), not among `people`, at most `limit`.
        public var near: [Person] = []
        public var total: Int { totalUnits + totalPeople }
    }

    /// Fewer hits than this and the search also offers names one edit away.
    public static let fewHits = 3

    /// People whose whole folded name is one edit from the folded query, in the index's order, at most `limit`.
    /// One pass over every name, but most are passed over on their length alone; it runs only when a search found
    /// few, so typing that finds people never pays for it.
    public func nearMatches(_ query: String, limit: Int, excluding: Set<String> = []) -> [Person] {
        let q = Array(TextFolding.fold(query).utf8)
        // A slip in two or three letters is a different short name, not a typo.
        guard q.count >= 4 else { return [] }
        var out: [Person] = []
        for p in people where abs(p.foldedName.bytes.count - q.count) <= 1 && NearMatch.oneEditApart(q, p.foldedName.bytes) {
            guard !excluding.contains(p.id) else { continue }
            out.append(p)
            if out.count >= limit { break }
        }
        return out
    }

    /// Units whose names hold every word, then people whose name and position hold every word
    /// or whose unit does; at most `limit` of each are returned, with the full counts.
    public func search(_ query: String, limit: Int = 200) -> Result {
        let q = TextFolding.fold(query)
        let words = q.split(separator: " ").map { Array($0.utf8) }
        let phrase = Array(q.utf8)
        guard !words.isEmpty else {
            lastQuery = ""
            return Result(units: [], people: [], totalUnits: 0, totalPeople: 0, leadingPeople: 0)
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
            if p.foldedName.contains(phrase) { tiers[0].append(i) }
            else if words.allSatisfy({ p.foldedName.contains($0) }) { tiers[1].append(i) }
            else if words.allSatisfy({ p.folded.contains($0) }) { tiers[2].append(i) }
            else { tiers[3].append(i) }
            if tiers[0].count >= limit { break }
        }
        let shown = tiers.joined().prefix(limit).map { people[$0] }
        // Units named by the whole phrase first, from their folded names already held here: folding ~800 names
        // again for every one-letter query was most of that keystroke.
        let unitShown = unitHits.prefix(limit)
        let phraseUnits = unitShown.filter { unitFoldedName[$0].contains(phrase) }
        let otherUnits = unitShown.filter { !unitFoldedName[$0].contains(phrase) }
        let near = unitHits.count + personHits.count < Self.fewHits
            ? nearMatches(query, limit: limit, excluding: Set(shown.map(\.id))) : []
        return Result(units: (phraseUnits + otherUnits).map { units[$0] }, people: Array(shown),
                      totalUnits: unitHits.count, totalPeople: personHits.count, leadingPeople: min(tiers[0].count, shown.count),
                      leadingUnits: phraseUnits.count, near: near)
    }
}

extension AppDatabase {
    /// Loads the search index: every candidate and current unit, folded.
    public func searchIndex() throws -> SearchIndex {
        try read { db in
            let unitRows = try Row.fetchAll(db, sql: "SELECT * FROM unit ORDER BY sort_order")
            let units = unitRows.map(SectorUnit.init(row:))
            let folded = unitRows.map { FoldedText($0["folded"] as String) }
            let position = Dictionary(uniqueKeysWithValues: units.enumerated().map { ($1.code, $0) })
            var people: [SearchIndex.Person] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT c.id, c.kind, c.name, c.position, c.unit_code, c.folded FROM candidate c
                JOIN unit u ON u.code = c.unit_code ORDER BY u.sort_order, c.kind DESC, c.folded, c.id
                """)
            while let r = try rows.next() {
                guard let ui = position[r[4] as String] else { continue }
                let folded = FoldedText(r[5] as String)
                // "name | position": the name is everything before the separator.
                let bar = folded.bytes.firstIndex(of: UInt8(ascii: "|")).map { $0 > 0 ? $0 - 1 : 0 } ?? folded.bytes.count
                people.append(SearchIndex.Person(id: r[0], kind: CandidateKind(rawValue: r[1]) ?? .individual, name: r[2],
                                                 position: r[3], unitIndex: ui, folded: folded,
                                                 foldedName: FoldedText(bytes: folded.bytes[..<bar])))
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
