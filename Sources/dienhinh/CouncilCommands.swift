import ArgumentParser
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

// The council, its members and its meetings (VOTING.md): quorum, attendance, written-ballot codes.

// MARK: - Council

struct Council: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "council", abstract: abstractText("help.council.abstract"),
                                                    subcommands: [AddMember.self, Members.self, WrittenCodeCommand.self, Unlock.self, KDF.self, ResetPIN.self,
                                                                  SetRole.self, SetUnit.self, Deactivate.self])

    /// What an act on one member signed by another takes: the member's id, then the signer and PIN.
    struct MemberAct: ParsableArguments {
        @OptionGroup var global: GlobalOptions
        @Argument(help: helpText("help.council.member")) var member: String
        @OptionGroup var sign: SignOptions

        func run(_ body: (AppDatabase, Signer, Strings) throws -> Void) throws { try sign.act(global, body) }

        /// An act whose whole answer is one line naming the member (`done`, a string key).
        func run(saying done: String, _ call: (AppDatabase, String, Signer) throws -> Void) throws {
            try run { db, signer, s in
                try call(db, member, signer)
                Console.out(s(done, member))
            }
        }
    }

    struct WrittenCodeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "written-code", abstract: abstractText("help.council.written-code.abstract"))
        @OptionGroup var on: MemberAct

        func run() throws {
            try on.run { db, signer, s in
                let code = try db.issueWrittenCode(member: on.member, by: signer)
                Console.out(s("council.written_code_issued", on.member))
                Console.out(code)
            }
        }
    }

    struct SetRole: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-role", abstract: abstractText("help.council.set-role.abstract"))
        @OptionGroup var on: MemberAct
        @Option(help: helpText("help.council.set-role.role")) var role: String

        func run() throws {
            guard let r = CouncilRole(text: role) else { throw refusal(Failure.usage, on.global.strings("council.bad_role", role)) }
            try on.run { db, signer, s in
                try db.setRole(member: on.member, role: r, by: signer)
                Console.out(s("council.role_set", on.member, s("role.\(r.rawValue)")))
            }
        }
    }

    /// The unit a member belongs to, for conflicts of interest (`--none` takes it away).
    struct SetUnit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-unit", abstract: abstractText("help.council.set-unit.abstract"))
        @OptionGroup var on: MemberAct
        @Option(help: helpText("help.council.set-unit.unit")) var unit: String?
        @Flag(help: helpText("help.council.set-unit.none")) var none = false

        func run() throws {
            guard (unit == nil) == none else { throw refusal(Failure.usage, on.global.strings("council.set_unit_usage")) }
            try on.run { db, signer, s in
                try db.setUnit(member: on.member, unit: unit, by: signer)
                Console.out(unit.map { s("council.unit_set", on.member, (try? db.unit($0))??.name ?? $0) } ?? s("council.unit_cleared", on.member))
            }
        }
    }

    struct Deactivate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deactivate", abstract: abstractText("help.council.deactivate.abstract"))
        @OptionGroup var on: MemberAct

        func run() throws { try on.run(saying: "council.deactivated") { db, member, signer in try db.deactivate(member: member, by: signer) } }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unlock", abstract: abstractText("help.council.unlock.abstract"))
        @OptionGroup var on: MemberAct

        func run() throws { try on.run(saying: "council.unlocked") { db, member, signer in try db.unlock(member: member, by: signer) } }
    }

    struct KDF: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kdf", abstract: abstractText("help.council.kdf.abstract"))
        @OptionGroup var global: GlobalOptions
        @Option(help: helpText("help.council.kdf.rounds")) var rounds: Int
        @OptionGroup var sign: SignOptions

        func run() throws {
            try sign.act(global) { db, signer, s in
                try db.raisePINCost(to: rounds, by: signer)
                Console.out(s("council.pin_cost_raised", rounds))
            }
        }
    }

    struct AddMember: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-member", abstract: abstractText("help.council.add-member.abstract"))

        @OptionGroup var global: GlobalOptions
        @Option(help: helpText("help.council.add-member.name")) var name: String
        @Option(help: helpText("help.council.add-member.role")) var role: String
        @Flag(help: helpText("help.council.add-member.pin-stdin")) var pinStdin = false
        @Flag(help: helpText("help.council.add-member.issue-pin")) var issuePin = false
        @Option(help: helpText("help.council.add-member.slip")) var slip: String?
        @Option(help: helpText("help.council.add-member.unit")) var unit: String?

        func run() throws {
            let s = global.strings
            guard let r = CouncilRole(text: role) else { throw refusal(Failure.usage, s("council.bad_role", role)) }
            if issuePin {
                guard let slip, !pinStdin else { throw refusal(Failure.usage, s("council.issue_pin_usage")) }
                return try global.run(secret: true) { db in
                    let issued = try db.enrolIssuingPIN(name: name, role: r, unit: unit)
                    try writeSlip(issued, to: slip, db, s)
                    Console.out(s("council.added", issued.member.name, issued.member.id, s("role.\(issued.member.role.rawValue)")))
                    Console.out(issued.member.id)
                }
            }
            try requirePinStdin(pinStdin, s)
            let pin = try readPIN(s)
            try global.run(secret: true) { db in
                let slip = try db.enrol(name: name, role: r, pin: pin, unit: unit)
                let m = slip.member
                Console.out(s("council.added", m.name, m.id, s("role.\(m.role.rawValue)")))
                Console.out(s("council.written_code", slip.writtenCode))
                Console.out(m.id)
            }
        }
    }

    struct ResetPIN: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-pin", abstract: abstractText("help.council.reset-pin.abstract"))
        @OptionGroup var on: MemberAct
        @Option(help: helpText("help.council.reset-pin.slip")) var slip: String

        func run() throws {
            try on.run { db, signer, s in
                let issued = try db.resetPIN(member: on.member, by: signer)
                try writeSlip(issued, to: slip, db, s)
            }
        }
    }

    struct Members: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "members", abstract: abstractText("help.council.members.abstract"))

        @OptionGroup var global: GlobalOptions
        @Flag(help: helpText("help.common.json")) var json = false

        struct Item: Encodable { var id: String, name: String, role: String, unit: String? }

        func run() throws {
            try global.run { db, s in
                let list = try db.members()
                let units = try db.memberUnits()
                try Console.answer(json: json) { list.map { Item(id: $0.id, name: $0.name, role: $0.role.rawValue, unit: units[$0.id]) } } text: {
                    Console.out(table(list.map { [$0.id, $0.name, s("role.\($0.role.rawValue)"), units[$0.id] ?? ""] }))
                    Console.out(s("council.count", list.count))
                }
            }
        }
    }
}

