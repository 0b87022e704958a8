import DienHinhCore
import Foundation

/// One who signs a document: the role above the hint "(Ký, ghi rõ họ tên)", the name below the space for the signature.
public struct DocumentSigner: Equatable, Sendable {
    public var role: String
    /// The name; several lines ("\n") are several people signing under one role, each with their own space.
    public var name: String
    public init(role: String, name: String) { self.role = role; self.name = name }
}

/// What makes a report a state document (Nghị định 30/2020/NĐ-CP, Phụ lục I): the issuing body, the số/ký hiệu,
/// the place and date, the recipients (Nơi nhận) and the signers. The wording comes from the strings tables.
public struct OfficialFrame: Equatable, Sendable {
    /// The body above the issuer (cơ quan chủ quản), upper case, regular weight; nil when there is none.
    public var parentBody: String?
    /// The issuing body, upper case, bold.
    public var issuingBody: String
    public var nationalTitle: String
    public var motto: String
    /// "Số: ……/BB-HĐTĐKT": the number is left for the secretariat, who registers the document.
    public var number: String
    /// "Hà Nội, ngày 06 tháng 12 năm 2026".
    public var placeDate: String
    /// The summary line under the title (trích yếu), e.g. "Về việc …"; nil for minutes.
    public var summary: String?
    /// "Nơi nhận:" and its lines; empty for minutes, which are filed rather than sent.
    public var recipientsHeading: String
    public var recipients: [String]
    public var signHint: String
    public var signers: [DocumentSigner]

    public init(parentBody: String?, issuingBody: String, nationalTitle: String, motto: String, number: String, placeDate: String,
                summary: String? = nil, recipientsHeading: String, recipients: [String] = [], signHint: String,
                signers: [DocumentSigner]) {
        self.parentBody = parentBody; self.issuingBody = issuingBody; self.nationalTitle = nationalTitle; self.motto = motto
        self.number = number; self.placeDate = placeDate; self.summary = summary; self.recipientsHeading = recipientsHeading
        self.recipients = recipients; self.signHint = signHint; self.signers = signers
    }
}

/// A Word document (WordprocessingML, .docx) in the layout of Nghị định 30/2020/NĐ-CP on công tác văn thư, Phụ lục I.
/// This is the one place that knows the page and style rules; every signed document of the council goes through it,
/// and the PDF is LibreOffice's rendering of the same file, never a second layout.
public enum DocxWriter {
    /// Page and type rules of Phụ lục I (Nghị định 30/2020/NĐ-CP), in twentieths of a point (twips) and half-points.
    public enum Page {
        static let mm = 56.6929  // twips in a millimetre
        /// A4, portrait: 210 × 297 mm.
        public static let width = 11906, height = 16838
        /// Margins: top 20–25 mm, bottom 20–25 mm, left 30–35 mm, right 15–20 mm; the lower bound of each.
        public static let top = Int((20 * mm).rounded()), bottom = Int((20 * mm).rounded())
        public static let left = Int((30 * mm).rounded()), right = Int((15 * mm).rounded())
        /// The header that carries the page number (from page 2) sits 10 mm from the edge.
        public static let headerDistance = Int((10 * mm).rounded())
        public static var textWidth: Int { width - left - right }
        /// Times New Roman throughout; body 13–14 pt: 13 pt, so a round's minutes fit on two pages.
        public static let font = "Times New Roman"
        public static let body = 26, title = 28, nationalTitle = 24, motto = 26, table = 24, tableSmall = 22, tableSmallest = 20, tableFolder = 18, recipients = 22, recipientsHeading = 24
    }

    static let wNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let rNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    // MARK: XML pieces

    static func esc(_ t: String) -> String { ReportRenderer.htmlText(t) }

    struct Run {
        var text: String
        var bold = false, italic = false
        var size: Int? = nil
    }

