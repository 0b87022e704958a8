import DienHinhCore
import GRDB
import GRDBSQLite
#if canImport(Glibc)
import Glibc
#endif

/// Steps a prepared statement through SQLite's C API, for the few reads that walk a whole table.
///
/// Verdicts for the whole sector read 200,000 achievement rows; GRDB's `Row` per step cost more than
/// the data (240 ms of a 380 ms run). Columns are read by position, as the query lists them.
struct BulkRows {
    private let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }

    init(_ db: Database, sql: String, arguments: StatementArguments = StatementArguments()) throws {
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
    }

    /// Moves to the next row; false at the end.
    func next() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
                                sql: statement.sql)
        }
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }

    func bool(_ column: Int32) -> Bool { sqlite3_column_int64(handle, column) != 0 }

    /// The column's UTF-8 bytes, valid until the next step; empty for NULL.
    func bytes(_ column: Int32) -> UnsafeRawBufferPointer {
        guard let p = sqlite3_column_text(handle, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(handle, column)))
    }

    func text(_ column: Int32) -> String { String(decoding: bytes(column), as: UTF8.self) }

    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }

    /// Byte equality without the generic sequence walk (which showed in profiles).
    static func same(_ a: UnsafeRawBufferPointer, _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        guard let base = a.baseAddress, !b.isEmpty else { return a.count == 0 }
        return b.withUnsafeBytes { memcmp(base, $0.baseAddress!, b.count) == 0 }
    }
}

extension AwardCode {
    /// The code spelled by a column's bytes (its interchange code), or nil.
    init?(code bytes: UnsafeRawBufferPointer) {
        for (i, spelled) in Self.spellings.enumerated() where BulkRows.same(bytes, spelled) {
            self = Self.allCases[i]
            return
        }
        return nil
    }

    private static let spellings = allCases.map { Array($0.rawValue.utf8) }
}