// MARK: - Sessions

/// Who is present against the quorum, as `attend` and `status` both say it.
func quorumLine(_ q: QuorumStatus, _ s: Strings) -> String {
    s("session.quorum", q.present, q.members, q.required, s(q.met ? "session.quorum_met" : "session.quorum_not_met"))
}

struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "session", abstract: abstractText("help.session.abstract"),
                                                    subcommands: [Open.self, Attend.self, Status.self, Close.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open", abstract: abstractText("help.session.open.abstract"))

        @OptionGroup var global: GlobalOptions
        @Option(help: helpText("help.common.year")) var year: Int
        @Option(help: helpText("help.session.open.title")) var title: String?
        @OptionGroup var sign: SignOptions

        func run() throws {
            try sign.act(global) { db, signer, s in
                let t = title ?? s("session.default_title", year)
                let id = try db.openSession(year: year, title: t, by: signer)
                Console.out(s("session.opened", id, t))
                Console.out(id)
            }
        }
    }

    struct Attend: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "attend", abstract: abstractText("help.session.attend.abstract"))

        @OptionGroup var on: OnSession
        @Argument(help: helpText("help.session.attend.members")) var members: [String]
        @OptionGroup var sign: SignOptions

        func run() throws {
            try sign.act(on.global) { db, signer, s in
                try db.attend(session: on.session, members: members, by: signer)
                let q = try db.quorumStatus(session: on.session)
                Console.out(quorumLine(q, s))
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: abstractText("help.session.close.abstract"))

        @OptionGroup var on: OnSession
        @OptionGroup var sign: SignOptions

        func run() throws {
            try sign.act(on.global) { db, signer, s in
                try db.closeSession(on.session, by: signer)
                Console.out(s("session.closed", on.session))
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: abstractText("help.session.status.abstract"))

        @OptionGroup var on: OnSession

        func run() throws {
            try on.global.run(secret: true) { db, s in
                let q = try db.quorumStatus(session: on.session)
                Console.out(quorumLine(q, s))
            }
        }
    }
}
