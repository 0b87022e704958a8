import DienHinhCore
import DienHinhResources
import Foundation
import GRDB

/// Why opening or using a database failed, with the exit code the command line reports.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case missing(path: String)
    case newerSchema(path: String)
    case notADatabase(path: String, detail: String)
    /// An empty file, or an SQLite file another program made: never given our schema behind the user's back.
    case notDienHinh(path: String)
    case refused(String)
    case notFound(String)
    case readOnly(path: String)
    case diskFull(path: String)
    case busy(path: String)
    case cannotOpen(path: String)
    /// `init --group` with a group this system does not have, or one the user may not give the file to.
    case unknownGroup(String)
    case cannotShare(path: String, group: String)
    /// A voting act on a file others may read: the ballot box would not be secret (issue 18).
    case sharedFile(path: String, files: [String])
    /// A plan entry (registration, proposal, promotion) for a candidate id the database does not hold.
    case unknownCandidate(String)
    /// A proposal for an award the candidate's kind cannot receive (a collective's award for a person, or a penalty).
    case awardNotFor(award: AwardCode, kind: CandidateKind)

    public var description: String {
        switch self {
        case .missing(let p): "database not found: \(p) (create it with `dienhinh init --demo`)"
        case .newerSchema(let p): "\(p) was written by a newer version of DienHinh; update DienHinh to open it"
        case .notADatabase(let p, let d): "\(p) is not a usable DienHinh database: \(d)"
        case .notDienHinh(let p): "\(p) is not a DienHinh database (an empty file, or another program's): nothing was changed"
        case .refused(let m): m
        case .notFound(let m): m
        case .readOnly(let p): "\(p) is read-only (the file, its folder or its disk cannot be written): nothing was written"
        case .diskFull(let p): "the disk holding \(p) is full: the change was rolled back, nothing was written"
        case .busy(let p): "\(p) is locked by another program for too long: nothing was written; try again"
        case .cannotOpen(let p): "cannot open \(p): check the folder and its permissions"
        case .unknownGroup(let g): "no such group: \(g); nothing was created"
        case .cannotShare(let p, let g): "cannot give group \(g) access to \(p)"
        case .sharedFile(let p, _): "\(p) may be read by other users: voting refused (chmod 600, or --allow-shared-file)"
        case .unknownCandidate(let id): "unknown candidate: \(id)"
        case let .awardNotFor(a, k): "\(a.rawValue) cannot be proposed for a \(k.rawValue)"
        }
    }

    /// The message in the user's language.
    public func message(_ strings: Strings) -> String {
        switch self {
        case .missing(let p): strings("store.missing", p)
        case .newerSchema(let p): strings("store.newer", p)
        case .notADatabase(let p, let d): strings("store.not_db", p, d)
        case .notDienHinh(let p): strings("store.not_dienhinh", p)
        case .refused(let m), .notFound(let m): m
        case .readOnly(let p): strings("store.readonly", p)
        case .diskFull(let p): strings("store.full", p)
        case .busy(let p): strings("store.busy", p)
        case .cannotOpen(let p): strings("store.cannot_open", p)
        case .unknownGroup(let g): strings("store.unknown_group", g)
        case .cannotShare(let p, let g): strings("store.cannot_share", p, g)
        case .sharedFile(let p, let files): strings("store.shared_refused", p, files.joined(separator: ", "))
        case .unknownCandidate(let id): strings("candidate.unknown", id)
        case let .awardNotFor(a, k): strings("propose.award_not_for", strings("award.\(a.rawValue)"), strings("kind.\(k.rawValue)").lowercased())
        }
    }

    /// What an SQLite failure means for the person at the keyboard; nil for errors that are not about the file.
    public static func classify(_ error: Error, path: String) -> StoreError? {
        guard let e = error as? DatabaseError else { return nil }
        switch e.resultCode {
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_FULL: return .diskFull(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .notADatabase(path: path, detail: e.message ?? "\(e.resultCode)")
        case .SQLITE_CANTOPEN, .SQLITE_PERM: return .cannotOpen(path: path)
        default: return nil
        }
    }
}

/// One database file: migrations, reference data and named reads and writes. Trust SQLite to guard.
///
/// One connection (a `DatabaseQueue`) in WAL mode: other processes (voting terminals) share the file,
/// and opening it changes nothing in it. GRDB's `DatabasePool` writes a table on every open to keep
/// its WAL non-empty, which would break "a refused import leaves the file byte-for-byte unchanged".
public final class AppDatabase: Sendable {
    public let path: String
    let writer: DatabaseQueue
    let structureCache = StructureCache()

