import DienHinhCore
import GRDB

/// The record rules' questions answered from the database, inside the transaction that saves the record.
struct StoredRecords: RecordContext {
    let db: Database
    init(_ db: Database) { self.db = db }

    func isKnownUnit(_ code: String) -> Bool {
        (try? Bool.fetchOne(db, sql: "SELECT 1 FROM unit WHERE code = ?", arguments: [code])) != nil
    }

    func kind(ofCandidate id: String) -> CandidateKind? {
        (try? String.fetchOne(db, sql: "SELECT kind FROM candidate WHERE id = ?", arguments: [id])).flatMap { $0 }
            .flatMap(CandidateKind.init(rawValue:))
    }
}
