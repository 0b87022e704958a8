import ArgumentParser
import DienHinhApp
import DienHinhCore
import DienHinhResources
import DienHinhRuntime
import DienHinhStore
import Foundation
import NcursesBackend
import TerminalKit

/// Opens the database for the interface, creating the demo database on the very first run.
/// A voting terminal or the chair's console is `secret`: refused on a file others may read. Elsewhere such a file
/// is said on the first status line as well as on stderr, which the screen covers.
func openForInterface(_ global: GlobalOptions, secret: Bool = false) throws -> (AppDatabase, String?) {
    let s = global.strings
    if FileManager.default.fileExists(atPath: global.path) {
        let db = try global.open(secret: secret)
        let others = db.openToOthers
        return (db, others.isEmpty ? nil : s("store.shared_status", db.path))
    }
    let db = try reporting(s) { try AppDatabase.create(path: global.path, demo: .sector) }
    return (db, s("summary.created", global.path))
}

struct TUI: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: abstractText("help.tui.abstract"))

    @OptionGroup var global: GlobalOptions
    @Option(help: helpText("help.common.year-latest")) var year: Int?
    @Option(help: helpText("help.tui.kiosk"))
    var kiosk: String?
    @Option(help: helpText("help.tui.console")) var console: String?

    func validate() throws {
        if kiosk != nil && console != nil { throw ValidationError(commandLineStrings("cli.kiosk_or_console")) }
    }

    func run() throws {
        let s = global.strings
        let (db, created) = try openForInterface(global, secret: kiosk != nil || console != nil)
        let y = try reporting(s) { try year ?? db.defaultReviewYear() }
        try checkVotingTarget(db, kiosk: kiosk, console: console, s)
        let round = try kiosk.map { try kioskRound(db, $0, s) }
        // Who is at the keyboard, asked once (issue 14); a voting terminal and the chair's console sign with PINs.
        var status = created
        if kiosk == nil && console == nil && Operator.current() == nil && isatty(0) == 1 && isatty(1) == 1 {
            let answer = try OperatorEntry.ask(db, s)
            status = [created, answer].compactMap { $0 }.joined(separator: " ")
        }
        // The user's keys (issue 20); a voting terminal and the chair's console keep the standard ones, keys only.
        let voting = kiosk != nil || console != nil
        let (keymap, keyProblem) = voting ? (Keymap(mouse: false), nil) : Keymap.load(strings: s)
        if let keyProblem { status = [status, keyProblem].compactMap { $0 }.joined(separator: " ") }
        do {
            try NcursesBackend.run { backend in
                backend.enableMouse(keymap.mouse)
                let terminal = Terminal(backend: backend)
                var state = AppState(language: global.language, year: y, size: backend.size, message: status)
                state.keymap = keymap
                if let round { state = .kiosk(round: round, language: global.language, year: y, size: backend.size) }
                if let console { state = .console(session: console, language: global.language, year: y, size: backend.size) }
                let loop = AppLoop(state: state, runner: EffectRunner(db: db))
                loop.run(terminal: terminal)
            }
        } catch let e as NcursesError {
            throw refusal(1, s("tui.no_terminal", "\(e)"))
        }
    }
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: abstractText("help.render.abstract"))

    @OptionGroup var global: GlobalOptions
    @Argument(help: helpText("help.render.screen")) var screen: [String]
    @Option(help: helpText("help.render.size")) var size: String = "120x40"
    @Option(help: helpText("help.render.keys")) var keys: String = ""
    @Option(help: helpText("help.common.year-latest")) var year: Int?

    func validate() throws {
        let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, parts[0] > 0, parts[1] > 0, parts[0] <= 1000, parts[1] <= 1000 else {
            throw ValidationError(commandLineStrings("cli.size_invalid"))
        }
        guard let first = screen.first, ["browse", "profile"].contains(first) else {
            throw ValidationError(commandLineStrings("cli.screen_invalid"))
        }
        if first == "profile" && screen.count != 2 { throw ValidationError(commandLineStrings("cli.profile_needs_id")) }
        do { _ = try KeyScript.parse(keys) } catch { throw ValidationError("--keys: \(error)") }
    }

    func run() throws {
        try global.run { db, s in
            let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
            let y = try year ?? db.defaultReviewYear()
            let loop = AppLoop(state: AppState(language: global.language, year: y, size: Size(width: parts[0], height: parts[1])),
                               runner: EffectRunner(db: db))
            loop.start()
            if screen.first == "profile" {
                try db.namedCandidate(screen[1], s)
                loop.openProfile(screen[1])
            }
            loop.press(try KeyScript.parse(keys))
            FileHandle.standardOutput.write(Data((App.view(loop.state).lines(trimTrailingSpaces: true).joined(separator: "\n") + "\n").utf8))
        }
    }
}
