import ArgumentParser
import DienHinhCore
import DienHinhResources
import DienHinhRuntime
import DienHinhStore
import Foundation

/// What `report` writes: a report of the store, or the members' folder of candidate profiles, which words its
/// verdicts with the terminal's texts and so is composed in the runtime (`ProfileFolder`).
enum ReportChoice: ExpressibleByArgument, Equatable {
    case store(ReportKind), profiles

    init?(argument: String) {
        if argument == "profiles" { self = .profiles } else if let k = ReportKind(rawValue: argument) { self = .store(k) } else { return nil }
    }

    static var allValueStrings: [String] { ReportKind.allCases.map(\.rawValue) + ["profiles"] }
}
extension ReportFormat: ExpressibleByArgument {}

/// The formats of `dienhinh report`: the renderer's, and the signed documents (Word, and its PDF by LibreOffice).
enum ReportOutput: String, CaseIterable, ExpressibleByArgument {
    case csv, xlsx, md, html, docx, pdf

    var renderer: ReportFormat? { ReportFormat(rawValue: rawValue) }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: abstractText("help.report.abstract"))

    @OptionGroup var global: GlobalOptions
    @Argument(help: helpText("help.report.choice")) var choice: ReportChoice
    @Option(help: helpText("help.common.year-latest")) var year: Int?
    @Option(help: helpText("help.report.format")) var format: ReportOutput = .md
    @Option(help: helpText("help.report.out")) var out: String?
    @Option(help: helpText("help.report.locality")) var locality: String?
    @Option(help: helpText("help.report.round")) var round: String?
    @Option(help: helpText("help.report.session")) var session: String?
    @Option(name: .customLong("id"), help: helpText("help.report.id"))
    var ids: [String] = []
    @Option(help: helpText("help.report.place")) var place: String?
    @Option(help: helpText("help.report.committee")) var committee: [String] = []
    @Option(help: helpText("help.report.today")) var today: String?

    /// The store's kind; `profiles` is composed here and has none of its own.
    var kind: ReportKind {
        if case .store(let k) = choice { return k }
        return .review
    }

    func run() throws {
        let s = global.strings
        if kind == .minutes && round == nil { throw refusal(Failure.usage, s("report.minutes_needs_round")) }
        if kind == .meeting && session == nil { throw refusal(Failure.usage, s("report.meeting_needs_session")) }
        // An option the chosen report does not use is refused rather than silently dropped: `--place` on the
        // nominations would otherwise look as if it had been printed.
        if let (option, reports) = unusedOption { throw refusal(Failure.usage, s("report.option_not_for", option, reports, choiceName)) }
        if locality != nil && format != .docx && format != .pdf { throw refusal(Failure.usage, s("report.locality_docx_only")) }
        if format == .xlsx && out == nil { throw refusal(Failure.usage, s("report.xlsx_needs_out")) }
        if (format == .docx || format == .pdf) && out == nil { throw refusal(Failure.usage, s("docx.pdf_needs_out")) }
        // Checked before any work, so a machine without LibreOffice hears it at once.
        if format == .pdf && PDFConverter.converter() == nil { throw refusal(Failure.refused, s("docx.pdf_needs_soffice")) }
        let asOf = try today.map { try parseDate($0, s) } ?? ISODate.today()
        try global.run { db in
            let y = try year ?? db.defaultReviewYear()
            let builder = ReportBuilder(db: db, strings: s, today: asOf)
            let committeeList = committee.flatMap(idList)
            let data: Data = try reporting(s) {
                if choice == .profiles {
                    let list = ids.flatMap(idList)
                    let chosen = list.isEmpty ? try db.nominations(year: y).map(\.nomination.candidateId) : list
                    let doc = try ProfileFolder(db: db, strings: s).document(year: y, ids: chosen)
                    guard format == .docx || format == .pdf else { return try ReportRenderer.data(doc, format: format.renderer ?? .md) }
                    let docx = try OfficialDocuments(builder: builder, locality: locality).profiles(doc)
                    return format == .pdf ? try pdf(docx, s) : docx
                }
                if format == .docx || format == .pdf {
                    let docx = try OfficialDocuments(builder: builder, locality: locality)
                        .docx(kind, year: y, round: round, place: place, committee: committeeList, session: session)
                    guard format == .pdf else { return docx }
                    return try pdf(docx, s)
                }
                // The count minutes keep their own Markdown and CSV layout (the same as `round minutes`).
                if kind == .minutes, let round, format == .md || format == .csv {
                    let m = try builder.minutes(round: round, place: place, committee: committeeList)
                    return format == .md ? Data(m.markdown().utf8) : Data((CSVWriter.bom + m.csv()).utf8)
                }
                let doc = try builder.build(kind, year: y, round: round, place: place, committee: committeeList, session: session)
                return try ReportRenderer.data(doc, format: format.renderer ?? .md)
            }
            if let out {
                try OutputFile.write(data, to: out, atomically: false, strings: s)
                Console.out(s(format == .docx || format == .pdf ? "docx.written_to" : "report.written_to", out))
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }

    var choiceName: String { choice == .profiles ? "profiles" : kind.rawValue }

    /// The first option given that the chosen report does not use, with the reports that do.
    var unusedOption: (String, String)? {
        let given: [(String, Bool, [String])] = [
            ("--round", round != nil, ["minutes"]),
            ("--session", session != nil, ["meeting"]),
            ("--place", place != nil, ["minutes", "meeting"]),
            ("--committee", !committee.isEmpty, ["minutes"]),
            ("--id", !ids.isEmpty, ["profiles"]),
        ]
        return given.first { $0.1 && !$0.2.contains(choiceName) }.map { ($0.0, $0.2.joined(separator: ", ")) }
    }

    func pdf(_ docx: Data, _ s: Strings) throws -> Data {
        do {
            return try PDFConverter.pdf(fromDocx: docx, name: choiceName)
        } catch PDFConverter.Failure.converterMissing {
            throw refusal(Failure.refused, s("docx.pdf_needs_soffice"))
        } catch PDFConverter.Failure.failed(let why) {
            throw refusal(1, s("docx.pdf_failed", out ?? "", why))
        }
    }
}
