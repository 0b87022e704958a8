import Foundation
import Testing

/// Every command's `--help` and the parser's messages in the user's language (issue 20). The commands are found
/// by walking the SUBCOMMANDS sections from the root, so a new command is walked too.
@Suite(.serialized) struct HelpLanguageTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func table(_ lang: String) throws -> [String: String] {
        let data = try Data(contentsOf: repo.appendingPathComponent("Resources/data/strings/\(lang).json"))
        return try JSONDecoder().decode([String: String].self, from: data)
    }

    /// Help wraps its text at the terminal's width: compared with every run of white space as one space.
    static func flat(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    /// The names listed under the heading of subcommands.
    static func subcommands(_ help: String, heading: String) -> [String] {
        var names: [String] = [], inside = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == heading { inside = true; continue }
            if inside {
                if line.isEmpty { break }
                if line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first {
                    names.append(String(name))
                }
            }
        }
        return names
    }

    /// `--help` of a command in a language: `--lang`, but through `LANG` for a command with a default subcommand
    /// (the root, `plan`): they have no `--lang`, so given one the parser shows the default subcommand's help.
    static func help(_ path: [String], _ lang: String, defaulting: Bool) throws -> Binary.Result {
        defaulting ? try Binary.run(path + ["--help"], env: ["LANG": lang == "en" ? "en_GB.UTF-8" : "vi_VN.UTF-8"])
            : try Binary.run(path + ["--help", "--lang", lang])
    }

    /// Every command path, the root (`[]`) first, and whether it has a default subcommand.
    static func commands() throws -> [(path: [String], defaulting: Bool)] {
        var found: [(path: [String], defaulting: Bool)] = [], queue: [[String]] = [[]]
        while let path = queue.first {
            queue.removeFirst()
            let r = try Binary.run(path + ["--help"], env: ["LANG": "en_GB.UTF-8"])
            let subs = subcommands(r.stdout, heading: "SUBCOMMANDS:")
            found.append((path, r.stdout.contains(" (default) ")))
            queue += subs.map { path + [$0] }
        }
        return found
    }

    @Test func everyHelpInBothLanguages() throws {
        let vi = try Self.table("vi"), en = try Self.table("en")
        let commands = try Self.commands()
        #expect(commands.count > 50, "\(commands)")
        #expect(commands.contains { $0.path == ["council", "add-member"] } && commands.contains { $0.path == ["keys", "init"] })
        // Our help texts that differ between the languages: none of one may show in the other's help.
        let ours = en.keys.filter { ($0.hasPrefix("help.") || $0.hasPrefix("argparser.")) && en[$0] != vi[$0] }
        // (Not a text the other language's wording contains: a list of codes such as the promotion channels.)
        let englishOnly = ours.compactMap { k -> String? in
            let text = Self.flat(en[k]!)
            return text.count > 8 && !Self.flat(vi[k] ?? "").contains(text) ? text : nil
        }
        let vietnameseOnly = ours.compactMap { vi[$0] }.map(Self.flat).filter { $0.count > 8 }
        let key = try NSRegularExpression(pattern: "\\b(help|argparser|cli)\\.[a-z]")
        for (path, defaulting) in commands {
            let abstractKey = "help.\(path.isEmpty ? "dienhinh" : path.joined(separator: ".")).abstract"
            #expect(vi[abstractKey] != nil && en[abstractKey] != nil, "\(path): no \(abstractKey)")
            for (lang, table, foreign, headings, notHeadings) in [
                ("vi", vi, englishOnly, ["MÔ TẢ:", "CÁCH DÙNG:", "TUỲ CHỌN:", "Xem hướng dẫn."],
                 ["OVERVIEW:", "USAGE:", "OPTIONS:", "ARGUMENTS:", "SUBCOMMANDS:", "Show help information.", "(default", "(values:", " or "]),
                ("en", en, vietnameseOnly, ["OVERVIEW:", "USAGE:", "OPTIONS:", "Show help information."],
                 ["MÔ TẢ:", "CÁCH DÙNG:", "TUỲ CHỌN:", "ĐỐI SỐ:", "LỆNH CON:", "Xem hướng dẫn.", "mặc định"]),
            ] {
                let r = try Self.help(path, lang, defaulting: defaulting)
                #expect(r.status == 0, "\(path) \(lang): \(r.stderr)")
                #expect(r.stderr.isEmpty, "\(path) \(lang): \(r.stderr)")
                let out = Self.flat(r.stdout)
                if let abstract = table[abstractKey] { #expect(out.contains(Self.flat(abstract)), "\(path) \(lang): no abstract") }
                for h in headings { #expect(out.contains(h), "\(path) \(lang): no \(h)") }
                for h in notHeadings { #expect(!out.contains(h), "\(path) \(lang): \(h)\n\(r.stdout)") }
                for text in foreign { #expect(!out.contains(text), "\(path) \(lang): \"\(text)\" in\n\(r.stdout)") }
                #expect(key.numberOfMatches(in: out, range: NSRange(out.startIndex..., in: out)) == 0, "\(path) \(lang): a key shows in\n\(r.stdout)")
            }
        }
        // Subcommands are named in the language too.
        let root = try Self.help([], "vi", defaulting: true).stdout
        #expect(Self.subcommands(root, heading: "LỆNH CON:") == Self.subcommands(try Self.help([], "en", defaulting: true).stdout, heading: "SUBCOMMANDS:"))
    }

    @Test func usageErrorsInBothLanguagesKeepTheirCode() throws {
        let missingVi = try Binary.run(["import", "--lang", "vi"])
        #expect(missingVi.status == 64)
        #expect(missingVi.stderr.hasPrefix("Lỗi: Thiếu đối số bắt buộc '<what>'\n"), "\(missingVi.stderr)")
        #expect(missingVi.stderr.contains("\nCách dùng: dienhinh import "))
        #expect(missingVi.stderr.contains("Xem 'dienhinh import --help' để biết thêm."))
        #expect(missingVi.stdout.isEmpty)

        let missingEn = try Binary.run(["import", "--lang", "en"])
        #expect(missingEn.status == 64)
        #expect(missingEn.stderr.hasPrefix("Error: Missing expected argument '<what>'\n"), "\(missingEn.stderr)")
        #expect(missingEn.stderr.contains("See 'dienhinh import --help' for more information."))

        // Vietnamese by default (the tests run with LANG=C.UTF-8); an English LANG or --lang=en gives English.
        let unknownVi = try Binary.run(["units", "--frobnicate"])
        #expect(unknownVi.status == 64)
        #expect(unknownVi.stderr.hasPrefix("Lỗi: Không có tuỳ chọn '--frobnicate'"), "\(unknownVi.stderr)")
        let unknownEn = try Binary.run(["units", "--frobnicate"], env: ["LANG": "en_GB.UTF-8"])
        #expect(unknownEn.status == 64)
        #expect(unknownEn.stderr.hasPrefix("Error: Unknown option '--frobnicate'"), "\(unknownEn.stderr)")
        let unknownEnFlag = try Binary.run(["units", "--frobnicate", "--lang=en"])
        #expect(unknownEnFlag.stderr.hasPrefix("Error: Unknown option '--frobnicate'"), "\(unknownEnFlag.stderr)")

        let badValue = try Binary.run(["init", "--scale", "huge", "--lang", "vi"])
        #expect(badValue.status == 64)
        #expect(badValue.stderr.hasPrefix("Lỗi: Giá trị 'huge' không hợp lệ cho '--scale <scale>'. Hãy chọn một trong 'small', 'sector' hoặc 'stress'.\n"), "\(badValue.stderr)")

        // Our own usage messages too.
        let badLang = try Binary.run(["units", "--lang", "fr"])
        #expect(badLang.status == 64)
        #expect(badLang.stderr.hasPrefix("Lỗi: --lang phải là vi hoặc en\n"), "\(badLang.stderr)")
        let both = try Binary.run(["tui", "--kiosk", "R1", "--console", "S1", "--lang", "en"])
        #expect(both.status == 64)
        #expect(both.stderr.hasPrefix("Error: --kiosk and --console are for different terminals: give one\n"), "\(both.stderr)")

        // `help` and a command without its subcommand print the help, exit 0, in the language.
        let help = try Binary.run(["help", "council"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("MÔ TẢ: Thành viên Hội đồng."), "\(help.stdout)")
        let helpHelp = try Binary.run(["help", "help"])
        #expect(helpHelp.stdout.hasPrefix("MÔ TẢ: Xem hướng dẫn của một lệnh con.\n"), "\(helpHelp.stdout)")
        let bare = try Binary.run(["round"], env: ["LANG": "en_US.UTF-8"])
        #expect(bare.status == 0)
        #expect(bare.stdout.contains("SUBCOMMANDS:"))
    }
}
