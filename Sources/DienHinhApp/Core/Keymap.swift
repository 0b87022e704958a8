import DienHinhCore
import DienHinhResources
import Foundation
import TerminalKit

/// The user's own keys (issue 20): `keys.toml` in the config folder moves an action to another key.
///
/// An action is named by what the help overlay says it does: the string key of its label without `key.`
/// (`nominate`, `plan_log`, `sort`, …; `dienhinh` lists them in docs/KEYS.md). A moved action answers its new key
/// only; its old key then does nothing on that screen and says where the action went. Remaps act on the browsing
/// screens (levels, units, candidates, profile, dashboard, roll-up, plan logs) and never while text is typed or a
/// question is open; the council's screens and the ballot keep their keys, the same on every terminal.
///
/// ```toml
/// mouse = true          # false leaves the mouse to the terminal (selecting text to copy)
/// [keys]
/// nominate = "x"
/// plan_log = "<C-t>"    # key script names: <Enter>, <F5>, <C-x>, <Space>
/// ```
public struct Keymap: Equatable, Sendable {
    /// Action → the key that now does it.
    public var remaps: [String: Key] = [:]
    /// Whether the application asks the terminal for clicks and the wheel.
    public var mouse = true

    public init(remaps: [String: Key] = [:], mouse: Bool = true) {
        self.remaps = remaps
        self.mouse = mouse
    }

    /// Every action a key file may name: the help overlay's labels.
    public static var actions: Set<String> {
        Set(Strings.vi.keys.filter { $0.hasPrefix("key.") }.map { String($0.dropFirst(4)) })
    }

    /// `keys.toml` next to the operator file: `$DIENHINH_CONFIG_HOME`, `$XDG_CONFIG_HOME/dienhinh`, `~/.config/dienhinh`.
    public static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        ConfigFolder.path(environment: environment) + "/keys.toml"
    }

    /// The user's key file, or the standard keys and why the file was not used (for the status line): a
    /// mistake in it must not keep anybody out of the application.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment,
                            strings: Strings) -> (Keymap, problem: String?) {
        let file = path(environment: environment)
        guard let data = FileManager.default.contents(atPath: file) else { return (Keymap(), nil) }
        guard let text = String(data: data, encoding: .utf8) else {
            return (Keymap(), strings("keys.file_refused", "\(file): " + strings("keys.error.utf8")))
        }
        do { return (try parse(text, strings: strings), nil) } catch {
            return (Keymap(), strings("keys.file_refused", "\(file):\(error.line):\(error.column): \(error.message)"))
        }
    }

    /// A problem in the key file, with its line and column (1-based).
    public struct Problem: Error, Equatable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    /// Reads the small part of TOML a key file needs: comments, `mouse = true|false`, a `[keys]` table of
    /// `action = "key"`.
    public static func parse(_ text: String, strings s: Strings) throws(Problem) -> Keymap {
        var map = Keymap()
        var section = ""
        var setOn: [String: Int] = [:]
        let known = actions
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = n + 1
            var rest = Substring(raw.hasSuffix("\r") ? raw.dropLast() : raw)
            if line == 1, rest.first == "\u{FEFF}" { rest = rest.dropFirst() }
            func column(_ at: Substring.Index) -> Int { rest.distance(from: rest.startIndex, to: at) + 1 }
            let body = rest.drop { $0 == " " || $0 == "\t" }
            if body.isEmpty || body.first == "#" { continue }
            if body.first == "[" {
                guard let close = body.firstIndex(of: "]") else { throw Problem(line: line, column: column(body.startIndex), message: s("keys.error.section_open")) }
                section = body[body.index(after: body.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                guard section == "keys" else { throw Problem(line: line, column: column(body.startIndex), message: s("keys.error.section", section)) }
                try trailing(body[body.index(after: close)...], line: line, column: column, s)
                continue
            }
            guard let eq = body.firstIndex(of: "=") else { throw Problem(line: line, column: column(body.startIndex), message: s("keys.error.no_equals")) }
            var name = body[..<eq].trimmingCharacters(in: .whitespaces)
            if name.count >= 2, name.first == "\"" || name.first == "'", name.last == name.first { name = String(name.dropFirst().dropLast()) }
            let valueStart = body[body.index(after: eq)...].firstIndex { $0 != " " && $0 != "\t" } ?? body.endIndex
            if section.isEmpty, name == "mouse", !["true", "false"].contains(where: { body[valueStart...].hasPrefix($0) }) {
                throw Problem(line: line, column: column(valueStart), message: s("keys.error.bool"))
            }
            let (value, after) = try scalar(body[valueStart...], line: line, column: column, s)
            try trailing(after, line: line, column: column, s)
            if section.isEmpty {
                guard name == "mouse" else { throw Problem(line: line, column: column(body.startIndex), message: s("keys.error.setting", name)) }
                if case .bool(let on) = value { map.mouse = on }
                continue
            }
            guard known.contains(name) else {
                let near = known.sorted().first { NearMatch.oneEditApart(Array($0.utf8), Array(name.utf8)) }
                throw Problem(line: line, column: column(body.startIndex),
                              message: s("keys.error.action", name) + (near.map { " " + s("keys.error.did_you_mean", $0) } ?? ""))
            }
            guard case .text(let script) = value else { throw Problem(line: line, column: column(valueStart), message: s("keys.error.string")) }
            let keys: [Key]
            do { keys = try KeyScript.parse(script) } catch { throw Problem(line: line, column: column(valueStart), message: s("keys.error.key", script)) }
            guard keys.count == 1, let key = keys.first else { throw Problem(line: line, column: column(valueStart), message: s("keys.error.one_key", script)) }
            switch key {
            case .mouse, .resize, .ctrl("c"), .function(10):
                throw Problem(line: line, column: column(valueStart), message: s("keys.error.reserved", script))
            default: break
            }
            if let before = setOn[name] { throw Problem(line: line, column: column(body.startIndex), message: s("keys.error.again", name, before)) }
            if let other = map.remaps.first(where: { $0.value == key })?.key {
                throw Problem(line: line, column: column(valueStart), message: s("keys.error.taken", script, other, setOn[other] ?? 0))
            }
            setOn[name] = line
            map.remaps[name] = key
        }
        return map
    }

    private enum Value { case text(String), bool(Bool) }

    /// A quoted string (basic with `\"` `\\` escapes, or 'literal') or true/false, and what follows it.
    private static func scalar(_ text: Substring, line: Int, column: (Substring.Index) -> Int, _ s: Strings) throws(Problem) -> (Value, Substring) {
        for (word, on) in [("true", true), ("false", false)] where text.hasPrefix(word) {
            return (.bool(on), text.dropFirst(word.count))
        }
        guard let quote = text.first, quote == "\"" || quote == "'" else {
            throw Problem(line: line, column: column(text.startIndex), message: s("keys.error.string"))
        }
        var out = ""
        var i = text.index(after: text.startIndex)
        while i < text.endIndex {
            let c = text[i]
            if c == quote { return (.text(out), text[text.index(after: i)...]) }
            if c == "\\", quote == "\"" {
                let next = text.index(after: i)
                guard next < text.endIndex, text[next] == "\"" || text[next] == "\\" else {
                    throw Problem(line: line, column: column(i), message: s("keys.error.escape"))
                }
                out.append(text[next])
                i = text.index(after: next)
                continue
            }
            out.append(c)
            i = text.index(after: i)
        }
        throw Problem(line: line, column: column(text.startIndex), message: s("keys.error.unclosed"))
    }

    /// After a value or a section header only blanks and a comment may follow.
    private static func trailing(_ text: Substring, line: Int, column: (Substring.Index) -> Int, _ s: Strings) throws(Problem) {
        guard let c = text.firstIndex(where: { $0 != " " && $0 != "\t" }), text[c] != "#" else { return }
        throw Problem(line: line, column: column(c), message: s("keys.error.trailing"))
    }

    /// The key a help entry names, when it names exactly one (`N`, `Enter`, `Ctrl-F`, `F1`; not `g/G` or `1-4`).
    static func key(shown: String) -> Key? {
        if shown.count == 1, let c = shown.first { return .char(c) }
        if shown.contains(" ") || shown.contains("/") { return nil }
        return KeyScript.key(named: shown)
    }

    /// How a key is written in the bar and the help overlay, as the standard keys are.
    static func shown(_ key: Key) -> String {
        switch key {
        case .char(" "): return "Space"
        case .char(let c): return String(c)
        case .ctrl(let c): return "Ctrl-" + c.uppercased()
        case .escape: return "Esc"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        default: return String(KeyScript.name(of: key).dropFirst().dropLast())
        }
    }
}

