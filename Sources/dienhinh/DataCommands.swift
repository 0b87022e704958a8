import ArgumentParser
import DienHinhCore
import DienHinhStore
import Foundation

extension DemoScale: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create a database with the reference units, optionally with demo data.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Add the deterministic demo data set.") var demo = false
    @Option(help: "Demo size: small (tests), sector (~18,000 candidates) or stress (10x).") var scale: DemoScale = .sector
    @Flag(help: "Replace an existing database.") var force = false
    @Option(help: "Seed of the demo generator.") var seed: UInt64 = 2017

    func run() throws {
        let s = global.strings
        let start = Date()
        let db = try reporting(s) { try AppDatabase.create(path: global.path, demo: demo ? scale : nil, force: force, seed: seed) }
        let (c, a) = try reporting(s) { (try db.candidateCount(), try db.achievementCount()) }
        Console.out(s("init.done", global.path, c, a, String(format: "%.2f", Date().timeIntervalSince(start))))
    }
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Import candidates or achievements from CSV: all or nothing.")

    enum What: String, ExpressibleByArgument, CaseIterable { case candidates, achievements }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "candidates or achievements") var what: What
    @Argument(help: "The CSV file.") var file: String
    @Flag(help: "Validate and report without writing.") var dryRun = false

    func run() throws {
        let s = global.strings
        guard let data = FileManager.default.contents(atPath: file) else {
            Console.error(s("file.missing", file))
            throw ExitCode(Failure.missing)
        }
        let db = try global.open()
        let name = (file as NSString).lastPathComponent
        let report = try reporting(s) {
            switch what {
            case .candidates: try db.importCandidates(data, file: name, dryRun: dryRun, strings: s)
            case .achievements: try db.importAchievements(data, file: name, dryRun: dryRun, strings: s)
            }
        }
        Console.out(s(dryRun ? "import.dry_run" : "import.done", name, report.candidates + report.achievements))
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Export candidates or achievements as CSV or JSON.")

    enum What: String, ExpressibleByArgument, CaseIterable { case candidates, achievements }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "candidates or achievements") var what: What
    @Argument(help: "Output file, or - for standard output.") var file: String
    @Option(help: "csv or json") var format: ExportFormat = .csv
    @Option(help: "Only this unit and the units under it.") var unit: String?

    func run() throws {
        let s = global.strings
        let db = try global.open()
        if let unit, try reporting(s, { try db.unit(unit) }) == nil {
            Console.error(s("unit.unknown", unit))
            throw ExitCode(Failure.badInput)
        }
        let text = try reporting(s) {
            switch what {
            case .candidates: try db.exportCandidates(format: format, unit: unit)
            case .achievements: try db.exportAchievements(format: format, unit: unit)
            }
        }
        if file == "-" {
            FileHandle.standardOutput.write(Data(text.utf8))
        } else {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
            } catch {
                Console.error(s("file.cannot_write", file, error.localizedDescription))
                throw ExitCode(1)
            }
        }
    }
}
