import ArgumentParser
import DienHinhCore
import DienHinhResources
import Foundation

/// `dienhinh manual`: the manual page (roff) of every command, from the same help the commands print, in the
/// user's language. `make install` writes it for `man dienhinh` (Vietnamese under `vi`, English as the default).
struct Manual: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "manual", abstract: abstractText("help.manual.abstract"),
                                                    shouldDisplay: false)

    @Option(help: helpText("help.manual.date")) var date: String?
    /// Read before parsing, by `DienHinh.main`; declared so the parser accepts it.
    @Option(name: .long, help: helpText("help.global.lang")) var lang: String?

    func run() throws {
        let s = commandLineStrings
        var out = [".TH DIENHINH 1 \"\(date ?? ISODate.today())\" \"DienHinh\" \"\(Self.escape(s("manual.section")))\"",
                   ".SH \(Self.escape(s("manual.name")))",
                   "dienhinh \\- " + Self.escape(DienHinh.configuration.abstract)]
        for (path, command) in Self.commands(DienHinh.self, path: ["dienhinh"]) {
            out.append(".SH \"\(Self.escape(path.joined(separator: " ").uppercased()))\"")
            out.append(".nf")
            let help = s.argumentParserText(DienHinh.helpMessage(for: command, columns: 80))
            out += help.split(separator: "\n", omittingEmptySubsequences: false).map { Self.escape(String($0)) }
            out.append(".fi")
        }
        out += [".SH \(Self.escape(s("manual.files")))", ".nf"] + s("manual.files.text").split(separator: "\n").map { Self.escape(String($0)) } + [".fi"]
        print(out.joined(separator: "\n"))
    }

    /// Every command below `root` with its path, depth first in the order `--help` lists them; hidden ones left out.
    static func commands(_ root: ParsableCommand.Type, path: [String]) -> [([String], ParsableCommand.Type)] {
        let config = root.configuration
        var out: [([String], ParsableCommand.Type)] = [(path, root)]
        for sub in config.subcommands where sub.configuration.shouldDisplay {
            out += commands(sub, path: path + [sub.configuration.commandName ?? String(describing: sub).lowercased()])
        }
        return out
    }

    /// Text roff shows as it is: backslashes doubled, and a line starting with `.` or `'` kept from being a request.
    static func escape(_ line: String) -> String {
        let t = line.replacingOccurrences(of: "\\", with: "\\e").replacingOccurrences(of: "\"", with: "\\(dq")
        return t.hasPrefix(".") || t.hasPrefix("'") ? "\\&" + t : t
    }
}
