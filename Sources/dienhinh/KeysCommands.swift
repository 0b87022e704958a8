import ArgumentParser
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

// The units' signing keys (issue 18, docs/BUNDLE.md): made at the unit, enrolled at the centre.

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: abstractText("help.keys.abstract"),
        subcommands: [Init.self, Public.self, Enroll.self, List.self, Revoke.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init", abstract: abstractText("help.keys.init.abstract"))
        @OptionGroup var global: GlobalOptions
        @Option(help: helpText("help.common.unit")) var unit: String

        func run() throws {
            try global.run { db, s in
                guard try db.unit(unit) != nil else { throw KeyError.unknownUnit(unit) }
                let made = try UnitKeys.create(databasePath: db.path, unit: unit)
                Console.out(s("keys.created", unit, made.path))
                Console.out(made.fingerprint)
            }
        }
    }

    struct Public: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "public", abstract: abstractText("help.keys.public.abstract"))
        @OptionGroup var global: GlobalOptions
        @Option(help: helpText("help.common.unit")) var unit: String
        @Argument(help: helpText("help.keys.public.file")) var file: String

        func run() throws {
            try global.run { db, s in
                let (text, fingerprint) = try UnitKeys.publicKeyFile(databasePath: db.path, unit: unit)
                try OutputFile.write(Data(text.utf8), to: file, strings: s)
                Console.out(s("keys.public_written", unit, file))
                Console.out(fingerprint)
            }
        }
    }

    struct Enroll: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enroll", abstract: abstractText("help.keys.enroll.abstract"))
        @OptionGroup var global: GlobalOptions
        @Argument(help: helpText("help.keys.enroll.file")) var file: String

        func run() throws {
            let s = global.strings
            let data = try InputFile.read(file, limit: 4096, strings: s)
            try global.run { db in
                let k = try db.enrollKey(String(decoding: data, as: UTF8.self), file: file)
                Console.out(s("keys.enrolled", k.unit))
                Console.out(k.fingerprint)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: abstractText("help.keys.list.abstract"))
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try global.run { db, s in
                let keys = try db.enrolledKeys()
                if keys.isEmpty { Console.out(s("keys.none_enrolled")) }
                for k in keys {
                    let state = k.revokedAt.map { s("keys.revoked_at", FieldParsing.displayDate(String($0.prefix(10)))) } ?? s("keys.in_force")
                    Console.out("\(k.unit)  \(k.fingerprint)  \(FieldParsing.displayDate(String(k.enrolledAt.prefix(10))))  \(state)")
                }
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: abstractText("help.keys.revoke.abstract"))
        @OptionGroup var global: GlobalOptions
        @Argument(help: helpText("help.keys.revoke.fingerprint")) var fingerprint: String

        func run() throws {
            try global.run { db, s in
                try db.revokeKey(fingerprint)
                Console.out(s("keys.revoked", fingerprint.uppercased()))
            }
        }
    }
}
