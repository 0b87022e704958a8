import ArgumentParser
import DienHinhApp
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

/// `dienhinh operator set|show`: who is at the keyboard, stamped on every record, draft and bundle they make.
struct OperatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operator", abstract: abstractText("help.operator.abstract"),
        subcommands: [Set.self, ShowOperator.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: abstractText("help.operator.set.abstract"))
        @OptionGroup var global: GlobalOptions
        @Option(help: helpText("help.operator.set.name")) var name: String
        @Option(help: helpText("help.operator.set.unit")) var unit: String
        @Option(help: helpText("help.operator.set.role")) var role: String

        func run() throws {
            let s = global.strings
            let name = OperatorEntry.cleaned(self.name), role = OperatorEntry.cleaned(self.role)
            guard !name.isEmpty, !name.contains(where: \.isNewline), !role.isEmpty else {
                throw refusal(Failure.badInput, s("operator.bad"))
            }
            for (value, field) in [(name, OperatorEntry.Field.name), (role, .role), (unit, .unit)] {
                if let problem = OperatorEntry.problem(value, field, s) { throw refusal(Failure.badInput, problem) }
            }
            try global.run { db in
                if let problem = try reporting(s, { try OperatorEntry.unknownUnit(unit, db, s) }) {
                    throw refusal(Failure.badInput, problem)
                }
                let op = Operator(name: name, unit: unit, role: role)
                do { try op.save() } catch {
                    throw refusal(Failure.refused, s("operator.unwritable", Operator.path(), error.localizedDescription))
                }
                Console.out(s("operator.set", op.name, op.unit, op.role, Operator.path()))
            }
        }
    }

    struct ShowOperator: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: abstractText("help.operator.show.abstract"))
        @OptionGroup var global: GlobalOptions
        @Flag(help: helpText("help.common.json")) var json = false

        func run() throws {
            let s = global.strings
            guard let op = Operator.current() else { throw refusal(Failure.missing, s("operator.none")) }
            try Console.answer(json: json) { op } text: {
                Console.out(s("operator.show", op.name, op.unit, op.role))
            }
        }
    }
}

/// The checks `operator set` and the terminal's first-start question share.
enum OperatorEntry {
    enum Field: String {
        case name = "--name", unit = "--unit", role = "--role"

        /// The field whose limits apply: the operator is stamped as `entered_by`/`entered_unit` and carried in
        /// bundles, whose envelope is checked against the same limits.
        var limitsField: String {
            switch self {
            case .name: "entered_by"
            case .unit: "unit_code"
            case .role: "position"
            }
        }
    }

    static func cleaned(_ value: String) -> String {
        TextFolding.cleaned(value)
    }

    /// Why `value` cannot be the operator's `field` (named `label` in the message, else by its option), or nil.
    static func problem(_ value: String, _ field: Field, _ s: Strings, label: String? = nil) -> String? {
        guard var v = InputLimits.check(value, field: field.limitsField) else { return nil }
        v.args[0] = label ?? field.rawValue
        return s.format(v.key, v.args)
    }

    static func unknownUnit(_ code: String, _ db: AppDatabase, _ s: Strings) throws -> String? {
        try db.unit(code) == nil ? s("unit.unknown", code) : nil
    }

    /// The terminal's first start with no operator set: asks who is at the keyboard, on the plain terminal
    /// before the interface opens, each answer checked as `operator set` checks it. An empty name (or the end
    /// of input) skips, and the question comes again next start. Returns what to show on the status line.
    static func ask(_ db: AppDatabase, _ s: Strings) throws -> String {
        Console.out(s("operator.first.intro"))
        func answer(_ prompt: String, _ field: Field, check: (String) throws -> String?) throws -> String? {
            while true {
                FileHandle.standardOutput.write(Data(prompt.utf8))
                guard let line = readLine(strippingNewline: true) else { return nil }
                let value = cleaned(line)
                if value.isEmpty {
                    if field == .name { return nil }
                    continue
                }
                // Named as the question names it: "Mã đơn vị (ví dụ VKSH.429): " gives "Mã đơn vị".
                let label = String(prompt.prefix { $0 != "(" && $0 != ":" }).trimmingCharacters(in: .whitespaces)
                if let problem = try problem(value, field, s, label: label) ?? check(value) { Console.out("  " + problem); continue }
                return value
            }
        }
        guard let name = try answer(s("operator.first.name"), .name, check: { _ in nil }),
              let unit = try answer(s("operator.first.unit"), .unit, check: { try unknownUnit($0, db, s) }),
              let role = try answer(s("operator.first.role"), .role, check: { _ in nil }) else {
            Console.out(s("operator.first.skipped"))
            return s("operator.first.skipped")
        }
        let op = Operator(name: name, unit: unit, role: role)
        do { try op.save() } catch {
            Console.out(s("operator.unwritable", Operator.path(), error.localizedDescription))
            return s("operator.unwritable", Operator.path(), error.localizedDescription)
        }
        Console.out(s("operator.set", op.name, op.unit, op.role, Operator.path()))
        return s("operator.show", op.name, op.unit, op.role)
    }
}

/// `dienhinh check-data`: what the secretariat should look at in the stored records; changes nothing.
struct CheckData: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-data",
        abstract: abstractText("help.check-data.abstract"))
    @OptionGroup var global: GlobalOptions
    @Option(help: helpText("help.check-data.year")) var year: Int?
    @Flag(help: helpText("help.common.json")) var json = false

    func run() throws {
        try global.run { db, s in
            let y = year ?? Calendar(identifier: .gregorian).component(.year, from: Date())
            let found = try db.dataAnomalies(reviewYear: y)
            try Console.answer(json: json) { found } text: {
                let text = VerdictText(strings: s)
                Console.out(table(found.map { a in
                    [a.candidateId, String(a.year), text.awardName(a.type), s("check_data.\(a.kind.rawValue)", a.detail ?? "", y),
                     a.records.map { "#\($0)" }.joined(separator: " ")]
                }))
                Console.out(s("check_data.summary", found.count))
            }
        }
    }
}
