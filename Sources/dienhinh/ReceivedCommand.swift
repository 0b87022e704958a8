import ArgumentParser
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

/// At a unit: what the centre decided for its candidates, as the last bundle it sent down said (issue 18).
struct Received: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "received", abstract: abstractText("help.received.abstract"))

    @OptionGroup var global: GlobalOptions
    @Option(help: helpText("help.received.year")) var year: Int?
    @Flag(help: helpText("help.common.json")) var json = false

    func run() throws {
        try global.run { db, s in
            let list = try db.centreDecisions(year: year)
            try Console.answer(json: json) { list } text: {
                if list.isEmpty { return Console.out(s("received.none", year.map { " (\($0))" } ?? "")) }
                for d in list {
                    let name = try db.candidate(d.candidate_id)?.name ?? d.candidate_id
                    Console.out(d.kind == "selection"
                        ? s("received.selection", d.year, d.candidate_id, name, d.detail ?? "")
                        : s("received.nomination", d.year, d.candidate_id, name, d.detail.map { "  — " + $0 } ?? ""))
                }
            }
        }
    }
}
