import ArgumentParser
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

// The units' signing keys (issue 18, docs/BUNDLE.md): made at the unit, enrolled at the centre.

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Units' signing keys for bundles: make one at the unit, enroll it at the centre.",
        subcommands: [Init.self, Public.self, Enroll.self, List.self, Revoke.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init", abstract: "Make this unit's signing key, kept beside the database (0600); prints its fingerprint.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The unit's code.") var unit: String

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
            commandName: "public", abstract: "Write this unit's public key to a file, to hand to the centre.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The unit's code.") var unit: String
        @Argument(help: "The file to write.") var file: String

        func run() throws {
            try global.run { db, s in
                let (text, fingerprint) = try UnitKeys.publicKeyFile(databasePath: db.path, unit: unit)
                do { try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic) } catch {
                    Console.error(s("file.cannot_write", file, error.localizedDescription))
                    throw ExitCode(1)
                }
                Console.out(s("keys.public_written", unit, file))
                Console.out(fingerprint)
            }
        }
    }

    struct Enroll: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enroll", abstract: "At the centre: enroll a unit's public key file; read the fingerprint back to the unit.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The unit's public key file.") var file: String

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
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The keys enrolled here, revoked ones marked.")
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
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke an enrolled key: bundles it signs are refused.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The key's fingerprint (see `keys list`).") var fingerprint: String

        func run() throws {
            try global.run { db, s in
                try db.revokeKey(fingerprint)
                Console.out(s("keys.revoked", fingerprint.uppercased()))
            }
        }
    }
}
