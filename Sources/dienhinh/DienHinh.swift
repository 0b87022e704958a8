import ArgumentParser
import DienHinhApp
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

/// The command tree of INTERFACES.md; the terminal interface is the default.
@main
struct DienHinh: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dienhinh",
        abstract: abstractText("help.dienhinh.abstract"),
        subcommands: [
            TUI.self, Render.self, Init.self, Import.self, Export.self, Units.self, Candidates.self, Move.self, Show.self, Check.self,
            Nominate.self, Withdraw.self, Nominations.self, Council.self, SessionCommand.self, RoundCommand.self, Vote.self, AuditCommand.self, Bench.self,
            Register.self, Registrations.self, PlanCommand.self, Propose.self, Proposals.self, Promote.self, Promotions.self, Report.self,
            OperatorCommand.self, CheckData.self, KeysCommand.self, Received.self, PathCommand.self, ClosestCommand.self, RulesCommand.self, ConsultCommand.self, BlocCommand.self, Manual.self,
        ],
        defaultSubcommand: TUI.self
    )

    /// Every argument is held to the shared limits before any command sees it: a name, a title or a reason
    /// typed on the command line is stored and printed like one imported from a file.
    /// The language is settled first, so that help screens and the parser's messages are in it (issue 20).
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        let lang = zip(args, args.dropFirst()).first { $0.0 == "--lang" }?.1
            ?? args.first { $0.hasPrefix("--lang=") }.map { String($0.dropFirst(7)) }
        commandLineLanguage = Language.resolve(flag: lang)
        let s = commandLineStrings
        if let v = CommandLineLimits.firstViolation(args) {
            Console.error(s.format(v.key, v.args))
            Foundation.exit(Failure.badInput)
        }
        do {
            var command = try parseAsRoot(args)
            try command.run()
        } catch {
            // As `exit(withError:)`, with the parser's fixed phrases in the user's language: help on stdout
            // (exit 0), anything else on stderr with its code (64 for usage).
            let code = exitCode(for: error)
            let text = s.argumentParserText(fullMessage(for: error))
            if !text.isEmpty {
                if code == .success { print(text) } else { FileHandle.standardError.write(Data((text + "\n").utf8)) }
            }
            Foundation.exit(code.rawValue)
        }
    }
}

/// The limits on command-line arguments: no control, invisible or bidi character, no letter with more than three
/// marks, at most 4,096 characters (the keys given to `render` excepted: they script a whole session).
enum CommandLineLimits {
    /// The first argument refused, its message naming the option it belongs to (or its place).
    static func firstViolation(_ args: [String]) -> InputLimits.Violation? {
        for (i, a) in args.enumerated() {
            let option = i > 0 && args[i - 1].hasPrefix("--") ? args[i - 1] : nil
            let keys = option == "--keys" || a.hasPrefix("--keys=")
            guard var v = InputLimits.check(a, field: keys ? "keys" : "argument") else { continue }
            v.args[0] = option ?? "#\(i + 1)"
            return v
        }
        return nil
    }
}

/// `--db` and `--lang`, shared by every command.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: helpText("help.global.db"))
    var db: String?

    @Option(name: .long, help: helpText("help.global.lang"))
    var lang: String?

    @Flag(help: helpText("help.global.allow-shared-file"))
    var allowSharedFile = false

    var path: String {
        let p = db ?? AppDatabase.defaultPath()
        currentDatabasePath = p
        return p
    }
    var language: Language { Language.resolve(flag: lang) }
    var strings: Strings { Strings.for(language) }

    func validate() throws {
        if let lang, Language(rawValue: lang.lowercased()) == nil {
            throw ValidationError(commandLineStrings("cli.lang_invalid"))
        }
    }

    /// Opens an existing database, mapping store errors to exit codes. A file other users may read is said on
    /// stderr; a `secret` act (ballots, PINs, sessions) refuses it unless `--allow-shared-file` (issue 18).
    func open(secret: Bool = false) throws -> AppDatabase {
        do {
            let db = try AppDatabase(path: path)
            let others = db.openToOthers
            if !others.isEmpty {
                if secret && !allowSharedFile { throw StoreError.sharedFile(path: db.path, files: others) }
                Console.error(strings("store.shared_warning", others.joined(separator: ", ")))
            }
            return db
        } catch {
            throw Failure.from(error, strings: strings)
        }
    }

    /// The one way a command works on the database: it is opened, the body runs (its store call and its output),
    /// and any error is printed in the user's language, one line a problem, with its exit code (docs/CLI.md).
    @discardableResult
    func run<T>(secret: Bool = false, _ body: (AppDatabase) throws -> T) throws -> T {
        let db = try open(secret: secret)
        return try reporting(strings) { try body(db) }
    }

    /// `run`, with the user's strings for the command's output.
    @discardableResult
    func run<T>(secret: Bool = false, _ body: (AppDatabase, Strings) throws -> T) throws -> T {
        let s = strings
        return try run(secret: secret) { db in try body(db, s) }
    }
}

