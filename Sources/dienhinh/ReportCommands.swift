import ArgumentParser
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

extension ReportKind: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports for printing and spreadsheets: selected, nominations, minutes (--round R), review.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "selected, nominations, minutes or review") var kind: ReportKind
    @Option(help: "Review year (default: the latest year with records).") var year: Int?
    @Option(help: "csv, xlsx, md or html") var format: ReportFormat = .md
    @Option(help: "Write to this file (required for xlsx); else standard output.") var out: String?
    @Option(help: "minutes: the round id.") var round: String?
    @Option(help: "minutes: the place of the meeting.") var place: String?
    @Option(help: "minutes: members of the counting committee, comma-separated or the option repeated.") var committee: [String] = []
    @Option(help: "Measure the plan's phase and deadlines from this date (default: today).") var today: String?

    func run() throws {
        let s = global.strings
        if kind == .minutes && round == nil {
            Console.error(s("report.minutes_needs_round"))
            throw ExitCode(ExitCode.validationFailure.rawValue)
        }
        if format == .xlsx && out == nil {
            Console.error(s("report.xlsx_needs_out"))
            throw ExitCode(ExitCode.validationFailure.rawValue)
        }
        let asOf = try today.map { try parseDate($0, s) } ?? ISODate.today()
        let db = try global.open()
        let y = try year ?? reporting(s) { try db.defaultReviewYear() }
        let builder = ReportBuilder(db: db, strings: s, today: asOf)
        let committeeList = committee.flatMap(idList)
        let data: Data = try votingReporting(s) {
            // The count minutes keep their own Markdown and CSV layout (the same as `round minutes`).
            if kind == .minutes, let round, format == .md || format == .csv {
                let m = try builder.minutes(round: round, place: place, committee: committeeList)
                return format == .md ? Data(m.markdown().utf8) : Data((CSVWriter.bom + m.csv()).utf8)
            }
            let doc = try builder.build(kind, year: y, round: round, place: place, committee: committeeList)
            return try ReportRenderer.data(doc, format: format)
        }
        if let out {
            do { try data.write(to: URL(fileURLWithPath: out)) } catch {
                Console.error(s("file.cannot_write", out, error.localizedDescription))
                throw ExitCode(1)
            }
            Console.out(s("report.written_to", out))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
