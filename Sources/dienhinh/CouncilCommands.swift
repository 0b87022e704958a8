import ArgumentParser
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

// The council, its members and its meetings (VOTING.md): quorum, attendance, written-ballot codes.

// MARK: - Council

struct Council: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "council", abstract: "Council members.",
                                                    subcommands: [AddMember.self, Members.self, WrittenCodeCommand.self, Unlock.self, KDF.self, ResetPIN.self])

    /// What an act on one member signed by another takes: the member's id, then the signer and PIN.
    struct MemberAct: ParsableArguments {
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Member id.") var member: String
        @OptionGroup var sign: SignOptions

        func run(_ body: (AppDatabase, Signer, Strings) throws -> Void) throws { try sign.act(global, body) }
    }

    struct WrittenCodeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "written-code", abstract: "Issue a member a new one-time written-ballot code (the old one stops working); prints it last.")
        @OptionGroup var on: MemberAct

        func run() throws {
            try on.run { db, signer, s in
                let code = try db.issueWrittenCode(member: on.member, by: signer)
                Console.out(s("council.written_code_issued", on.member))
                Console.out(code)
            }
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unlock", abstract: "Lift a member's lock after too many wrong PINs (signed by the chair; the chair's own by the secretary).")
        @OptionGroup var on: MemberAct

        func run() throws {
            try on.run { db, signer, s in
                try db.unlock(member: on.member, by: signer)
                Console.out(s("council.unlocked", on.member))
            }
        }
    }

    struct KDF: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kdf", abstract: "Raise the PBKDF2 work factor for PINs (signed by the chair); each PIN follows at its next use.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "PBKDF2-SHA256 rounds, above the current value (at least 210,000).") var rounds: Int
        @OptionGroup var sign: SignOptions

        func run() throws {
            try sign.act(global) { db, signer, s in
                try db.raisePINCost(to: rounds, by: signer)
                Console.out(s("council.pin_cost_raised", rounds))
            }
        }
    }

    struct AddMember: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-member", abstract: "Register a member; prints the new id last.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Full name.") var name: String
        @Option(help: "chair, vice-chair, member or secretary") var role: String
        @Flag(help: "Read the member's PIN from standard input.") var pinStdin = false
        @Flag(help: "Draw a six-digit PIN for the member and write it only on the slip (--slip).") var issuePin = false
        @Option(help: "With --issue-pin: the Word file of the PIN slip to print and seal (written 0600).") var slip: String?

        func run() throws {
            let s = global.strings
            guard let r = CouncilRole(text: role) else {
                Console.error(s("council.bad_role", role))
                throw ExitCode(ExitCode.validationFailure.rawValue)
            }
            if issuePin {
                guard let slip, !pinStdin else {
                    Console.error(s("council.issue_pin_usage"))
                    throw ExitCode(ExitCode.validationFailure.rawValue)
                }
                return try global.run(secret: true) { db in
                    let issued = try db.enrolIssuingPIN(name: name, role: r)
                    try writeSlip(issued, to: slip, db, s)
                    Console.out(s("council.added", issued.member.name, issued.member.id, s("role.\(issued.member.role.rawValue)")))
                    Console.out(issued.member.id)
                }
            }
            try requirePinStdin(pinStdin, s)
            let pin = try readPIN(s)
            try global.run(secret: true) { db in
                let slip = try db.enrol(name: name, role: r, pin: pin)
                let m = slip.member
                Console.out(s("council.added", m.name, m.id, s("role.\(m.role.rawValue)")))
                Console.out(s("council.written_code", slip.writtenCode))
                Console.out(m.id)
            }
        }
    }

    struct ResetPIN: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-pin", abstract: "Draw a new PIN for a member (signed by the chair; the chair's by the secretary); writes its slip.")
        @OptionGroup var on: MemberAct
        @Option(help: "The Word file of the new PIN slip to print and seal (written 0600).") var slip: String

        func run() throws {
            try on.run { db, signer, s in
                let issued = try db.resetPIN(member: on.member, by: signer)
                try writeSlip(issued, to: slip, db, s)
            }
        }
    }

    struct Members: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "members", abstract: "List the council's members.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "JSON output.") var json = false

        struct Item: Encodable { var id: String, name: String, role: String }

        func run() throws {
            try global.run { db, s in
                let list = try db.members()
                if json {
                    Console.json(try JSONText.encode(list.map { Item(id: $0.id, name: $0.name, role: $0.role.rawValue) }))
                } else {
                    Console.out(table(list.map { [$0.id, $0.name, s("role.\($0.role.rawValue)")] }))
                    Console.out(s("council.count", list.count))
                }
            }
        }
    }
}

// MARK: - Sessions

struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "session", abstract: "Council meetings and attendance.",
                                                    subcommands: [Open.self, Attend.self, Status.self, Close.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open", abstract: "Open a meeting for a review year; prints its id last.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Review year.") var year: Int
        @Option(help: "Title of the meeting.") var title: String?
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
        static let configuration = CommandConfiguration(commandName: "attend", abstract: "Record members present at a meeting.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id.") var session: String
        @Argument(help: "Member ids.") var members: [String]
        @OptionGroup var sign: SignOptions

        func run() throws {
            try sign.act(global) { db, signer, s in
                try db.attend(session: session, members: members, by: signer)
                let q = try db.quorumStatus(session: session)
                Console.out(s("session.quorum", q.present, q.members, q.required, s(q.met ? "session.quorum_met" : "session.quorum_not_met")))
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a meeting (no round of it may be open).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id.") var session: String
        @OptionGroup var sign: SignOptions

        func run() throws {
            try sign.act(global) { db, signer, s in
                try db.closeSession(session, by: signer)
                Console.out(s("session.closed", session))
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Attendance against the quorum.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Session id.") var session: String

        func run() throws {
            try global.run(secret: true) { db, s in
                let q = try db.quorumStatus(session: session)
                Console.out(s("session.quorum", q.present, q.members, q.required, s(q.met ? "session.quorum_met" : "session.quorum_not_met")))
            }
        }
    }
}