/// The database this run works on, for messages about a sick file raised deep inside a command.
nonisolated(unsafe) var currentDatabasePath = ""

/// An error already reported on stderr, carrying its sysexits code.
struct Failure: Error {
    var code: Int32

    static let usage: Int32 = ExitCode.validationFailure.rawValue
    static let badInput: Int32 = 65
    static let missing: Int32 = 66
    static let refused: Int32 = 69

    /// Prints the error in one line per problem and picks the exit code.
    static func from(_ error: Error, strings: Strings) -> ExitCode {
        switch error {
        case let e as ExitCode:
            return e
        case let e as VotingError:
            Console.error(votingMessage(e, strings))
            return ExitCode(e.exitCode)
        case let k as KeyError:
            Console.error(strings.format(k.key, k.args))
            switch k {
            case .noKey, .unknownKey: return ExitCode(missing)
            case .keyExists, .alreadyEnrolled: return ExitCode(refused)
            case .badKeyFile, .badPublicFile, .unknownUnit: return ExitCode(badInput)
            }
        case let r as RecordInvalid:
            for p in r.problems { Console.error(strings.message(p)) }
            return ExitCode(badInput)
        case let f as ImportFailure:
            for e in f.errors { Console.error(e.description) }
            Console.error(strings.plural("import.refused", f.errors.count))
            return ExitCode(badInput)
        case let e as ConsultationError:
            switch e {
            case let .noProposal(c, a, y): Console.error(strings("consult.no_proposal", c, strings("award.\(a)"), y)); return ExitCode(refused)
            case let .notRequired(a, y): Console.error(strings("consult.not_required", strings("award.\(a)"), y)); return ExitCode(refused)
            case let .badDates(a, b): Console.error(strings("consult.bad_dates", a, b)); return ExitCode(badInput)
            case .unknownConsultation(let n): Console.error(strings("consult.unknown", n)); return ExitCode(missing)
            case .unknownObjection(let n): Console.error(strings("consult.unknown_objection", n)); return ExitCode(missing)
            case .alreadyResolved(let n): Console.error(strings("consult.already_resolved", n)); return ExitCode(refused)
            case .emptyText: Console.error(strings("consult.empty_text")); return ExitCode(badInput)
            }
        case let e as AwardRuleEditError:
            switch e {
            case .unknownPeriod(let p):
                Console.error(strings("rules.unknown_period", p, AwardRuleBook.shipped.sets.map(\.period).joined(separator: ", ")))
                return ExitCode(missing)
            case .unknownAward(let a):
                Console.error(strings("rules.unknown_award", a))
                return ExitCode(missing)
            case .noParameter(let a, let i):
                Console.error(strings("rules.no_parameter", AwardPathText(strings: strings).awardName(a), i))
                return ExitCode(badInput)
            case .confirmed(let a, let i):
                Console.error(strings("rules.confirmed", AwardPathText(strings: strings).awardName(a), i))
                return ExitCode(refused)
            case .outOfRange(let v):
                Console.error(strings("rules.out_of_range", v))
                return ExitCode(badInput)
            }
        case let e as StoreError:
            Console.error(e.message(strings))
            switch e {
            case .missing, .notFound, .notDienHinh, .unknownCandidate: return ExitCode(missing)
            case .refused, .sharedFile, .awardNotFor: return ExitCode(refused)
            case .unknownGroup, .cannotShare: return ExitCode(badInput)
            case .newerSchema, .notADatabase, .readOnly, .diskFull, .busy, .cannotOpen: return ExitCode(1)
            }
        default:
            if let sick = StoreError.classify(error, path: currentDatabasePath) { return from(sick, strings: strings) }
            Console.error("\(error)")
            return ExitCode(1)
        }
    }
}

/// Runs a body and turns any error into a one-line message and its exit code.
/// The strings are loaded only when there is an error to report (a JSON listing never needs them).
func reporting<T>(_ strings: @autoclosure () -> Strings, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let e as ExitCode {
        throw e
    } catch {
        throw Failure.from(error, strings: strings())
    }
}