    /// Opens (and creates when `create`) the file; migrates it to the current schema. A new file is its owner's
    /// alone (0600), or also `group`'s (0660), and so are its sidecars (`FileAccess`).
    public init(path: String, create: Bool = false, group: String? = nil) throws {
        self.path = path
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create { throw StoreError.missing(path: path) }
        // SQLite takes a 0-byte file for an empty database and the migrations would fill it: refused untouched.
        if exists && !create, (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) == 0 {
            throw StoreError.notDienHinh(path: path)
        }
        if !exists {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            if let group, getgrnam(group) == nil { throw StoreError.unknownGroup(group) }
            try FileAccess.createPrivate(path)
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Another terminal may be writing (a vote, an import): wait for it rather than fail. Tests shorten it.
        let busy = ProcessInfo.processInfo.environment["DIENHINH_BUSY_TIMEOUT"].flatMap(Double.init) ?? 10
        config.busyMode = .timeout(busy)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        // A file nobody may write (a read-only disk, `chattr +i`, a folder without write permission) still opens
        // for reading, so it can be browsed; every write then fails as SQLITE_READONLY with a clear message.
        let readOnly = exists && !Self.writable(path)
        config.readonly = readOnly
        do {
            writer = try readOnly ? Self.openForReading(path, config) : DatabaseQueue(path: path, configuration: config)
            if !exists {
                // WAL is a property of the file: set once, it holds for every later connection.
                try writer.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
                if let group { try FileAccess.share(path, group: group) }
            }
        } catch let e as DatabaseError {
            throw StoreError.classify(e, path: path) ?? StoreError.notADatabase(path: path, detail: e.message ?? "\(e)")
        }
        let migrator = Self.migrator
        do {
            let (known, applied) = try writer.read { db in
                (Set(migrator.migrations), try migrator.appliedIdentifiers(db))
            }
            if applied.isEmpty && !create { throw StoreError.notDienHinh(path: path) }
            if !applied.isSubset(of: known) { throw StoreError.newerSchema(path: path) }
            if applied != known { try migrator.migrate(writer) }
        } catch let e as DatabaseError {
            throw StoreError.classify(e, path: path) ?? StoreError.notADatabase(path: path, detail: e.message ?? "\(e)")
        }
    }

    /// The database's files that users other than its owner and its group may read (empty when it is private).
    public var openToOthers: [String] { FileAccess.openToOthers(path) }

    /// Whether SQLite can write the file and create its -wal and -shm beside it (or reuse writable ones).
    static func writable(_ path: String) -> Bool {
        let fm = FileManager.default
        guard fm.isWritableFile(atPath: path) else { return false }
        let dir = (path as NSString).deletingLastPathComponent
        if fm.isWritableFile(atPath: dir.isEmpty ? "." : dir) { return true }
        return ["-wal", "-shm"].allSatisfy { fm.isWritableFile(atPath: path + $0) }
    }

    /// A read-only connection. WAL needs the -shm beside the file to read; where it cannot be created and no
    /// -wal holds unsaved pages, the main file is the whole database and SQLite may read it as immutable.
    static func openForReading(_ path: String, _ config: Configuration) throws -> DatabaseQueue {
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            return queue
        } catch let e as DatabaseError where [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(e.resultCode)
                    && !FileManager.default.fileExists(atPath: path + "-wal") {
            // CANTOPEN on a read-only disk; READONLY (cannot initialise the -shm) in a folder this user may not write.
            return try DatabaseQueue(path: immutableURI(path), configuration: config)
        }
    }

    /// The file as an SQLite URI with `immutable=1` (the system SQLite interprets file names as URIs).
    static func immutableURI(_ path: String) -> String {
        "file:" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path) + "?immutable=1"
    }

    /// Where the database lives: --db, else $DIENHINH_DB, else the XDG data folder.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let p = environment["DIENHINH_DB"], !p.isEmpty { return p }
        let base: String
        if let x = environment["XDG_DATA_HOME"], !x.isEmpty {
            base = x
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        }
        return base + "/dienhinh/dienhinh.sqlite"
    }

    public func read<T>(_ body: (Database) throws -> T) throws -> T { try writer.read(body) }
    public func write<T>(_ body: (Database) throws -> T) throws -> T { try writer.write(body) }

    /// A bulk write whose every reference `body` checks itself, inside this same transaction, before writing it:
    /// SQLite's own lookup per row and foreign key is switched off meanwhile (a third of writing 200,000 records)
    /// and back on after, whatever happens. `PRAGMA foreign_keys` is ignored inside a transaction, hence the shape.
    func writeReferencesChecked<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            let result: Result<T, Error> = Result {
                var value: T?
                try db.inTransaction(.immediate) { value = try body(db); return .commit }
                return value!
            }
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            return try result.get()
        }
    }

    /// Checkpoints the WAL into the main file so a copied database is complete.
    public func checkpoint() throws {
        try writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }

    public func meta(_ key: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }
}
