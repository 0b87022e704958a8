import DienHinhCore
import Foundation

/// One cell of a report table: text, or a number a spreadsheet can sum.
public enum ReportCell: Equatable, Sendable, ExpressibleByStringLiteral {
    case text(String)
    case number(Int)

    public init(stringLiteral value: String) { self = .text(value) }

    public var text: String {
        switch self {
        case .text(let t): t
        case .number(let n): String(n)
        }
    }
}

/// A table of a report: a header row and data rows.
public struct ReportTable: Equatable, Sendable {
    public var header: [String]
    public var rows: [[ReportCell]]
    /// Printed at the small table size on paper (the count minutes' long tables, to keep them on two pages).
    public var small = false
    /// Printed at the folder's table size (9.5 pt): the members' folder, whose history and verdict share one page.
    public var smallest = false
    /// On paper, each column's share of the text width (percent), where the writer's estimate from the text would
    /// wrap the column that matters; nil: from the text.
    public var shares: [Int]? = nil
    public init(header: [String], rows: [[ReportCell]], small: Bool = false, smallest: Bool = false) {
        self.header = header; self.rows = rows; self.small = small; self.smallest = smallest
    }
}

/// A titled part of a report: lines of text and at most one table.
public struct ReportSection: Equatable, Sendable {
    public var heading: String
    public var lines: [String]
    public var table: ReportTable?
    /// On paper, the section starts a new page (one candidate per page in the members' folder).
    public var newPage = false
    public init(heading: String, lines: [String] = [], table: ReportTable? = nil, newPage: Bool = false) {
        self.heading = heading; self.lines = lines; self.table = table; self.newPage = newPage
    }
}

/// A report independent of its format: rendered to CSV, Markdown, HTML and XLSX by `ReportRenderer`.
public struct ReportDocument: Equatable, Sendable {
    public var title: String
    public var subtitle: [String]
    public var sections: [ReportSection]
    /// The language of the headings (`vi` or `en`), for HTML's `lang`.
    public var language: String
    public init(title: String, subtitle: [String] = [], sections: [ReportSection], language: String = "vi") {
        self.title = title; self.subtitle = subtitle; self.sections = sections; self.language = language
    }
}

/// The output formats of `dienhinh report`.
public enum ReportFormat: String, CaseIterable, Sendable {
    case csv, xlsx, md, html

    public var fileExtension: String { rawValue }
}

/// Every format from one document. Data never reaches a file raw: control characters, escape sequences and
/// bidi controls become visible placeholders (`TextSafety.inert`) before any format's own escaping.
public enum ReportRenderer {
    public static func data(_ doc: ReportDocument, format: ReportFormat) throws -> Data {
        switch format {
        case .csv: return Data((CSVWriter.bom + csv(doc)).utf8)
        case .md: return Data(markdown(doc).utf8)
        case .html: return Data(html(doc).utf8)
        case .xlsx: return try XLSXWriter.workbook(doc)
        }
    }

    /// Inert text on one line (a newline inside a value would break a row).
    static func clean(_ s: String) -> String {
        TextSafety.inert(s.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " "))
    }

    // MARK: CSV

    /// RFC 4180 quoting, and never a cell a spreadsheet would run as a formula (`SpreadsheetGuard`).
    public static func csvField(_ t: String) -> String {
        CSVWriter.field(SpreadsheetGuard.protect(clean(t)))
    }

    public static func csv(_ doc: ReportDocument) -> String {
        var rows: [[String]] = [[doc.title]]
        rows += doc.subtitle.map { [$0] }
        for s in doc.sections {
            rows.append([])
            rows.append([s.heading])
            rows += s.lines.map { [$0] }
            if let t = s.table {
                rows.append(t.header)
                rows += t.rows.map { $0.map(\.text) }
            }
        }
        return rows.map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: Markdown

    /// Markdown-inert text: the characters that would make markup are escaped.
    public static func mdText(_ t: String) -> String {
        var out = ""
        for ch in clean(t) {
            if "\\`*_[]<>|#".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    public static func markdown(_ doc: ReportDocument) -> String {
        var o: [String] = ["# \(mdText(doc.title))", ""]
        for l in doc.subtitle { o.append("**\(mdText(l))**"); o.append("") }
        for s in doc.sections {
            o.append("## \(mdText(s.heading))")
            o.append("")
            for l in s.lines { o.append("- \(mdText(l))") }
            if !s.lines.isEmpty { o.append("") }
            if let t = s.table {
                o.append("| " + t.header.map(mdText).joined(separator: " | ") + " |")
                o.append("|" + t.header.map { _ in "---" }.joined(separator: "|") + "|")
                for r in t.rows { o.append("| " + r.map { mdText($0.text) }.joined(separator: " | ") + " |") }
                o.append("")
            }
        }
        return o.joined(separator: "\n")
    }

    // MARK: HTML

    public static func htmlText(_ t: String) -> String {
        var out = ""
        for ch in clean(t) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    public static func html(_ doc: ReportDocument) -> String {
        var o: [String] = [
            "<!DOCTYPE html>",
            "<html lang=\"\(doc.language == "en" ? "en" : "vi")\">",
            "<head>",
            "<meta charset=\"utf-8\">",
            "<title>\(htmlText(doc.title))</title>",
            "<style>",
            "body{font-family:\"Times New Roman\",serif;font-size:13pt;margin:2cm;color:#000}",
            "h1{font-size:16pt;text-align:center;text-transform:uppercase}",
            "h2{font-size:14pt;margin-top:1.2em}",
            ".sub{text-align:center;font-weight:bold}",
            "table{border-collapse:collapse;width:100%;margin:.5em 0}",
            "th,td{border:1px solid #000;padding:3px 6px;vertical-align:top}",
            "th{background:#eee}",
            "td.n{text-align:right}",
            "@media print{body{margin:0}h2{page-break-after:avoid}tr{page-break-inside:avoid}}",
            "</style>",
            "</head>",
            "<body>",
            "<h1>\(htmlText(doc.title))</h1>",
        ]
        for l in doc.subtitle { o.append("<p class=\"sub\">\(htmlText(l))</p>") }
        for s in doc.sections {
            o.append("<h2>\(htmlText(s.heading))</h2>")
            if !s.lines.isEmpty {
                o.append("<ul>")
                for l in s.lines { o.append("<li>\(htmlText(l))</li>") }
                o.append("</ul>")
            }
            if let t = s.table {
                o.append("<table>")
                o.append("<thead><tr>" + t.header.map { "<th>\(htmlText($0))</th>" }.joined() + "</tr></thead>")
                o.append("<tbody>")
                for r in t.rows {
                    o.append("<tr>" + r.map { c -> String in
                        if case .number(let n) = c { return "<td class=\"n\">\(n)</td>" }
                        return "<td>\(htmlText(c.text))</td>"
                    }.joined() + "</tr>")
                }
                o.append("</tbody>")
                o.append("</table>")
            }
        }
        o.append("</body>")
        o.append("</html>")
        return o.joined(separator: "\n") + "\n"
    }
}
