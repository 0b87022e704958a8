import Foundation

/// The interface's two languages; Vietnamese unless asked otherwise.
public enum Language: String, CaseIterable, Sendable {
    case vi, en

    /// `--lang` wins; else an English `LANG`/`LC_ALL`/`LC_MESSAGES` picks English; else Vietnamese.
    public static func resolve(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        if let flag, let l = Language(rawValue: flag.lowercased()) { return l }
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = environment[key], !v.isEmpty {
                return v.lowercased().hasPrefix("en") ? .en : .vi
            }
        }
        return .vi
    }
}

/// Every visible string, looked up by key from `data/strings/<lang>.json`; `{0}`, `{1}` … are arguments.
public struct Strings: Sendable {
    public let language: Language
    private let table: [String: String]

    public init(_ language: Language) {
        self.language = language
        self.table = Strings.load(language)
    }

    /// The English table, read the first time a Vietnamese key is missing (a test catches those), not at every start.
    private static let fallback = load(.en)

    static func load(_ language: Language) -> [String: String] {
        let data = DienHinhResources.data("strings/\(language.rawValue).json")
        var table = StringTable.parse(data) ?? (try? JSONDecoder().decode([String: String].self, from: data)) ?? [:]
        // Award names live once, in the catalog: expose them as `award.<CODE>`.
        struct Award: Decodable { var code: String; var vi: String; var en: String }
        for a in (try? JSONDecoder().decode([Award].self, from: DienHinhResources.data("awards.json"))) ?? [] {
            table["award.\(a.code)"] = language == .en ? a.en : a.vi
        }
        return table
    }

    public static let vi = Strings(.vi)
    public static let en = Strings(.en)
    public static func `for`(_ language: Language) -> Strings { language == .en ? en : vi }

    /// The text for `key` with its arguments; a missing key shows itself so a test can catch it.
    public func callAsFunction(_ key: String, _ args: CustomStringConvertible...) -> String {
        format(key, args.map(\.description))
    }

    public func format(_ key: String, _ args: [String]) -> String {
        let template = table[key] ?? (language == .en ? nil : Strings.fallback[key]) ?? key
        guard !args.isEmpty else { return template }
        // One pass over the template: views are drawn on every key press, and Foundation's
        // replacingOccurrences costs microseconds per call on Linux.
        var out = ""
        out.reserveCapacity(template.utf8.count + 16)
        var chars = template.unicodeScalars[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "{", let close = chars.firstIndex(of: "}"),
               let n = Int(String(chars[..<close])), args.indices.contains(n) {
                out += args[n]
                chars = chars[chars.index(after: close)...]
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }

    public func has(_ key: String) -> Bool { table[key] != nil }
    public var keys: [String] { Array(table.keys) }
}
