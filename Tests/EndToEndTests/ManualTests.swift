import Foundation
import Testing

/// `dienhinh manual` (what `make install` writes for `man dienhinh`): a section for every command, in the
/// interface's language, that `man` renders (issue 20).
@Suite struct ManualTests {
    @Test func everyCommandHasItsSectionInBothLanguages() throws {
        let top = try Binary.run(["--help"], env: ["LANG": "en_GB.UTF-8"]).stdout
        let listed = top.components(separatedBy: "\n").drop { !$0.hasPrefix("SUBCOMMANDS:") }.dropFirst()
            .prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .compactMap { line -> String? in
                let t = line.trimmingCharacters(in: .whitespaces)
                return line.hasPrefix("  ") && !line.hasPrefix("    ") && !t.isEmpty ? String(t.split(separator: " ")[0]) : nil
            }
        #expect(listed.count > 20)
        for (lang, name, overview) in [("vi", "TÊN", "MÔ TẢ:"), ("en", "NAME", "OVERVIEW:")] {
            let r = try Binary.run(["manual", "--lang", lang, "--date", "2026-12-07"])
            #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
            #expect(r.stdout.hasPrefix(".TH DIENHINH 1 \"2026-12-07\""))
            #expect(r.stdout.contains(".SH \(name)") && r.stdout.contains(overview))
            for command in listed {
                #expect(r.stdout.contains(".SH \"DIENHINH \(command.uppercased())"), "\(lang): no section for \(command)")
            }
            #expect(r.stdout.contains(".SH \"DIENHINH COUNCIL UNLOCK\""))
            // Where the user's own settings live: the operator and the key file (issue 20).
            #expect(r.stdout.contains(lang == "vi" ? ".SH TỆP" : ".SH FILES") && r.stdout.contains("keys.toml") && r.stdout.contains("operator.json"))
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/man") else { continue }
            let page = try Binary.tempDir().appendingPathComponent("dienhinh.1")
            try r.stdout.write(to: page, atomically: true, encoding: .utf8)
            let man = Process()
            man.executableURL = URL(fileURLWithPath: "/usr/bin/man")
            man.arguments = ["-l", page.path]
            man.environment = ["LANG": "C.UTF-8", "MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "80",
                               "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
            let out = Pipe()
            man.standardOutput = out
            man.standardError = Pipe()
            try man.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            man.waitUntilExit()
            #expect(man.terminationStatus == 0 && text.contains(overview), "\(lang): man -l rendered \(text.prefix(200))")
        }
    }
}
