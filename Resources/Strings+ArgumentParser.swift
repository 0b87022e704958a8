import Foundation

extension Strings {
    /// The fixed English phrases swift-argument-parser writes into help screens and usage errors, as `argparser.*`
    /// keys: the English table holds the phrase as the library writes it (`{0}`, `{1}` where it puts a name or a
    /// value), the user's table its wording. Longer phrases come before the shorter ones they begin with.
    public static let argumentParserKeys: [String] = [
        "argparser.overview", "argparser.usage_heading", "argparser.arguments", "argparser.options",
        "argparser.subcommands", "argparser.usage", "argparser.error", "argparser.help",
        "argparser.show_help", "argparser.help_command", "argparser.detailed_help", "argparser.more_info", "argparser.default_subcommand",
        "argparser.values", "argparser.default",
        "argparser.unknown_option_suggestion", "argparser.unknown_option", "argparser.missing_argument",
        "argparser.missing_one_of", "argparser.missing_value_for", "argparser.no_value_expected",
        "argparser.unexpected_argument", "argparser.unexpected_arguments", "argparser.invalid_value_for",
        "argparser.invalid_value", "argparser.provide_one_of_following", "argparser.provide_one_of_or",
        "argparser.provide_one_of_and", "argparser.invalid_option", "argparser.missing_subcommand",
        "argparser.already_set",
    ]

    /// Keys whose phrase starts a line (headings, `Usage:`, `Error:`); the others may stand anywhere.
    private static let lineStart: Set<String> = [
        "argparser.overview", "argparser.usage_heading", "argparser.arguments", "argparser.options",
        "argparser.subcommands", "argparser.usage", "argparser.error", "argparser.help",
    ]

    /// swift-argument-parser's help screen or error message with its fixed phrases in this table's language.
    /// Help text of our own is already in the user's language (it comes from the `help.*` keys); where a phrase
    /// changes length before a column of two or more spaces, the column is kept.
    public func argumentParserText(_ text: String) -> String {
        var out = text
        for key in Strings.argumentParserKeys {
            let english = Strings.en.format(key, [])
            let wording = format(key, [])
            guard english != wording, let regex = Strings.pattern(english, key: key) else { continue }
            out = Strings.replace(regex, in: out, with: wording, keepColumn: key == "argparser.default_subcommand")
        }
        return out
    }

    /// The English phrase as a regular expression: `{n}` a value on the line (the last one, at the end, as long
    /// as the line allows); `default:` only where the library writes it, after `(` or `;`.
    private static func pattern(_ english: String, key: String) -> NSRegularExpression? {
        var p = ""
        var rest = english[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}"),
              Int(rest[rest.index(after: open)..<close]) != nil {
            p += NSRegularExpression.escapedPattern(for: String(rest[..<open]))
            rest = rest[rest.index(after: close)...]
            p += rest.isEmpty ? "([^\\n]*)" : "([^\\n]*?)"
        }
        p += NSRegularExpression.escapedPattern(for: String(rest))
        if lineStart.contains(key) { p = "^" + p }
        if key == "argparser.default" { p = "(?<=[(;]\\s{0,40})" + p }
        return try? NSRegularExpression(pattern: p, options: [.anchorsMatchLines])
    }

    /// Every match replaced by the wording, `{n}` filled with what the match held there.
    private static func replace(_ regex: NSRegularExpression, in text: String, with wording: String, keepColumn: Bool) -> String {
        let ns = text as NSString
        var out = ""
        var last = 0
        for m in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            let values = (1..<max(m.numberOfRanges, 1)).map { ns.substring(with: m.range(at: $0)) }
            let replacement = Strings.fill(wording, values)
            out += replacement
            last = m.range.location + m.range.length
            if keepColumn {
                // A label in the column left of the abstracts: as many spaces fewer as the label grew.
                var spaces = 0
                while last + spaces < ns.length, ns.character(at: last + spaces) == 0x20 { spaces += 1 }
                let grown = replacement.count - ns.substring(with: m.range).count
                if spaces >= 2 {
                    out += String(repeating: " ", count: max(2, spaces - grown))
                    last += spaces
                }
            }
        }
        return out + ns.substring(from: last)
    }

    private static func fill(_ template: String, _ values: [String]) -> String {
        var s = template
        for (i, v) in values.enumerated() { s = s.replacingOccurrences(of: "{\(i)}", with: v) }
        return s
    }
}
