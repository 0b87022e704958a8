import DienHinhApp
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

/// The secretariat's acts from the terminal, through the store calls of `council add-member --issue-pin --slip`,
/// `council reset-pin`, `session open`, `session attend` and `session close`. A drawn PIN goes only into the slip,
/// a file readable by its owner alone (0600); the screen says where it is and never shows the PIN.
extension EffectRunner {
    func runSecretariat(_ effect: SecretariatEffect) throws -> Msg? {
        do {
            switch effect {
            case .loadMembers:
                return .secretariat(.membersLoaded(try db.members()))
            case .loadMemberUnits:
                let units = try db.memberUnits()
                var names: [String: String] = [:]
                for code in Set(units.values) { names[code] = try db.unit(code)?.name ?? code }
                return .secretariat(.memberUnitsLoaded(units, names: names))
            case let .setUnit(member, unit, signer, pin):
                try db.setUnit(member: member, unit: unit, by: Signer(member: signer, pin: pin))
                return .secretariat(.memberChanged(name: try name(member), role: nil, unit: unit ?? ""))
            case let .addMember(name, role, folder, english):
                let slip = try db.enrolIssuingPIN(name: name, role: role)
                let path = try writeSlip(slip, folder: folder, strings: english ? .en : .vi)
                return .secretariat(.slipWritten(name: slip.member.name, path: path, added: true))
            case let .resetPIN(member, signer, pin, folder, english):
                let slip = try db.resetPIN(member: member, by: Signer(member: signer, pin: pin))
                let path = try writeSlip(slip, folder: folder, strings: english ? .en : .vi)
                return .secretariat(.slipWritten(name: slip.member.name, path: path, added: false))
            case let .setRole(member, role, signer, pin):
                try db.setRole(member: member, role: role, by: Signer(member: signer, pin: pin))
                return .secretariat(.memberChanged(name: try name(member), role: role, unit: nil))
            case let .deactivate(member, signer, pin):
                let who = try name(member)
                try db.deactivate(member: member, by: Signer(member: signer, pin: pin))
                return .secretariat(.memberChanged(name: who, role: nil, unit: nil))
            case let .openSession(year, chair, pin, english):
                let strings: Strings = english ? .en : .vi
                let id = try db.openSession(year: year, title: strings("session.default_title", year), by: Signer(member: chair, pin: pin))
                return .secretariat(.sessionOpened(id))
            case let .closeSession(id, chair, pin):
                try db.closeSession(id, by: Signer(member: chair, pin: pin))
                return .secretariat(.sessionClosed(id))
            case .loadRoll(let session):
                let present = try db.attendance(session: session)
                // A bloc's session takes the roll of its delegates, the council's of its members.
                return .secretariat(.rollLoaded(session: session, try db.members(session: session).map {
                    VoteElector(id: $0.id, name: $0.name, role: $0.role, present: present.contains($0.id))
                }))
            case let .attend(session, members, secretary, pin):
                try db.attend(session: session, members: members, by: Signer(member: secretary, pin: pin))
                return .secretariat(.attended(session: session, count: members.count))
            }
        } catch let e as VotingError {
            return .secretariat(.refused(VotingEffects.failure(e)))
        }
    }

    func name(_ member: String) throws -> String { try db.members().first { $0.id == member }?.name ?? member }

    /// Writes the member's PIN slip (Word, one page) into `folder` or next to the database, owner-only.
    func writeSlip(_ slip: MemberSlip, folder: String?, strings: Strings) throws -> String {
        let data = try OfficialDocuments(builder: ReportBuilder(db: db, strings: strings, today: today)).pinSlips([slip])
        let name = strings("docfile.pin_slip", Self.fileWord(slip.member.id)) + ".docx"
        let dir = try write([], into: folder)
        let path = (dir as NSString).appendingPathComponent(name)
        FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        chmod(path, 0o600)
        try data.write(to: URL(fileURLWithPath: path))
        chmod(path, 0o600)
        return path
    }
}
