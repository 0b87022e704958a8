import DienHinhCore
import Foundation
import XMLCoder

/// A real Office Open XML workbook (.xlsx) from a report: a summary sheet, then one sheet per table.
/// Sheet XML is encoded with XMLCoder (inline strings, so no shared-strings table is needed); the
/// header rows are bold through styles.xml; column widths follow the content.
public enum XLSXWriter {
    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// Style ids of styles.xml: 0 plain, 1 bold (headers), 2 bold and larger (the title), 3 a date (dd/mm/yyyy).
    enum StyleId: Int { case plain = 0, bold = 1, title = 2, date = 3 }

    // MARK: Sheet XML model

    // A sheet's model decodes too, so a test reads a written sheet back through the same shapes.

    /// A value written as XML attributes, but for the keys named as child elements.
    protocol Attributes: DynamicNodeEncoding {
        static var elements: Set<String> { get }
    }

    struct Worksheet: Codable {
        var sheetViews: SheetViews?
        var cols: Cols?
        var sheetData: SheetData
    }

    struct SheetViews: Codable {
        var sheetView: SheetView
    }

    struct SheetView: Codable, Attributes {
        var workbookViewId = 0
        var pane: Pane?
        static let elements: Set = ["pane"]
    }

    /// Keeps the header row in view while scrolling.
    struct Pane: Codable, Attributes {
        var ySplit = 1
        var topLeftCell = "A2"
        var activePane = "bottomLeft"
        var state = "frozen"
    }

    struct Cols: Codable {
        var col: [Col]
    }

    struct Col: Codable, Attributes {
        var min: Int
        var max: Int
        var width: Double
        var customWidth = 1
    }

    struct SheetData: Codable {
        var row: [XRow]
    }

    struct XRow: Codable, Attributes {
        var r: Int
        var c: [XCell]
        static let elements: Set = ["c"]
    }

    struct XCell: Codable, Attributes {
        var r: String
        var s: Int?
        var t: String?
        var v: String?
        var inline: InlineString?

        enum CodingKeys: String, CodingKey { case r, s, t, v, inline = "is" }
        static let elements: Set = ["v", "is"]
    }

    struct InlineString: Codable {
        var t: XText
    }

    /// `<t xml:space="preserve">…</t>`: leading and trailing spaces survive.
    struct XText: Codable, Attributes {
        var space = "preserve"
        var value: String
        enum CodingKeys: String, CodingKey { case space = "xml:space", value = "" }
        static let elements: Set = [""]
    }

    struct Workbook: Encodable {
        var sheets: Sheets
    }

    struct Sheets: Encodable {
        var sheet: [SheetRef]
    }

    struct SheetRef: Encodable, Attributes {
        var name: String
        var sheetId: Int
        var rid: String
        enum CodingKeys: String, CodingKey { case name, sheetId, rid = "r:id" }
    }

    // MARK: Building

    /// A cell grid with a style per row.
    struct Grid {
        var rows: [(cells: [ReportCell], style: StyleId)] = []
        var freezeHeader = false

        /// A table: its header in bold, then its rows.
        mutating func append(_ t: ReportTable) {
            rows.append((t.header.map(ReportCell.text), .bold))
            for r in t.rows { rows.append((r, .plain)) }
        }
    }

