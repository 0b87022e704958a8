import ArgumentParser
import DienHinhApp
import DienHinhCore
import DienHinhStore
import Foundation

/// `dienhinh operator set|show`: who is at the keyboard, stamped on every record, draft and bundle they make.
struct OperatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator", abstract: "The operator (name, unit, role) every write of this user is signed with.",
        subcommands: [Set.self, ShowOperator.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Sets the operator for this user on this machine.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Full name, as it should appear on records (\"Nhập bởi …\").") var name: String
        @Option(help: "Code of the unit the operator works in (e.g. VKSH.429).") var unit: String
        @Option(help: "Role, e.g. \"Văn thư\", \"Thư ký Hội đồng\".") var role: String

        func run() throws {
            let s = global.strings
            let name = self.name.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
            let role = self.role.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
            guard !name.isEmpty, !name.contains(where: \.isNewline), !role.isEmpty else {
                Console.error(s("operator.bad"))
                throw ExitCode(Failure.badInput)
            }
            // Stamped on every record and carried in bundles: held to the limits a bundle's envelope is checked by.
            for (value, field, option) in [(name, "entered_by", "--name"), (role, "position", "--role"), (unit, "unit_code", "--unit")] {
                if var v = InputLimits.check(value, field: field) {
                    v.args[0] = option
                    Console.error(s.format(v.key, v.args))
                    throw ExitCode(Failure.badInput)
                }
            }
            let db = try global.open()
            guard try reporting(s, { try db.unit(unit) }) != nil else {
                Console.error(s("unit.unknown", unit))
                throw ExitCode(Failure.badInput)
            }
            let op = Operator(name: name, unit: unit, role: role)
            do { try op.save() } catch {
                Console.error(s("operator.unwritable", Operator.path(), error.localizedDescription))
                throw ExitCode(Failure.refused)
            }
            Console.out(s("operator.set", op.name, op.unit, op.role, Operator.path()))
        }
    }

    struct ShowOperator: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Shows the operator set for this user.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "JSON output.") var json = false

        func run() throws {
            let s = global.strings
            guard let op = Operator.current() else {
                Console.error(s("operator.none"))
                throw ExitCode(Failure.missing)
            }
            if json {
                Console.json(try JSONText.encode(op))
            } else {
                Console.out(s("operator.show", op.name, op.unit, op.role))
            }
        }
    }
}

/// `dienhinh check-data`: what the secretariat should look at in the stored records; changes nothing.
struct CheckData: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-data",
        abstract: "Lists suspected duplicate records and other anomalies for review (nothing is changed).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Review year: records after it are listed (default: the current year).") var year: Int?
    @Flag(help: "JSON output.") var json = false

    func run() throws {
        let s = global.strings
        let db = try global.open()
        let y = year ?? Calendar(identifier: .gregorian).component(.year, from: Date())
        let found = try reporting(s) { try db.dataAnomalies(reviewYear: y) }
        if json {
            Console.json(try JSONText.encode(found))
            return
        }
        let text = VerdictText(strings: s)
        Console.out(table(found.map { a in
            [a.candidateId, String(a.year), text.awardName(a.type), s("check_data.\(a.kind.rawValue)", a.detail ?? "", y),
             a.records.map { "#\($0)" }.joined(separator: " ")]
        }))
        Console.out(s("check_data.summary", found.count))
    }
}
