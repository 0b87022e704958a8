import DienHinhCore
import DienHinhResources
import Foundation
import GRDB

/// What an import did or would do.
public struct ImportReport: Equatable, Sendable {
    public var file: String
    public var candidates: Int
    /// Achievements written (or, in a dry run, that would be): the new ones only.
    public var achievements: Int
    public var dryRun: Bool
    /// Rows that are copies of a record already stored (or of an earlier row): skipped, with their line.
    public var identical: [SkippedRow] = []
    /// Rows without a decision number or date that look like a stored record: written, and flagged for review.
    public var lookalikes: [SkippedRow] = []
}

/// A row an import did not add as a new achievement, with what it matched.
public struct SkippedRow: Equatable, Sendable {
    public var line: Int
    public var candidateId: String
    public var type: AwardCode
    public var year: Int
    public var decision: String?
}

/// What an import must know of the achievements already stored to tell a copy from a new record or a conflict.
struct StoredIdentities {
    /// The details beside a record's identity; two records of one identity with different details conflict.
    struct Details: Hashable {
        var proposedAward: AwardCode?
        var decisionDate: String
        var issuer: String
        var note: String

        init(_ a: Achievement) {
            proposedAward = a.proposedAward
            decisionDate = a.decisionDate ?? ""
            issuer = a.issuer ?? ""
            note = a.note ?? ""
        }

        /// The first column that differs, for the message.
        func difference(_ other: Details) -> String {
            if proposedAward != other.proposedAward { return "proposed_award" }
            if decisionDate != other.decisionDate { return "decision_date" }
            if issuer != other.issuer { return "issuer" }
            return "note"
        }
    }

    /// A record with no decision number or date: candidate, type, year and class are all it has.
    struct Loose: Hashable {
        var candidateId: String
        var type: AwardCode
        var year: Int
        var awardClass: Int?
        init(_ a: Achievement) { candidateId = a.candidateId; type = a.type; year = a.year; awardClass = a.awardClass }
    }

    enum Match { case new, identical, conflicting(column: String), lookalike }

    /// Stored data may already hold one identity with differing details (written before identities were
    /// checked): a row equal to any of them is a copy.
    private var known: [AchievementIdentity: [Details]] = [:]
    private var loose: Set<Loose> = []

