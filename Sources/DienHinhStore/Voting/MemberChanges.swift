import DienHinhCore
import Foundation
import GRDB

/// Changing who sits on the council (issue 19): a member's role, or leaving the council. Signed by the chair (an
/// act on the chair by the secretary), refused while a round is open (its electorate and quorum are fixed), and
/// audited so that `audit verify` expects the table as it now is.
extension AppDatabase {
    /// A member's new role.
    public func setRole(member: String, role: CouncilRole, by signer: Signer) throws {
        try changeMember(member, by: signer, action: "council.set_role", detail: ["role": role.rawValue],
                         sql: "UPDATE council_member SET role = ? WHERE id = ?", arguments: [role.rawValue, member])
    }

    /// A member leaves the council: no longer listed, counted or given a ballot; their past acts stay in the log.
    public func deactivate(member: String, by signer: Signer) throws {
        try changeMember(member, by: signer, action: "council.deactivate", detail: [:],
                         sql: "UPDATE council_member SET active = 0 WHERE id = ?", arguments: [member])
    }

    /// The unit a member belongs to (nil: none), whose candidates and those of the units under it are flagged against
    /// the member in the rounds opened from now on.
    public func setUnit(member: String, unit: String?, by signer: Signer) throws {
        if let unit { try read { db in try Self.requireUnit(db, unit) } }
        try changeMember(member, by: signer, action: "council.set_unit", detail: ["unit": unit ?? ""],
                         sql: "UPDATE council_member SET unit_code = ? WHERE id = ?", arguments: [unit, member])
    }

    private func changeMember(_ member: String, by signer: Signer, action: String, detail: [String: String],
                              sql: String, arguments: StatementArguments) throws {
        guard let target = try read({ db in try Self.credential(db, member) }) else { throw VotingError.unknownMember(member) }
        try signed(by: signer, as: target.role == .chair ? .secretary : .chair) { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM council_member WHERE id = ? AND active = 1", arguments: [member]) == true else {
                throw VotingError.unknownMember(member)
            }
            if let open = try Row.fetchOne(db, sql: "SELECT id, session_id FROM round WHERE status = 'open' LIMIT 1") {
                throw VotingError.roundStillOpen(session: open["session_id"], round: open["id"])
            }
            try db.execute(sql: sql, arguments: arguments)
            try Audit.append(db, actor: signer.member, action: action, detail: detail.merging(["member": member]) { a, _ in a })
        }
    }
}
