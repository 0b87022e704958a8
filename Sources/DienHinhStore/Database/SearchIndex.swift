import DienHinhCore
import Foundation
import GRDB

/// Folded text as UTF-8 bytes: substring tests on raw bytes, no Unicode work per keystroke.
struct FoldedText: Sendable {
    let bytes: [UInt8]

    init(_ s: String) { bytes = Array(s.utf8) }
    init<S: Sequence>(bytes: S) where S.Element == UInt8 { self.bytes = Array(bytes) }

    func contains(_ needle: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { FoldedText.contains(UnsafeRawBufferPointer($0), needle) }
    }

    /// Whether `hay` holds `needle`. Names are tens of bytes: a plain scan on the first byte, then a compare,
    /// beats anything clever.
    static func contains(_ hay: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= hay.count else { return false }
        return needle.withUnsafeBufferPointer { n in
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

/// Everything search looks at, folded once and held in memory, so each keystroke scans arrays, not the database.
///
/// When a query extends the previous one (the user typed one more letter) only the previous matches are scanned.
/// At ten times the sector (180,000 people) one `Person` of four strings and two arrays each was 60 MB of small
/// allocations and a retain per look: the people's text is kept back to back in two byte buffers instead, and a
/// `Person` is made only for the ones a search shows.
public final class SearchIndex: @unchecked Sendable {
    public struct Person: Sendable {
        public var id: String
        public var kind: CandidateKind
        public var name: String
        public var position: String?
        public var unitIndex: Int
    }

    /// Where one person's text is: folded "name | position" in `folded` (the name alone up to `nameEnd`), and id,
    /// name and position as stored in `display`.
    struct Entry {
        var start: Int32, nameEnd: Int32, end: Int32
        var display: Int32, nameAt: Int32, positionAt: Int32, displayEnd: Int32
        var unit: Int32
        var kind: CandidateKind
        var hasPosition: Bool
    }

    private var entries: [Entry] = []
    private var folded: [UInt8] = []
    private var display: [UInt8] = []
    public private(set) var units: [SectorUnit] = []
    let unitFolded: [FoldedText]
    /// A unit's name alone, folded ("name | short name | code | former names" is what `unitFolded` holds).
    let unitFoldedName: [FoldedText]
    private var lastQuery = ""
    private var lastPeople: [Int32] = []
    private var lastUnits: [Int] = []

    /// Everyone, in the index's order (tests; a search makes only the people it shows).
    public var people: [Person] { entries.indices.map(person) }

    init(units: [SectorUnit], unitFolded: [FoldedText]) {
        self.units = units
        self.unitFolded = unitFolded
        unitFoldedName = unitFolded.map { f in
            FoldedText(bytes: f.bytes[..<Self.nameEnd(f.bytes[...])])
        }
    }

    /// "name | position": the name is everything before the separator's space.
    static func nameEnd(_ f: ArraySlice<UInt8>) -> Int {
        f.firstIndex(of: UInt8(ascii: "|")).map { $0 > f.startIndex ? $0 - 1 : f.startIndex } ?? f.endIndex
    }

    /// Adds a person at the end of the index's order.
    func append(id: UnsafeRawBufferPointer, kind: CandidateKind, name: UnsafeRawBufferPointer, position: UnsafeRawBufferPointer?,
                unit: Int, folded text: UnsafeRawBufferPointer) {
        let start = folded.count
        folded.append(contentsOf: text)
        let nameEnd = Self.nameEnd(folded[start...])
        let d = display.count
        display.append(contentsOf: id)
        let nameAt = display.count
        display.append(contentsOf: name)
        let positionAt = display.count
        if let position { display.append(contentsOf: position) }
        entries.append(Entry(start: Int32(start), nameEnd: Int32(nameEnd), end: Int32(folded.count), display: Int32(d),
                             nameAt: Int32(nameAt), positionAt: Int32(positionAt), displayEnd: Int32(display.count),
                             unit: Int32(unit), kind: kind, hasPosition: position != nil))
    }

    func person(_ i: Int) -> Person {
        let e = entries[i]
        return display.withUnsafeBytes { d in
            func text(_ a: Int32, _ b: Int32) -> String { String(decoding: UnsafeRawBufferPointer(rebasing: d[Int(a)..<Int(b)]), as: UTF8.self) }
            return Person(id: text(e.display, e.nameAt), kind: e.kind, name: text(e.nameAt, e.positionAt),
                          position: e.hasPosition ? text(e.positionAt, e.displayEnd) : nil, unitIndex: Int(e.unit))
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
        for (i, e) in entries.enumerated() where abs(Int(e.nameEnd - e.start) - q.count) <= 1
            && NearMatch.oneEditApart(q, Array(folded[Int(e.start)..<Int(e.nameEnd)])) {
            let p = person(i)
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
        // Units found, as flags by unit index: one load per person instead of a hash.
        var unitFound = [Bool](repeating: false, count: units.count)
        for u in unitHits { unitFound[u] = true }
        // The pool as an array either way (as before), and plain loops over it: a nested function that appended to
        // the hits made Swift check exclusive access to them at run time on every person (an eighth of a keystroke).
        let pool: [Int32] = narrowing ? lastPeople : Array(0..<Int32(entries.count))
        var personHits: [Int32] = []
        var tiers: [[Int32]] = [[], [], [], []]
        entries.withUnsafeBufferPointer { entries in
            folded.withUnsafeBytes { text in
                guard let base = text.baseAddress else { return }
                for i in pool {
                    let e = entries[Int(i)]
                    if unitFound[Int(e.unit)] { personHits.append(i); continue }
                    let all = UnsafeRawBufferPointer(start: base + Int(e.start), count: Int(e.end - e.start))
                    var every = true
                    for w in words where !FoldedText.contains(all, w) { every = false; break }
                    if every { personHits.append(i) }
                }
                // The whole phrase in the name first, then every word in the name, then name and position,
                // then people found through their unit.
                for i in personHits {
                    let e = entries[Int(i)]
                    let name = UnsafeRawBufferPointer(start: base + Int(e.start), count: Int(e.nameEnd - e.start))
                    let all = UnsafeRawBufferPointer(start: base + Int(e.start), count: Int(e.end - e.start))
                    if FoldedText.contains(name, phrase) { tiers[0].append(i) }
                    else if words.allSatisfy({ FoldedText.contains(name, $0) }) { tiers[1].append(i) }
                    else if words.allSatisfy({ FoldedText.contains(all, $0) }) { tiers[2].append(i) }
                    else { tiers[3].append(i) }
                    if tiers[0].count >= limit { break }
                }
            }
        }
        lastQuery = q
        lastUnits = unitHits
        lastPeople = personHits
        let shown = tiers.joined().prefix(limit).map { person(Int($0)) }
        // Units named by the whole phrase first, from their folded names already held here: folding ~800 names
        // again for every one-letter query was most of that keystroke.
        let unitShown = unitHits.prefix(limit)
        let phraseUnits = unitShown.filter { unitFoldedName[$0].contains(phrase) }
        let otherUnits = unitShown.filter { !unitFoldedName[$0].contains(phrase) }
        let near = unitHits.count + personHits.count < Self.fewHits
            ? nearMatches(query, limit: limit, excluding: Set(shown.map(\.id))) : []
        return Result(units: (phraseUnits + otherUnits).map { units[$0] }, people: shown,
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
            let index = SearchIndex(units: units, unitFolded: folded)
            // Read through SQLite's C API: the bytes go straight into the index's buffers.
            let rows = try BulkRows(db, sql: """
                SELECT c.id, c.kind, c.name, c.position, c.unit_code, c.folded FROM candidate c
                JOIN unit u ON u.code = c.unit_code ORDER BY u.sort_order, c.kind DESC, c.folded, c.id
                """)
            while try rows.next() {
                guard let ui = position[rows.text(4)] else { continue }
                index.append(id: rows.bytes(0), kind: CandidateKind(rawValue: rows.text(1)) ?? .individual, name: rows.bytes(2),
                             position: rows.isNull(3) ? nil : rows.bytes(3), unit: ui, folded: rows.bytes(5))
            }
            return index
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