    static func column(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// Text a cell may hold: inert (no control character is legal in XML 1.0 anyway), at most 32,767 characters.
    static func cellText(_ t: String) -> String {
        String(ReportRenderer.clean(t).prefix(32_767))
    }

    static func sheetXML(_ grid: Grid) throws -> Data {
        var widths: [Int: Int] = [:]
        var xrows: [XRow] = []
        for (i, row) in grid.rows.enumerated() {
            var cells: [XCell] = []
            for (j, cell) in row.cells.enumerated() {
                let ref = column(j) + String(i + 1)
                let style: Int? = row.style == .plain ? nil : row.style.rawValue
                /// The cell, its column made as wide as `width` (nil: it sets no width).
                func put(_ cell: XCell, width: Int?) {
                    cells.append(cell)
                    if let width { widths[j] = max(widths[j] ?? 0, width) }
                }
                switch cell {
                case .number(let n):
                    put(XCell(r: ref, s: style, t: nil, v: String(n), inline: nil), width: String(n).count)
                case .text(let t):
                    let text = cellText(t)
                    if text.isEmpty { continue }
                    // A table's date or whole number is stored as one, so a spreadsheet sorts and sums it (issue 20).
                    if row.cells.count > 1, row.style == .plain, let serial = dateSerial(text) {
                        put(XCell(r: ref, s: StyleId.date.rawValue, t: nil, v: String(serial), inline: nil), width: 10)
                    } else if row.cells.count > 1, row.style == .plain, let n = wholeNumber(text) {
                        put(XCell(r: ref, s: nil, t: nil, v: String(n), inline: nil), width: text.count)
                    } else {
                        // Title and single-cell lines may run across; they do not set widths.
                        put(XCell(r: ref, s: style, t: "inlineStr", v: nil, inline: InlineString(t: XText(value: text))),
                            width: row.cells.count > 1 ? text.count : nil)
                    }
                }
            }
            if !cells.isEmpty { xrows.append(XRow(r: i + 1, c: cells)) }
        }
        let ncols = max(1, grid.rows.map(\.cells.count).max() ?? 1)
        let cols = (0..<ncols).map { j in
            Col(min: j + 1, max: j + 1, width: Double(min(60, max(10, (widths[j] ?? 10) + 2))))
        }
        let sheet = Worksheet(
            sheetViews: grid.freezeHeader ? SheetViews(sheetView: SheetView(pane: Pane())) : nil,
            cols: Cols(col: cols), sheetData: SheetData(row: xrows))
        return try encoder().encode(sheet, withRootKey: "worksheet", rootAttributes: ["xmlns": mainNS, "xmlns:r": relNS],
                                    header: XMLHeader(version: 1.0, encoding: "UTF-8", standalone: "yes"))
    }

    /// Excel's serial day (days since 1899-12-30) of a date written DD/MM/YYYY or YYYY-MM-DD; nil for anything
    /// else, an impossible date included (31/02/2019 stays text). From 1901 on: before March 1900 Excel counts a
    /// 29 February that never was.
    static func dateSerial(_ text: String) -> Int? {
        let parts: [Int]
        if text.count == 10, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "/" || $0 == "-") }) {
            let dmy = text.split(separator: "/").compactMap { Int($0) }
            let ymd = text.split(separator: "-").compactMap { Int($0) }
            if dmy.count == 3, text.hasPrefix(String(format: "%02d/", dmy[0])) { parts = [dmy[2], dmy[1], dmy[0]] }
            else if ymd.count == 3, text.hasPrefix(String(ymd[0])) { parts = ymd }
            else { return nil }
        } else { return nil }
        let (y, m, d) = (parts[0], parts[1], parts[2])
        guard (1901...9999).contains(y), (1...12).contains(m), d >= 1 else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard d <= days[m - 1] else { return nil }
        // Days from civil (Howard Hinnant's algorithm), then shifted to Excel's epoch.
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let unixDays = era * 146_097 + doe - 719_468
        return unixDays + 25_569
    }

    /// A whole number as a spreadsheet keeps it: digits only, no leading zero (an id like 0123 stays text), at most
    /// 15 digits (Excel's precision).
    static func wholeNumber(_ text: String) -> Int? {
        guard (1...15).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }), text == "0" || !text.hasPrefix("0") else { return nil }
        return Int(text)
    }

    static func encoder() -> XMLEncoder {
        let e = XMLEncoder()
        e.outputFormatting = []
        return e
    }

    /// Sheet names: at most 31 characters (28 and room for " 2"), cut at a word, none of `[]:*?/\`, unique in
    /// the workbook.
    static func sheetName(_ heading: String, taken: inout Set<String>) -> String {
        let whole = String(ReportRenderer.clean(heading).map { "[]:*?/\\".contains($0) ? "-" : $0 })
        var cut = whole.prefix(28)
        // Cut mid-word only when the first word alone is longer than a name may be.
        if whole.count > 28, let space = cut.lastIndex(where: { $0 == " " || $0 == "-" }), space > cut.startIndex {
            cut = cut[..<space]
        }
        var base = String(cut).trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "-–,.")))
        if base.isEmpty { base = "Sheet" }
        var name = base
        var n = 2
        while taken.contains(name.lowercased()) { name = "\(base) \(n)"; n += 1 }
        taken.insert(name.lowercased())
        return name
    }

    /// The workbook's bytes.
    public static func workbook(_ doc: ReportDocument) throws -> Data {
        var sheets: [(name: String, grid: Grid)] = []
        var taken = Set<String>()
        // The summary: title, subtitle, every section's heading and lines (and small tables inline).
        var summary = Grid()
        summary.rows.append(([.text(doc.title)], .title))
        for l in doc.subtitle { summary.rows.append(([.text(l)], .bold)) }
        for s in doc.sections {
            summary.rows.append(([], .plain))
            summary.rows.append(([.text(s.heading)], .bold))
            for l in s.lines { summary.rows.append(([.text(l)], .plain)) }
            if let t = s.table { summary.append(t) }
        }
        sheets.append((sheetName(doc.language == "en" ? "Summary" : "Tổng hợp", taken: &taken), summary))
        for s in doc.sections {
            guard let t = s.table, !t.rows.isEmpty else { continue }
            var g = Grid(freezeHeader: true)
            g.append(t)
            sheets.append((sheetName(s.heading, taken: &taken), g))
        }

        var parts: [(String, Data)] = []
        parts.append(("[Content_Types].xml", Data(contentTypes(sheets.count).utf8)))
        parts.append(("_rels/.rels", Data(OfficePackage.rootRelationships(main: "xl/workbook.xml").utf8)))
        let wb = Workbook(sheets: Sheets(sheet: sheets.enumerated().map { SheetRef(name: $0.element.name, sheetId: $0.offset + 1, rid: "rId\($0.offset + 1)") }))
        parts.append(("xl/workbook.xml", try encoder().encode(wb, withRootKey: "workbook", rootAttributes: ["xmlns": mainNS, "xmlns:r": relNS],
                                                              header: XMLHeader(version: 1.0, encoding: "UTF-8", standalone: "yes"))))
        parts.append(("xl/_rels/workbook.xml.rels", Data(workbookRels(sheets.count).utf8)))
        parts.append(("xl/styles.xml", Data(styles.utf8)))
        for (i, s) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(i + 1).xml", try sheetXML(s.grid)))
        }
        parts.append(("docProps/core.xml", Data(OfficePackage.core(title: doc.title).utf8)))
        return try OfficePackage.zip(parts, pathExtension: "xlsx")
    }

    static func contentTypes(_ n: Int) -> String {
        OfficePackage.contentTypes([
            ("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
            ("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
            OfficePackage.coreProperties,
        ] + (1...n).map { ("/xl/worksheets/sheet\($0).xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml") })
    }

    /// The sheets by number, then the styles.
    static func workbookRels(_ n: Int) -> String {
        OfficePackage.relationships((1...n).map { (.worksheet, "worksheets/sheet\($0).xml") } + [(.styles, "styles.xml")])
    }

    /// Fonts: 0 regular, 1 bold, 2 bold 14pt. Cell formats 0–2 use them in order.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>\
        <fonts count="3"><font><sz val="11"/><name val="Times New Roman"/></font>\
        <font><b/><sz val="11"/><name val="Times New Roman"/></font>\
        <font><b/><sz val="14"/><name val="Times New Roman"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}

extension XLSXWriter.Attributes {
    static var elements: Set<String> { [] }
    static func nodeEncoding(for key: CodingKey) -> XMLEncoder.NodeEncoding {
        elements.contains(key.stringValue) ? .element : .attribute
    }
}
