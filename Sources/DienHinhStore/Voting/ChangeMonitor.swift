import Foundation
import GRDB

/// Tells a live screen that another process (or this one) changed the database.
///
/// GRDB's observation does not see other processes' writes, so the screen polls this token: SQLite's
/// `PRAGMA data_version`, read on one dedicated connection kept open, changes whenever any other
/// connection commits. The number means nothing by itself; compare it with the last one seen.
public final class ChangeMonitor: Sendable {
    private let connection: DatabaseQueue

    init(path: String) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(5)
        connection = try DatabaseQueue(path: path, configuration: config)
    }

    public func changeToken() throws -> Int64 {
        try connection.inDatabase { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }
}

extension AppDatabase {
    /// A monitor with its own connection; keep it for as long as the screen polls.
    public func changeMonitor() throws -> ChangeMonitor {
        try ChangeMonitor(path: path)
    }
}
