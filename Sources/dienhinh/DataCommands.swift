import ArgumentParser
import DienHinhApp
import DienHinhCore
import DienHinhDemo
import DienHinhResources
import DienHinhStore
import Foundation

extension DemoScale: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: abstractText("help.init.abstract"))

    @OptionGroup var global: GlobalOptions
    @Flag(help: helpText("help.init.demo")) var demo = false
    @Option(help: helpText("help.init.scale")) var scale: DemoScale = .sector
    @Flag(help: helpText("help.init.force")) var force = false
    @Option(help: helpText("help.init.seed")) var seed: UInt64 = 2017
    @Option(help: helpText("help.init.group")) var group: String?

    func run() throws {
        let s = global.strings
        let start = Date()
        let db = try reporting(s) { try AppDatabase.create(path: global.path, demo: demo ? scale : nil, force: force, seed: seed, group: group) }
        let (c, a) = try reporting(s) { (try db.candidateCount(), try db.achievementCount()) }
        Console.out(s("init.done", global.path, c, a, String(format: "%.2f", Date().timeIntervalSince(start))))
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: abstractText("help.import.abstract"))

    enum What: String, ExpressibleByArgument, CaseIterable { case candidates, achievements, bundle, units }

    @OptionGroup var global: GlobalOptions
    @Argument(help: helpText("help.import.what")) var what: What
    @Argument(help: helpText("help.import.file")) var file: String
    @Flag(help: helpText("help.common.dry-run")) var dryRun = false
    @Option(help: helpText("help.import.errors-out")) var errorsOut: String?
    @Option(help: helpText("help.import.unit")) var unit: String?
    @Flag(help: helpText("help.import.accept-unsigned")) var acceptUnsigned = false

    func run() throws {
        let s = global.strings
        let data = try InputFile.read(file, limit: what == .bundle ? InputLimits.bundleBytes : InputLimits.fileBytes, strings: s)
        try global.run { db in
            let name = (file as NSString).lastPathComponent
            if let unit, try db.unit(unit) == nil { throw refusal(Failure.badInput, s("unit.unknown", unit)) }
            let provenance = Provenance.local(unitCode: unit)
            if what == .bundle {
                let report = try refusing(s) {
                    try db.importBundle(data, file: name, strings: s, dryRun: dryRun, importedBy: provenance, acceptUnsigned: acceptUnsigned)
                }
                BundleText.print(report, strings: s)
                return
            }
            if what == .units {
                let n = try refusing(s) { try db.importUnits(data, file: name, dryRun: dryRun, strings: s) }
                Console.out(s(dryRun ? "units.import.dry_run" : "units.import.done", name, n))
                return
            }
            let bar = ProgressBar(strings: s)
            let start = Date()
            let report = try refusing(s) {
                switch what {
                case .candidates: try db.importCandidates(data, file: name, dryRun: dryRun, strings: s, provenance: provenance, progress: bar.update)
                case .achievements, .bundle, .units:
                    try db.importAchievements(data, file: name, dryRun: dryRun, strings: s, provenance: provenance, progress: bar.update)
                }
            }
            bar.clear()
            let rows = report.candidates + report.achievements
            Console.out(s(dryRun ? "import.dry_run" : "import.done", name, rows))
            if what == .achievements {
                Console.out(s("import.counts", name, report.achievements, report.identical.count, 0))
                Self.list(report.identical, "import.identical", name, s)
                Self.list(report.lookalikes, "import.lookalike", name, s)
            }
            Console.error(ProgressBar.summary(rows: rows, since: start, strings: s))
        }
    }

    /// The skipped or flagged rows, one a line: the first fifty and how many more (re-sending a whole export
    /// skips every row).
    static func list(_ rows: [SkippedRow], _ key: String, _ file: String, _ s: Strings) {
        let text = VerdictText(strings: s)
        for r in rows.prefix(50) {
            Console.out(s(key, file, r.line, text.awardName(r.type), r.year, r.decision.map { s("record.decision", $0) } ?? ""))
        }
        if rows.count > 50 { Console.out(s("import.more_rows", rows.count - 50)) }
    }

    /// Runs the import; a refusal goes to stderr (the first errors only when `--errors-out` keeps them all).
    func refusing<T>(_ s: Strings, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let f as ImportFailure {
            ProgressBar.clearLine()
            guard let errorsOut else { throw Failure.from(f, strings: s) }
            // A report for people (opened with cat or less): the offending values inert, as on stderr.
            let text = Console.inert(f.errors.map(\.description).joined(separator: "\n") + "\n" + s.plural("import.refused", f.errors.count) + "\n")
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: errorsOut), options: .atomic)
            } catch {
                Console.error(s("file.cannot_write", errorsOut, error.localizedDescription))
                throw Failure.from(f, strings: s)
            }
            let shown = 20
            for e in f.errors.prefix(shown) { Console.error(e.description) }
            if f.errors.count > shown { Console.error(s("progress.more_errors", f.errors.count - shown)) }
            Console.error(s.plural("import.refused", f.errors.count))
            throw refusal(Failure.badInput, s("progress.errors_written", f.errors.count, errorsOut))
        } catch let e as ExitCode {
            throw e
        } catch {
            throw Failure.from(error, strings: s)
        }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: abstractText("help.export.abstract"))

    enum What: String, ExpressibleByArgument, CaseIterable { case candidates, achievements, bundle }

    @OptionGroup var global: GlobalOptions
    @Argument(help: helpText("help.export.what")) var what: What
    @Argument(help: helpText("help.export.file")) var file: String
    @Option(help: helpText("help.export.format")) var format: ExportFormat = .csv
    @Option(help: helpText("help.export.unit")) var unit: String?
    @Option(help: helpText("help.export.sign-as")) var signAs: String?
    @Flag(help: helpText("help.export.raw"))
    var raw = false

    func validate() throws {
        if what == .bundle && unit == nil { throw ValidationError(global.strings("bundle.unit_required")) }
    }

    func run() throws {
        try global.run { db, s in
            if let unit, try reporting(s, { try db.unit(unit) }) == nil { throw refusal(Failure.badInput, s("unit.unknown", unit)) }
            var summary: String?
            let bytes: Data = try reporting(s) {
                switch what {
                case .candidates: return Data(try db.exportCandidates(format: format, unit: unit, raw: raw).utf8)
                case .achievements: return Data(try db.exportAchievements(format: format, unit: unit, raw: raw).utf8)
                case .bundle:
                    let b = try db.exportBundle(unit: unit!, signAs: signAs)
                    summary = s("bundle.exported", (file as NSString).lastPathComponent, unit!, b.candidates, b.achievements) + "\n"
                        + (b.signedBy.map { s("bundle.signed_with", $0, b.sequence ?? 0) } ?? s("bundle.not_signed", unit!))
                    return b.data
                }
            }
            if file == "-" {
                FileHandle.standardOutput.write(bytes)
            } else {
                try OutputFile.write(bytes, to: file, strings: s)
                if let summary { Console.out(summary) }
            }
        }
    }
}
