import ArgumentParser
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

/// Emulation clusters and blocs (cụm, khối thi đua) and their vote for the sector flag (issue 17). The bloc's
/// session then runs on the council's commands: `session attend`, `round open --award CO_NGANH`, `vote`,
/// `round close`, `round certify`.
struct BlocCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bloc", abstract: abstractText("help.bloc.abstract"),
        subcommands: [Define.self, AddDelegate.self, List.self, OpenSession.self], defaultSubcommand: List.self)

    /// The bloc a delegate or a session belongs to, and its year.
    struct BlocYear: ParsableArguments {
        @OptionGroup var global: GlobalOptions
        @Argument(help: helpText("help.bloc.code")) var code: String
        @Option(help: helpText("help.common.year")) var year: Int
    }

    struct Define: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "define", abstract: abstractText("help.bloc.define.abstract"))
        @OptionGroup var global: GlobalOptions
        @Argument(help: helpText("help.bloc.code")) var code: String
        @Option(help: helpText("help.bloc.define.name")) var name: String
        @Option(help: helpText("help.bloc.define.kind")) var kind = "khoi"
        @Option(help: helpText("help.common.year")) var year: Int
        @Option(help: helpText("help.bloc.define.lead")) var lead: String
        @Option(help: helpText("help.bloc.define.units")) var units: String

        func run() throws {
            let s = global.strings
            guard let k = EmulationBloc.Kind(rawValue: kind.lowercased()) else { throw refusal(Failure.badInput, s("bloc.bad_kind", kind)) }
            try global.run { db in
                let members = idList(units)
                try db.defineBloc(code: code, name: name, kind: k, year: year, lead: lead, units: members)
                Console.out(s("bloc.defined", code.uppercased(), name, year, Set(members).count, lead))
            }
        }
    }

    struct AddDelegate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-delegate", abstract: abstractText("help.bloc.add-delegate.abstract"))
        @OptionGroup var bloc: BlocYear
        @Option(help: helpText("help.bloc.add-delegate.unit")) var unit: String
        @Option(help: helpText("help.bloc.add-delegate.name")) var name: String
        @Flag(help: helpText("help.bloc.add-delegate.secretary")) var secretary = false
        @Option(help: helpText("help.bloc.add-delegate.slip")) var slip: String

        func run() throws {
            let (s, code) = (bloc.global.strings, bloc.code)
            try bloc.global.run(secret: true) { db in
                let issued = try db.enrolDelegate(bloc: code, year: bloc.year, unit: unit, name: name, secretary: secretary)
                try writeSlip(issued, to: slip, db, s)
                let m = issued.member
                Console.out(s("bloc.delegate_added", m.name, m.id, unit, code.uppercased(), s("role.\(m.role.rawValue)")))
                Console.out(m.id)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: abstractText("help.bloc.list.abstract"))
        @OptionGroup var global: GlobalOptions
        @Option(help: helpText("help.common.year")) var year: Int?
        @Flag(help: helpText("help.common.json")) var json = false

        struct Item: Encodable {
            struct Delegate: Encodable { var unit: String, member: String, name: String, role: String }
            var code: String, name: String, kind: String, year: Int, lead: String, units: [String], delegates: [Delegate]
        }

        func run() throws {
            try global.run { db, s in
                let blocs = try db.blocs(year: year)
                try Console.answer(json: json) {
                    blocs.map { b in
                        Item(code: b.code, name: b.name, kind: b.kind.rawValue, year: b.year, lead: b.leadUnit, units: b.units,
                             delegates: b.delegates.map { .init(unit: $0.unitCode, member: $0.member.id, name: $0.member.name, role: $0.member.role.rawValue) })
                    }
                } text: {
                    if blocs.isEmpty { Console.out(s("bloc.none", year.map { " (\($0))" } ?? "")); return }
                    for b in blocs {
                        Console.out(s("bloc.header", s("bloc.kind.\(b.kind.rawValue)"), b.name, b.code, b.year, b.leadUnit))
                        let rows = try b.units.map { u -> [String] in
                            let d = b.delegates.first { $0.unitCode == u }
                            let who = d.map { "\($0.member.name) (\($0.member.id), \(s("role.\($0.member.role.rawValue)")))" } ?? s("bloc.no_delegate")
                            return [u, try db.unit(u)?.name ?? u, who]
                        }
                        Console.out(table(rows))
                    }
                }
            }
        }
    }

    struct OpenSession: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open-session", abstract: abstractText("help.bloc.open-session.abstract"))
        @OptionGroup var bloc: BlocYear
        @Option(help: helpText("help.bloc.open-session.title")) var title: String?
        @OptionGroup var sign: SignOptions

        func run() throws {
            let (code, year) = (bloc.code, bloc.year)
            try sign.act(bloc.global) { db, signer, s in
                let name = try db.blocs(year: year).first { $0.code == code.uppercased() }?.name ?? code
                let t = title ?? s("bloc.session_title", name, year)
                let id = try db.openBlocSession(bloc: code, year: year, title: t, by: signer)
                Console.out(s("session.opened", id, t))
                Console.out(id)
            }
        }
    }
}