extension App {
    /// Where the key file's remaps act: a browsing screen, no text field, overlay or question open.
    static func remapsApply(_ state: AppState) -> Bool {
        guard !state.keymap.remaps.isEmpty, state.search == nil, state.nominate == nil,
              state.forms.offers.isEmpty, state.forms.confirm == nil, ListFilters.filter(state.screen)?.editing != true,
              SecretariatView.keys(state) == nil, FormsView.keys(state) == nil else { return false }
        switch state.screen {
        case .levels, .units, .candidates, .profile: return true
        case .dashboard(let d): return d.exportField == nil
        case .rollup(let r): return r.withdraw == nil
        case .planLog(let p): return p.entry == nil
        default: return false
        }
    }

    /// The moves in force on this screen: for each remapped action its standard key and its new one.
    static func moves(_ state: AppState, _ standard: [(key: String, label: String, inBar: Bool)]) -> [(label: String, from: Key, to: Key)] {
        guard remapsApply(state) else { return [] }
        return state.keymap.remaps.sorted { $0.key < $1.key }.compactMap { action, to in
            guard let entry = standard.first(where: { $0.label == "key." + action && Keymap.key(shown: $0.key) != nil }) else { return nil }
            return ("key." + action, Keymap.key(shown: entry.key)!, to)
        }
    }

    /// A pressed key as the screens understand it: a remapped action's new key becomes its standard key; the
    /// standard key of a moved action becomes nothing (nil) and the status line says where it went.
    static func translate(_ state: inout AppState, _ key: Key) -> Key? {
        guard !state.keymap.remaps.isEmpty else { return key }  // every key press: no work without a key file
        let moved = moves(state, standardKeys(state))
        if let m = moved.first(where: { $0.to == key }) { return m.from }
        if let m = moved.first(where: { $0.from == key }) {
            state.message = state.strings("keys.moved", Keymap.shown(m.from), state.strings(m.label), Keymap.shown(m.to))
            return nil
        }
        return key
    }

    /// The standard keys with the key file's moves: a moved action under its new key, and an entry whose key
    /// now does another action left out (it no longer does what it says).
    static func remapped(_ state: AppState, _ standard: [(key: String, label: String, inBar: Bool)]) -> [(key: String, label: String, inBar: Bool)] {
        let moved = moves(state, standard)
        guard !moved.isEmpty else { return standard }
        var done = Set<String>()
        let taken = Set(moved.map(\.to))
        return standard.compactMap { entry in
            if let m = moved.first(where: { $0.label == entry.label }), !done.contains(entry.label), Keymap.key(shown: entry.key) == m.from {
                done.insert(entry.label)
                return (Keymap.shown(m.to), entry.label, entry.inBar)
            }
            if let k = Keymap.key(shown: entry.key), taken.contains(k) { return nil }
            return entry
        }
    }
}