    static func run(_ r: Run) -> String {
        var props = ""
        if r.bold { props += "<w:b/><w:bCs/>" }
        if r.italic { props += "<w:i/><w:iCs/>" }
        if let sz = r.size { props += "<w:sz w:val=\"\(sz)\"/><w:szCs w:val=\"\(sz)\"/>" }
        return "<w:r>" + (props.isEmpty ? "" : "<w:rPr>\(props)</w:rPr>") + "<w:t xml:space=\"preserve\">\(esc(r.text))</w:t></w:r>"
    }

    enum Align: String { case left, center, right, both }

    static func para(_ runs: [Run], align: Align = .left, firstLine: Int = 0, before: Int = 0, after: Int = 0,
                     keepNext: Bool = false, single: Bool = false) -> String {
        var p = "<w:pPr>"
        if keepNext { p += "<w:keepNext/>" }
        p += "<w:spacing w:before=\"\(before)\" w:after=\"\(after)\"\(single ? " w:line=\"240\" w:lineRule=\"auto\"" : "")/>"
        if firstLine > 0 { p += "<w:ind w:firstLine=\"\(firstLine)\"/>" }
        p += "<w:jc w:val=\"\(align.rawValue)\"/></w:pPr>"
        return "<w:p>\(p)" + runs.map(run).joined() + "</w:p>"
    }

    static func para(_ text: String, bold: Bool = false, italic: Bool = false, size: Int? = nil, align: Align = .left,
                     firstLine: Int = 0, before: Int = 0, after: Int = 0, keepNext: Bool = false, single: Bool = false) -> String {
        para([Run(text: text, bold: bold, italic: italic, size: size)], align: align, firstLine: firstLine, before: before,
             after: after, keepNext: keepNext, single: single)
    }

    /// Vertical space of exactly `twips` as an empty paragraph (a table must be followed by one): an empty paragraph
    /// in the body's type would take a whole line, which the members' folder page cannot spare.
    static func gap(_ twips: Int) -> String {
        "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"\(max(twips, 20))\" w:lineRule=\"exact\"/>"
            + "<w:rPr><w:sz w:val=\"4\"/></w:rPr></w:pPr></w:p>"
    }

    /// The short solid line under the issuing body and under the motto (Phụ lục I, mục II): a top border on an
    /// empty, indented paragraph, so its length is the column's width less the two indents.
    static func rule(indent: Int) -> String {
        "<w:p><w:pPr><w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>"
            + "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/>"
            + "<w:ind w:left=\"\(indent)\" w:right=\"\(indent)\"/><w:rPr><w:sz w:val=\"8\"/></w:rPr></w:pPr></w:p>"
    }

    static func cell(_ width: Int, _ content: String, borders: Bool, shade: Bool = false) -> String {
        var pr = "<w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
        if shade { pr += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7E6E6\"/>" }
        if !borders { pr += "<w:tcBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/></w:tcBorders>" }
        return "<w:tc><w:tcPr>\(pr)</w:tcPr>\(content.isEmpty ? "<w:p/>" : content)</w:tc>"
    }

    /// A table centred in the text column, or starting `indent` twips left of the margin (negative: into it).
    static func table(widths: [Int], rows: [String], borders: Bool, indent: Int? = nil) -> String {
        let b = borders
            ? "<w:tblBorders>" + ["top", "left", "bottom", "right", "insideH", "insideV"]
                .map { "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>" }.joined() + "</w:tblBorders>"
            : ""
        let place = indent.map { "<w:jc w:val=\"left\"/><w:tblInd w:w=\"\($0)\" w:type=\"dxa\"/>" } ?? "<w:jc w:val=\"center\"/>"
        return "<w:tbl><w:tblPr><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/>\(place)\(b)"
            + "<w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"70\" w:type=\"dxa\"/><w:right w:w=\"70\" w:type=\"dxa\"/></w:tblCellMar>"
            + "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr>"
            + "<w:tblGrid>" + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>" + rows.joined() + "</w:tbl>"
    }

    /// A row; a header row repeats at the top of every page the table runs onto, and no row splits across pages.
    static func row(_ cells: [String], header: Bool = false) -> String {
        "<w:tr><w:trPr><w:cantSplit/>\(header ? "<w:tblHeader/>" : "")</w:trPr>" + cells.joined() + "</w:tr>"
    }

    // MARK: The parts of the document

    /// Phụ lục I, mục II: the issuer and the number on the left, the national title, motto and the place/date line on the right.
    static func masthead(_ f: OfficialFrame) -> String {
        // The two columns reach a little into the margins (12 mm left, 3 mm right), as the state's templates do, so
        // "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO" and the national title each stay on one line at 12 pt.
        let out = Int(12 * Page.mm), outRight = Int(3 * Page.mm)
        let width = Page.textWidth + out + outRight
        let leftW = width * 43 / 100, rightW = width - leftW
        var left = ""
        if let parent = f.parentBody { left += para(parent.uppercased(), size: Page.nationalTitle, align: .center) }
        left += para(f.issuingBody.uppercased(), bold: true, size: Page.nationalTitle, align: .center)
        left += rule(indent: leftW * 3 / 10)
        left += para(f.number, size: Page.body, align: .center, before: 60)
        var right = para(f.nationalTitle.uppercased(), bold: true, size: Page.nationalTitle, align: .center)
        right += para(f.motto, bold: true, size: Page.motto, align: .center)
        right += rule(indent: rightW * 22 / 100)
        right += para(f.placeDate, italic: true, size: Page.body, align: .center, before: 60)
        return table(widths: [leftW, rightW], rows: [row([cell(leftW, left, borders: false), cell(rightW, right, borders: false)])],
                     borders: false, indent: -out)
    }

    static func body(_ doc: ReportDocument, frame: OfficialFrame) -> String {
        var o = masthead(frame)
        o += para(doc.title.uppercased(), bold: true, size: Page.title, align: .center, before: 240, keepNext: true)
        if let s = frame.summary { o += para(s, bold: true, size: Page.title, align: .center, keepNext: true) }
        for l in doc.subtitle { o += para(l, bold: true, size: Page.body, align: .center, keepNext: true) }
        o += para("", after: 60)
        for s in doc.sections {
            if s.newPage { o += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>" }
            if !s.heading.isEmpty { o += para(s.heading, bold: true, size: Page.body, align: .both, before: 100, after: 20, keepNext: true) }
            for l in s.lines { o += para(l, size: Page.body, align: .both, firstLine: 567, after: 20) }
            if let t = s.table { o += dataTable(t) }
        }
        o += signatures(frame)
        return o
    }

    /// How wide a text is in Times New Roman, in hundredths of an em: capitals about two thirds of an em (a
    /// fingerprint "1MJY-SE4M-WJTX-Y1NX" is mostly capitals), digits half, lower case under half, spaces and
    /// punctuation under a third. Good enough to size columns so that words do not break.
    static func emWidth(_ text: Substring) -> Int {
        text.unicodeScalars.reduce(0) { sum, u in
            let c = Character(u)
            if u.properties.generalCategory == .nonspacingMark { return sum }
            if c.isNumber { return sum + 50 }
            if c.isUppercase { return sum + (c == "I" || c == "J" ? 38 : (c == "M" || c == "W" ? 90 : 68)) }
            if c.isLowercase { return sum + (c == "m" || c == "w" ? 75 : (c == "i" || c == "l" || c == "t" || c == "f" || c == "j" ? 30 : 47)) }
            switch c {
            case "%": return sum + 85
            case "–", "&", "@": return sum + 78
            case "—": return sum + 100
            default: return sum + 30
            }
        }
    }

    /// Column widths for a table at a type size (half-points): each column at least as wide as its header's widest
    /// word and its cells' widest word (ids and codes included), so words never break; what is left goes to the
    /// columns in proportion to their text, long texts counted as 20 ems (they wrap). Nil when the floors alone are
    /// wider than the text.
    static func widths(_ t: ReportTable, size: Int) -> [Int]? {
        let n = max(t.header.count, t.rows.map(\.count).max() ?? 0)
        guard n > 0 else { return [] }
        func widestWord(_ text: String) -> Int { text.split(separator: " ").map(emWidth).max() ?? 0 }
        var word = [Int](repeating: 100, count: n), length = [Int](repeating: 100, count: n)
        // Bold header words are wider: counted at 1.2 times.
        for (i, h) in t.header.enumerated() { word[i] = max(word[i], widestWord(h) * 12 / 10) }
        for r in t.rows {
            for (i, c) in r.enumerated() where i < n {
                word[i] = max(word[i], min(widestWord(c.text), 1400)); length[i] = max(length[i], emWidth(Substring(c.text)))
            }
        }
        // An em is the type size: `size` half-points are size * 10 twips; 160 twips of cell margins and slack.
        func twips(_ hundredths: Int) -> Int { hundredths * size * 10 / 100 + 160 }
        let floor = (0..<n).map { twips(word[$0]) }
        let extra = (0..<n).map { max(0, twips(max(word[$0], min(length[$0], 2000))) - floor[$0]) }
        let room = Page.textWidth - floor.reduce(0, +), wanted = extra.reduce(0, +)
        guard room >= 0 else { return nil }
        var out = wanted == 0 ? floor.map { $0 + room / n } : (0..<n).map { floor[$0] + room * extra[$0] / wanted }
        out[n - 1] += Page.textWidth - out.reduce(0, +)
        return out
    }

    /// A bordered table at 12 pt (11 pt when the document asks for it), smaller when its words would not fit
    /// (10 pt for the fingerprints' three pairs of columns); the header row repeats on every page.
    static func dataTable(_ t: ReportTable) -> String {
        var size = t.smallest ? Page.tableFolder : t.small ? Page.tableSmall : Page.table
        var ws = widths(t, size: size)
        if ws == nil, size > Page.tableSmall { size = Page.tableSmall; ws = widths(t, size: size) }
        if ws == nil { size = Page.tableSmallest; ws = widths(t, size: size) }
        if let shares = t.shares, !shares.isEmpty {
            var given = shares.map { Page.textWidth * $0 / shares.reduce(0, +) }
            given[given.count - 1] += Page.textWidth - given.reduce(0, +)
            ws = given
        }
        let n = max(t.header.count, t.rows.map(\.count).max() ?? 0)
        let widths = ws ?? [Int](repeating: Page.textWidth / max(n, 1), count: n)
        guard !widths.isEmpty else { return "" }
        var rows = [row(t.header.enumerated().map { i, h in
            cell(widths[i], para(h, bold: true, size: size, align: .center, single: true), borders: true, shade: true)
        }, header: true)]
        for r in t.rows {
            rows.append(row(widths.indices.map { i in
                let c = i < r.count ? r[i] : .text("")
                if case .number = c { return cell(widths[i], para(c.text, size: size, align: .center, single: true), borders: true) }
                return cell(widths[i], para(c.text, size: size, single: true), borders: true)
            }))
        }
        return table(widths: widths, rows: rows, borders: true) + gap(120)
    }

    /// Nơi nhận at the bottom left and the signers on the right (Phụ lục I, mục II.8–9); minutes with several signers
    /// put them side by side, up to three to a row, each with its role, the hint and the space for the signature.
    static func signatures(_ f: OfficialFrame) -> String {
        func block(_ s: DocumentSigner) -> String {
            s.role.split(separator: "\n").map { para($0.uppercased(), bold: true, size: Page.body, align: .center, keepNext: true) }
                .joined()
                + para(f.signHint, italic: true, size: Page.body, align: .center, keepNext: true)
                // One signing space per name: a counting committee signs as one block, each member on their line.
                + s.name.split(separator: "\n", omittingEmptySubsequences: false).map {
                    para(String($0), bold: true, size: Page.body, align: .center, before: 900, keepNext: true)
                }.joined()
        }
        var rows: [String] = []
        if !f.recipients.isEmpty || f.signers.count <= 1 {
            let leftW = Page.textWidth * 45 / 100, rightW = Page.textWidth - leftW
            var left = ""
            if !f.recipients.isEmpty {
                left = para(f.recipientsHeading, bold: true, italic: true, size: Page.recipientsHeading)
                    + f.recipients.map { para("- " + $0, size: Page.recipients) }.joined()
            }
            let right = f.signers.map(block).joined()
            rows.append(row([cell(leftW, left, borders: false), cell(rightW, right, borders: false)]))
            return gap(240) + table(widths: [leftW, rightW], rows: rows, borders: false)
        }
        let perRow = min(3, f.signers.count)
        let w = Page.textWidth / perRow
        var i = 0
        while i < f.signers.count {
            let chunk = Array(f.signers[i..<min(i + perRow, f.signers.count)])
            rows.append(row((0..<perRow).map { k in cell(w, k < chunk.count ? block(chunk[k]) : "", borders: false) }))
            i += perRow
        }
        return gap(240) + table(widths: [Int](repeating: w, count: perRow), rows: rows, borders: false)
    }

    /// The page number at the top centre from page 2 on; the first page (title page) has an empty header (`titlePg`).
    static let pageNumberHeader = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:hdr xmlns:w="\(wNS)"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>\
        <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>\
        <w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>
        """

    static let emptyHeader = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:hdr xmlns:w="\(wNS)"><w:p/></w:hdr>
        """

    static var sectionProperties: String {
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId2\"/><w:headerReference w:type=\"first\" r:id=\"rId3\"/>"
            + "<w:pgSz w:w=\"\(Page.width)\" w:h=\"\(Page.height)\"/>"
            + "<w:pgMar w:top=\"\(Page.top)\" w:right=\"\(Page.right)\" w:bottom=\"\(Page.bottom)\" w:left=\"\(Page.left)\" "
            + "w:header=\"\(Page.headerDistance)\" w:footer=\"\(Page.headerDistance)\" w:gutter=\"0\"/><w:titlePg/></w:sectPr>"
    }

    static var styles: String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="\(wNS)"><w:docDefaults><w:rPrDefault><w:rPr>\
        <w:rFonts w:ascii="\(Page.font)" w:hAnsi="\(Page.font)" w:eastAsia="\(Page.font)" w:cs="\(Page.font)"/>\
        <w:sz w:val="\(Page.body)"/><w:szCs w:val="\(Page.body)"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/>\
        </w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault>\
        </w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:rPr>\
        <w:rFonts w:ascii="\(Page.font)" w:hAnsi="\(Page.font)" w:eastAsia="\(Page.font)" w:cs="\(Page.font)"/>\
        <w:sz w:val="\(Page.body)"/><w:szCs w:val="\(Page.body)"/></w:rPr></w:style>\
        <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr>\
        <w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>\
        <w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>
        """
    }

    static let contentTypes = OfficePackage.contentTypes([
        ("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
        ("/word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"),
        ("/word/header1.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"),
        ("/word/header2.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"),
        OfficePackage.coreProperties,
    ])

    static let documentRels = OfficePackage.relationships([(.styles, "styles.xml"), (.header, "header1.xml"), (.header, "header2.xml")])

    /// The document's XML (word/document.xml), exposed for tests.
    public static func documentXML(_ doc: ReportDocument, frame: OfficialFrame) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"\(wNS)\" xmlns:r=\"\(rNS)\"><w:body>"
            + body(doc, frame: frame) + sectionProperties + "</w:body></w:document>"
    }

    /// The .docx file: the same report is byte-identical from run to run (fixed timestamps, fixed part order).
    public static func document(_ doc: ReportDocument, frame: OfficialFrame) throws -> Data {
        let parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", OfficePackage.rootRelationships(main: "word/document.xml")),
            ("word/document.xml", documentXML(doc, frame: frame)),
            ("word/_rels/document.xml.rels", documentRels),
            ("word/styles.xml", styles),
            ("word/header1.xml", pageNumberHeader),
            ("word/header2.xml", emptyHeader),
            ("docProps/core.xml", OfficePackage.core(title: doc.title)),
        ]
        return try OfficePackage.zip(parts.map { ($0.0, Data($0.1.utf8)) }, pathExtension: "docx")
    }
}