    init(_ db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT candidate_id, year, type, class, proposed_award, decision_no, decision_date, issuer, note FROM achievement
            """)
        while let r = try rows.next() {
            guard let type = AwardCode(rawValue: r[2]) else { continue }
            let a = Achievement(candidateId: r[0], year: r[1], type: type, awardClass: r[3],
                                proposedAward: (r[4] as String?).flatMap(AwardCode.init(rawValue:)),
                                decisionNo: r[5], decisionDate: r[6], issuer: r[7], note: r[8])
            remember(a)
        }
    }

    mutating func reserve(_ more: Int) { known.reserveCapacity(known.count + more) }

    /// What the record is against those stored and those accepted before it; a new one is remembered.
    mutating func match(_ a: Achievement) -> Match {
        guard let id = a.identity else {
            let key = Loose(a)
            return loose.insert(key).inserted ? .new : .lookalike
        }
        let details = Details(a)
        if let stored = known[id] {
            return stored.contains(details) ? .identical : .conflicting(column: stored[0].difference(details))
        }
        known[id] = [details]
        return .new
    }

    private mutating func remember(_ a: Achievement) {
        if let id = a.identity { known[id, default: []].append(Details(a)) } else { loose.insert(Loose(a)) }
    }
}

/// A refused import: every problem found, nothing written.
public struct ImportFailure: Error, Sendable {
    public var errors: [InputError]
}

/// Trimmed and NFC, as every value is compared and stored. Most fields are short ASCII with no spaces at
/// either end: those skip Foundation's trimming and normalisation, which cost half of a 200,000-row import;
/// the others are remembered (bounded), since the same issuer or note comes back row after row.
final class CleanedValues {
    private var memo: [String: String] = [:]
    private var dates: [String: String?] = [:]
    /// Each column's last long value and its cleaned form: an issuer repeats down a unit's rows, and comparing
    /// bytes is cheaper than looking at every character again (the rows then share one copy of the text).
    private var last: [(raw: String, clean: String)?]

    init(columns: Int) { last = Array(repeating: nil, count: columns) }

    func clean(_ raw: String, column: Int) -> String {
        guard raw.utf8.count > 15, column < last.count else { return clean(raw) }
        if let l = last[column], Self.sameBytes(l.raw, raw) { return l.clean }
        let v = clean(raw)
        last[column] = (raw, v)
        return v
    }

    func clean(_ field: String) -> String {
        // A `'` our export put before a formula-like value is taken off again (`SpreadsheetGuard`).
        let raw = field.utf8.first == UInt8(ascii: "'") ? SpreadsheetGuard.unprotect(field) : field
        var text = raw
        // Nothing to trim (a visible ASCII byte at either end) and nothing to compose: as it stands, no Foundation.
        let asItIs = text.withUTF8 { b -> Bool? in
            guard let first = b.first, let last = b.last else { return true }
            guard first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80 else { return false }
            var high: UInt8 = 0
            for x in b { high |= x }
            return high < 0x80 ? true : nil
        }
        if asItIs == true { return raw }
        // Vietnamese precomposed text is NFC as it stands: no Foundation, no hashing.
        if asItIs == nil && TextFolding.isStableNFC(raw) { return raw }
        if let v = memo[raw] { return v }
        let v = TextFolding.cleaned(raw)
        if memo.count < 50_000 { memo[raw] = v }
        return v
    }

    /// `FieldParsing.date`, remembered: decision dates repeat. Dates already in the stored form need neither.
    func date(_ text: String) -> String? {
        if let valid = FieldParsing.canonicalDate(text) { return valid ? text : nil }
        if let d = dates[text] { return d }
        let d = FieldParsing.date(text)
        if dates.count < 50_000 { dates[text] = d }
        return d
    }

    /// Byte equality: `==` on text compares canonical equivalents, far slower, and these are NFC-cleaned alike.
    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
    }
}

/// Reads a CSV into named fields, checking the header first, a batch of rows at a time.
struct Table {
    let file: String
    let header: [String]
    private var reader: CSVReader.Stream
    /// Problems with the header and the rows' content; the file's syntax problems are the reader's.
    private var problems: [InputError] = []
    let strings: Strings

    init(data: Data, file: String, columns: [String], required: [String], strings: Strings) {
        reader = CSVReader.Stream(data, file: file, strings: strings)
        self.file = file
        self.header = reader.header
        self.strings = strings
        var positions: [(name: String, index: Int)] = []
        for (i, name) in header.enumerated() where !positions.contains(where: { $0.name == name }) { positions.append((name, i)) }
        self.columns = Columns(positions: positions, count: header.count, cleaned: CleanedValues(columns: header.count))
        // A repeated name would leave one of its columns unread: refused, not silently dropped.
        for (i, name) in header.enumerated() {
            if let first = positions.first(where: { $0.name == name }), first.index != i {
                problems.append(InputError(file: file, position: SourcePosition(line: 1, column: i + 1),
                                           message: strings("import.repeated_column", name, first.index + 1)))
            }
        }
        for (i, name) in header.enumerated() where !columns.contains(name) {
            problems.append(InputError(file: file, position: SourcePosition(line: 1, column: i + 1),
                                       message: strings("import.unknown_column", name, columns.joined(separator: ", "))))
        }
        for name in required where !header.contains(name) && !header.isEmpty {
            problems.append(InputError(file: file, position: SourcePosition(line: 1, column: header.count + 1),
                                       message: strings("import.missing_column", name)))
        }
    }

    /// The next rows of the file, up to `limit`; none at its end.
    mutating func next(_ limit: Int) -> [CSVRow] { reader.next(limit) }

    /// How many rows the file seems to hold, for progress and for choosing how to load it.
    var estimatedRows: Int { reader.estimatedRows }

    /// A problem anywhere so far (the header and the file's syntax included): the import will be refused.
    var failed: Bool { !problems.isEmpty || !reader.errors.isEmpty }

    /// Every problem, in file order.
    var errors: [InputError] {
        (reader.errors + problems).sorted { ($0.position ?? .init(line: 0, column: 0)) < ($1.position ?? .init(line: 0, column: 0)) }
    }

    /// Reads the columns of a row. A loop over the rows takes it once (`let`) and reads through it:
    /// reading through the mutable table copied the whole table on every field (a seventh of an import).
    let columns: Columns

    struct Columns {
        /// Column positions by name, worked out once: the rules ask for nine columns of every row. A header has a
        /// dozen names at most, short enough to be compared in place, which is cheaper than hashing them.
        let positions: [(name: String, index: Int)]
        let count: Int
        /// Trimmed and NFC values, remembered: issuers and notes repeat across thousands of rows.
        let cleaned: CleanedValues

        /// The trimmed value of a column in a row ("" when absent), and where it is.
        func value(_ row: CSVRow, _ name: String) -> (String, SourcePosition) {
            guard let i = position(name) else { return ("", SourcePosition(line: row.line, column: count + 1)) }
            let v = i < row.fields.count ? cleaned.clean(row.fields[i], column: i) : ""
            return (v, SourcePosition(line: row.line, column: i + 1))
        }

        @inline(__always)
        func position(_ name: String) -> Int? {
            let n = name.utf8.count
            for p in positions where p.name.utf8.count == n && p.name == name { return p.index }
            return nil
        }
    }

    func index(_ name: String) -> Int? { columns.position(name) }

    func value(_ row: CSVRow, _ name: String) -> (String, SourcePosition) { columns.value(row, name) }

    mutating func fail(_ at: SourcePosition, _ key: String, _ args: CustomStringConvertible...) {
        problems.append(InputError(file: file, position: at, message: strings.format(key, args.map(\.description))))
    }

    mutating func fail(_ at: SourcePosition, _ p: FieldProblem) {
        problems.append(InputError(file: file, position: at, message: strings.message(p)))
    }

    /// Whether the row's content is to be checked: not when the reader refused part of it (already reported);
    /// a row of another width than the header is reported here and its fields still checked.
    mutating func checkRow(_ row: CSVRow) -> Bool {
        if row.refused { return false }
        if row.fields.count != header.count {
            fail(SourcePosition(line: row.line, column: min(row.fields.count, header.count) + 1), "import.field_count",
                 row.fields.count, header.count)
        }
        return true
    }
}

/// Validation of candidate rows against the database: the whole file or nothing.
public enum CandidateImport {
    public static func validate(_ data: Data, file: String, db: Database, strings: Strings,
                                progress: ImportProgressHandler? = nil) throws -> ([Candidate], [InputError]) {
        var t = Table(data: data, file: file, columns: CSVColumns.candidates, required: CSVColumns.candidatesRequired, strings: strings)
        var out: [Candidate] = []
        var seen: [String: Int] = [:]
        let known = KnownRecords(units: Set(try String.fetchAll(db, sql: "SELECT code FROM unit")))
        let existing = Set(try String.fetchAll(db, sql: "SELECT id FROM candidate"))
        var ticker = ProgressTicker(phase: .validating, total: t.estimatedRows, handler: progress)
        let columns = t.columns
        while case let rows = t.next(4096), !rows.isEmpty {
            for row in rows {
                guard t.checkRow(row) else { continue }
                let (id, idAt) = columns.value(row, "id")
                var ok = true
                if id.isEmpty {
                    // Reported by the shared rules below.
                } else if let first = seen[id] { t.fail(idAt, "import.duplicate_id", id, first); ok = false }
                else if existing.contains(id) { t.fail(idAt, "import.id_exists", id); ok = false }
                if !id.isEmpty && seen[id] == nil { seen[id] = row.line }
                let (candidate, problems) = RecordRules.candidate({ columns.value(row, $0).0 }, known)
                for p in problems { t.fail(t.value(row, p.field).1, p) }
                guard ok, let candidate else { continue }
                out.append(candidate)
            }
            ticker.step(by: rows.count)
        }
        ticker.finish()
        return (out, t.errors)
    }
}

/// Validation of achievement rows: catalog, kinds, classes, dates, once-a-year ratings.
public enum AchievementImport {
    /// The rows of one file and what checking them needs from the database, read once: a 200,000-row file must
    /// not cost a query per row. Rows are checked in file order, a range at a time, so a large import can write
    /// the rows already checked while the next ones are.
    struct Checker {
        private var table: Table
        private var known = KnownRecords()
        private var yearly: Set<RecordRules.YearlyKey>
        private let years: ClosedRange<Int>
        private var stored: StoredIdentities
        /// Records of each candidate, stored and accepted so far, against `InputLimits.recordsPerCandidate`.
        private var perCandidate: [String: Int] = [:]
        private(set) var identical: [SkippedRow] = []
        private(set) var lookalikes: [SkippedRow] = []

        init(data: Data, file: String, db: Database, strings: Strings, extraCandidates: [Candidate], now: Date) throws {
            table = Table(data: data, file: file, columns: CSVColumns.achievements, required: CSVColumns.achievementsRequired,
                          strings: strings)
            for r in try Row.fetchAll(db, sql: "SELECT id, kind FROM candidate") { known.kinds[r[0]] = CandidateKind(rawValue: r[1]) }
            for c in extraCandidates { known.kinds[c.id] = c.kind }
            yearly = try RecordRules.yearlyKeys(db)
            stored = try StoredIdentities(db)
            for r in try Row.fetchAll(db, sql: "SELECT candidate_id, COUNT(*) FROM achievement GROUP BY candidate_id") {
                perCandidate[r[0]] = r[1]
            }
            yearly.reserveCapacity(yearly.count + table.estimatedRows / 2)
            // Each new record's identity is remembered: grown as rows came, the table was rehashed a dozen times.
            if !table.failed { stored.reserve(table.estimatedRows) }
            years = FieldParsing.validYears(now: now)
        }

        var estimatedRows: Int { table.estimatedRows }
        var failed: Bool { table.failed }
        var errors: [InputError] { table.errors }

        /// The next rows of the file, up to `limit`, checked: how many were read, and the records accepted
        /// (every problem is kept for `errors`). Nil at the end of the file.
        mutating func next(_ limit: Int) -> (read: Int, accepted: [Achievement])? {
            let rows = table.next(limit)
            if rows.isEmpty { return nil }
            var out: [Achievement] = []
            out.reserveCapacity(rows.count)
            let columns = table.columns
            for row in rows {
                guard table.checkRow(row) else { continue }
                let (record, problems) = RecordRules.achievement({ columns.value(row, $0).0 }, known,
                                                                    years: years, parseDate: columns.cleaned.date)
                for p in problems { table.fail(columns.value(row, p.field).1, p) }
                guard let record else { continue }
                // A copy of what is stored is no new achievement and breaks no once-a-year rule: skipped, and said.
                switch stored.match(record) {
                case .identical:
                    identical.append(SkippedRow(record, line: row.line)); continue
                case .conflicting(let column):
                    table.fail(columns.value(row, column).1, "import.conflicting", record.candidateId, record.type.rawValue,
                               record.year, column)
                    continue
                case .lookalike:
                    lookalikes.append(SkippedRow(record, line: row.line))
                case .new:
                    break
                }
                if let key = RecordRules.yearlyKey(record), !yearly.insert(key).inserted {
                    table.fail(columns.value(row, "type").1, RecordRules.oncePerYear(record))
                    continue
                }
                let count = perCandidate[record.candidateId, default: 0] + 1
                perCandidate[record.candidateId] = count
                if count > InputLimits.recordsPerCandidate {
                    // Said once, at the first record past the limit.
                    if count == InputLimits.recordsPerCandidate + 1 {
                        table.fail(columns.value(row, "candidate_id").1, "limits.records_per_candidate", record.candidateId,
                                   InputLimits.recordsPerCandidate)
                    }
                    continue
                }
                out.append(record)
            }
            return (rows.count, out)
        }
    }

    public static func validate(_ data: Data, file: String, db: Database, strings: Strings,
                                extraCandidates: [Candidate] = [], now: Date = Date(),
                                progress: ImportProgressHandler? = nil) throws -> ([Achievement], [InputError]) {
        let (out, errors, _, _) = try check(data, file: file, db: db, strings: strings, extraCandidates: extraCandidates,
                                            now: now, progress: progress)
        return (out, errors)
    }

    /// The records to add, the problems, and the rows skipped as copies or flagged as lookalikes.
    static func check(_ data: Data, file: String, db: Database, strings: Strings, extraCandidates: [Candidate] = [],
                      now: Date = Date(), progress: ImportProgressHandler? = nil)
        throws -> ([Achievement], [InputError], identical: [SkippedRow], lookalikes: [SkippedRow]) {
        var checker = try Checker(data: data, file: file, db: db, strings: strings, extraCandidates: extraCandidates, now: now)
        var ticker = ProgressTicker(phase: .validating, total: checker.estimatedRows, handler: progress)
        var out: [Achievement] = []
        while let (read, accepted) = checker.next(4096) {
            out += accepted
            ticker.step(by: read)
        }
        ticker.finish()
        return (out, checker.errors, checker.identical, checker.lookalikes)
    }
}

extension SkippedRow {
    init(_ a: Achievement, line: Int) {
        self.init(line: line, candidateId: a.candidateId, type: a.type, year: a.year,
                  decision: a.decisionNo ?? a.decisionDate)
    }
}

/// A range of rows checked: how many, and the records to write (none once the import is bound to be refused).
private struct CheckedRows {
    let count: Int
    let accepted: [Achievement]
}

extension AppDatabase {
    /// Imports a candidates CSV: every error reported, nothing written unless the whole file is good.
    public func importCandidates(_ data: Data, file: String, dryRun: Bool, strings: Strings,
                                 provenance: Provenance = .local(),
                                 progress: ImportProgressHandler? = nil) throws -> ImportReport {
        let candidates: [Candidate] = try write { db in
            let (cs, errors) = try CandidateImport.validate(data, file: file, db: db, strings: strings, progress: progress)
            if !errors.isEmpty { throw ImportFailure(errors: errors) }
            if !dryRun {
                let ins = try Inserter(db)
                var ticker = ProgressTicker(phase: .inserting, total: cs.count, handler: progress)
                for c in cs { try ins.insert(c, provenance); ticker.step() }
                ticker.finish()
            }
            return cs
        }
        return ImportReport(file: file, candidates: candidates.count, achievements: 0, dryRun: dryRun)
    }

    /// Imports an achievements CSV, all or nothing.
    ///
    /// Rows are checked on a second thread while this one writes those already accepted, in the import's one
    /// transaction: checking and writing overlap on two cores. After the first problem nothing more is written, the
    /// remaining rows are still checked so every problem is reported, and the transaction is rolled back.
    public func importAchievements(_ data: Data, file: String, dryRun: Bool, strings: Strings,
                                   provenance: Provenance = .local(),
                                   progress: ImportProgressHandler? = nil) throws -> ImportReport {
        if dryRun {
            return try read { db in
                let (records, errors, identical, lookalikes) = try AchievementImport.check(data, file: file, db: db, strings: strings,
                                                                                       progress: progress)
                if !errors.isEmpty { throw ImportFailure(errors: errors) }
                return ImportReport(file: file, candidates: 0, achievements: records.count, dryRun: true,
                                    identical: identical, lookalikes: lookalikes)
            }
        }
        var identical: [SkippedRow] = [], lookalikes: [SkippedRow] = []
        // Candidates come from this transaction's own reading of the table and types from the catalog the
        // reference data was built from, so SQLite's per-row lookups would only repeat the checks.
        let n: Int = try writeReferencesChecked { db in
            try Self.withLargeCache(db) {
                let checker = try AchievementImport.Checker(data: data, file: file, db: db, strings: strings,
                                                            extraCandidates: [], now: Date())
                // A load as large as the table it joins (a unit's first import, a new database) is quicker
                // with the indexes built once afterwards; a small one into a large table is not.
                let existing = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM achievement") ?? 0
                let rebuild = checker.estimatedRows >= 10_000 && checker.estimatedRows >= existing
                var written = 0
                try Self.rebuildingIndexes(of: rebuild ? ["achievement"] : [], db) {
                    let ins = try BulkAchievementInserter(db, provenance: provenance)
                    var ticker = ProgressTicker(phase: .importing, total: checker.estimatedRows, handler: progress)
                    nonisolated(unsafe) let owned = checker
                    let (errors, skippedIdentical, skippedLookalikes) = try Handoff<CheckedRows>.run(capacity: 4, produce: { handoff in
                        var checker = owned
                        while let (read, accepted) = checker.next(2048) {
                            if !handoff.put(CheckedRows(count: read, accepted: checker.failed ? [] : accepted)) { break }
                        }
                        return (checker.errors, checker.identical, checker.lookalikes)
                    }, consume: { rows in
                        for a in rows.accepted { try ins.insert(a) }
                        written += rows.accepted.count
                        ticker.step(by: rows.count)
                    })
                    ticker.finish()
                    if !errors.isEmpty { throw ImportFailure(errors: errors) }
                    (identical, lookalikes) = (skippedIdentical, skippedLookalikes)
                    try ins.finish()
                }
                return written
            }
        }
        return ImportReport(file: file, candidates: 0, achievements: n, dryRun: false, identical: identical, lookalikes: lookalikes)
    }

    /// Runs a bulk write with a page cache large enough for the table and its indexes (64 MiB, allocated only as
    /// used), then puts back the connection's own size. With SQLite's default 2 MiB, the random `uid` index and the
    /// others overflow the cache after a few thousand rows: dirty pages are spilled to the WAL mid-transaction and
    /// read back again, which cost a third of a 200,000-row import in system calls.
    ///
    /// Every constraint stays on: `ignore_check_constraints` would save the per-row temporary b-tree SQLite 3.40
    /// builds for `class IN (1,2,3)`, but it is baked into whichever statements are prepared meanwhile, and the
    /// INSERT is cached on the connection for every later write.
    static func withLargeCache<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        let previous = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -65536")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(previous)") }
        return try body()
    }
}

extension RecordRules {
    /// The once-a-year keys already in the database.
    static func yearlyKeys(_ db: Database) throws -> Set<YearlyKey> {
        var keys: Set<YearlyKey> = []
        for r in try Row.fetchAll(db, sql: "SELECT candidate_id, type, year FROM achievement WHERE type IN ('HTXSNV','VUOT_CHI_TIEU')") {
            if let type = AwardCode(rawValue: r[1]) { keys.insert(YearlyKey(candidateId: r[0], type: type, year: r[2])) }
        }
        return keys
    }
}
