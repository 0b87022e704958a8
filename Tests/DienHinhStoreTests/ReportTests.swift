import DienHinhCore
import DienHinhResources
@testable import DienHinhStore
import Foundation
import Testing
import XMLCoder
import ZIPFoundation

/// Reports on a voting round set up through the store, with a hostile name on the ballot.
@Suite(.serialized) struct ReportTests {
    static let hostile = "Tập thể \u{1B}[31mĐỏ\u{202E}cba <b>&"

    struct Setup {
        let f: VotingFixture
        let round: String
        let result: RoundResult
    }

    static let setup: Setup = {
        let f = try! VotingFixture.make(memberCount: 7, candidateCount: 4)
        let unit = try! f.db.units(level: .provincial)[5].code
        try! f.db.insert(candidates: [Candidate(id: "X-1", kind: .collective, name: hostile, unitCode: unit, internallyUnited: true, orgsCleanStrong: true)],
                         achievements: [Achievement(candidateId: "X-1", year: 2016, type: .HCLD, awardClass: 3),
                                        Achievement(candidateId: "X-1", year: 2018, type: .CO_NGANH),
                                        Achievement(candidateId: "X-1", year: 2019, type: .CO_NGANH)],
                         provenance: Provenance(unitCode: "VKSTC.V16", user: "test", at: "2020-01-01T00:00:00Z"))
        try! f.db.nominate(candidateId: "X-1", year: VotingFixture.year, overrideReason: "lý do \u{1B}]0;x\u{07}")
        try! f.db.register(candidateId: "X-1", date: "2017-06-01", planText: "kế hoạch", milestones: [])
        try! f.db.register(candidateId: "T-1", date: "2017-05-15", planText: nil, milestones: [])
        try! f.db.propose(candidateId: "X-1", award: .AHLD, year: VotingFixture.year)
        try! f.db.promote(PromotionEntry(candidateId: "X-1", channel: .tapchi, date: "2019-04-01", title: "Bài \u{202E}viết", reference: "=cmd"))
        try! f.db.markActivityDone("p1.publish", unit: "VKSTC.V16", date: "2017-12-20")
        let r = try! f.db.openRound(session: f.session, parameters: RoundParameters(minSeats: 1, maxSeats: 3), by: f.chairSigner)
        let ballot = try! f.db.roundInfo(round: r).shortlist.map(\.id)
        #expect(ballot.contains("X-1"))
        for m in ["M01", "M02", "M03", "M04", "M05"] { _ = try! f.vote(r, m, ["X-1", "T-1"]) }
        for m in ["M06", "M07"] { _ = try! f.vote(r, m, ["T-2"]) }
        let result = try! f.db.closeRound(round: r, by: f.chairSigner, force: true)
        return Setup(f: f, round: r, result: result)
    }()

    var builder: ReportBuilder { ReportBuilder(db: Self.setup.f.db, strings: vi, today: "2019-11-20") }

    func allFormats(_ doc: ReportDocument) throws -> [ReportFormat: Data] {
        var out: [ReportFormat: Data] = [:]
        for f in ReportFormat.allCases { out[f] = try ReportRenderer.data(doc, format: f) }
        return out
    }

    /// No format carries ESC, BEL or a bidi override raw.
    func expectInert(_ data: [ReportFormat: Data], sourceLocation: SourceLocation = #_sourceLocation) throws {
        for (format, d) in data {
            let texts: [String]
            if format == .xlsx { texts = try Self.unzip(d).values.map { String(decoding: $0, as: UTF8.self) } } else { texts = [String(decoding: d, as: UTF8.self)] }
            for t in texts {
                let bad = t.unicodeScalars.filter { TextSafety.isUnsafe($0) && $0 != "\n" && $0 != "\r" }
                #expect(bad.isEmpty, "\(format) has raw controls \(bad.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
            }
        }
    }

    /// A sheet name is cut at a word within Excel's 31 characters, and stays unique (issue 20).
    @Test func sheetNamesCutAtAWord() {
        var taken = Set<String>()
        let long = "Đăng ký xây dựng điển hình tiên tiến theo đơn vị"
        let first = XLSXWriter.sheetName(long, taken: &taken)
        #expect(first == "Đăng ký xây dựng điển hình")
        #expect(long.hasPrefix(first) && first.count <= 31)
        let second = XLSXWriter.sheetName(long, taken: &taken)
        #expect(second == "Đăng ký xây dựng điển hình 2" && second.count <= 31)
        #expect(XLSXWriter.sheetName("Tổng hợp", taken: &taken) == "Tổng hợp")
        #expect(XLSXWriter.sheetName(String(repeating: "x", count: 40), taken: &taken).count == 28)
    }

    @Test func selectedReport() throws {
        let s = Self.setup
        #expect(Set(s.result.elected) == ["X-1", "T-1"])
        let doc = try builder.selected(year: VotingFixture.year)
        let table = try #require(doc.sections.first?.table)
        #expect(table.rows.count == 2)
        let x = try #require(table.rows.first { $0[1] == .text("X-1") })
        #expect(x[3] == .text("Tập thể"))
        #expect(x[5].text.contains("Huân chương Lao động hạng 3 (2016)"))
        #expect(x[6] == .number(5))
        #expect(x[7] == .text("71,4%"))
        #expect(doc.title == "DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN TIÊU BIỂU")
        let md = ReportRenderer.markdown(doc)
        #expect(md.contains("Tập thể ^\\[\\[31mĐỏ\\<U+202E\\>cba \\<b\\>&"))
        let html = ReportRenderer.html(doc)
        #expect(html.contains("Tập thể ^[[31mĐỏ&lt;U+202E&gt;cba &lt;b&gt;&amp;"))
        #expect(!html.contains("<b>&"))
        try expectInert(try allFormats(doc))
        let english = try ReportBuilder(db: s.f.db, strings: en, today: "2019-11-20").selected(year: VotingFixture.year)
        #expect(english.title == "SELECTED ADVANCED EXEMPLARS")
    }

    @Test func nominationsReport() throws {
        let doc = try builder.nominations(year: VotingFixture.year)
        let table = try #require(doc.sections.first?.table)
        // The units in force in the nominations' year.
        let units = try Self.setup.f.db.units(level: nil, year: VotingFixture.year)
        #expect(table.rows.count == units.count)
        let first = try #require(table.rows.first { $0[1] == .text(units.first { $0.level == .provincial }!.code) })
        #expect(first[5] == .text("2/2"))
        #expect(first[4] == .text("0/1"))
        #expect(first[7].text.contains("còn thiếu 1 tập thể, 0 cá nhân"))
        // A unit that nominated no one is in the roll-up, saying so.
        #expect(table.rows.contains { $0[1] == .text("VKSTC.V16") && $0[7].text.contains("chưa giới thiệu") })
        #expect(table.rows.contains { $0[7].text.contains("X-1 chưa đủ tiêu chuẩn") || $0[7].text.contains("lý do") })
        try expectInert(try allFormats(doc))
    }

    @Test func minutesRenderedWithVietnameseHeadings() throws {
        let s = Self.setup
        let m = try builder.minutes(round: s.round, place: "Hà Nội", committee: ["Thành viên 3"])
        let md = m.markdown()
        for h in ["# BIÊN BẢN KIỂM PHIẾU", "## Phiếu bầu", "## Kết quả kiểm phiếu", "## Chữ ký", "Hội đồng Thi đua – Khen thưởng ngành Kiểm sát nhân dân"] {
            #expect(md.contains(h), "markdown lacks \(h)")
        }
        #expect(!md.contains("\u{1B}") && !md.contains("\u{202E}"))
        let html = ReportRenderer.html(m.document())
        for h in ["<h1>BIÊN BẢN KIỂM PHIẾU</h1>", "<h2>Phiếu bầu</h2>", "<h2>Kết quả kiểm phiếu</h2>", "<h2>Chữ ký</h2>", "<html lang=\"vi\">"] {
            #expect(html.contains(h), "html lacks \(h)")
        }
        #expect(html.contains("Số phiếu phát ra: 7"))
        let doc = try builder.build(.minutes, year: VotingFixture.year, round: s.round)
        try expectInert(try allFormats(doc))
        #expect(throws: StoreError.self) { _ = try builder.build(.minutes, year: 2019) }
    }

    @Test func reviewReport() throws {
        let doc = try builder.review(year: VotingFixture.year)
        let text = ReportRenderer.markdown(doc)
        #expect(doc.title.hasPrefix("BÁO CÁO SƠ KẾT"))
        #expect(text.contains("Giai đoạn: Giai đoạn 2 (từ năm thi đua 2018 đến năm 2019)"))
        #expect(text.contains("Mốc tiếp theo: 2020"))
        let byLevel = try #require(doc.sections.first { $0.heading == "Số liệu theo cấp" }?.table)
        let provincial = try #require(byLevel.rows.first { $0[0] == .text("VKSND cấp tỉnh") })
        #expect(provincial[2] == .number(5))  // candidates: 4 + the hostile one
        #expect(provincial[4] == .number(2))  // registered
        #expect(provincial[5] == .number(5))  // nominated
        #expect(provincial[6] == .number(2))  // selected
        #expect(text.contains("2 tập thể, cá nhân đã đăng ký; hạn 20/05/2017; nộp muộn: 1."))
        // The table lists every registration, the late one marked (issue 20).
        let registrations = try #require(doc.sections.first { $0.heading.hasPrefix("Đăng ký xây dựng") }?.table)
        #expect(registrations.rows.count == 2 && registrations.header.last == "Thời hạn")
        #expect(registrations.rows.map { $0.last } == [.text("Đúng hạn"), .text("Nộp muộn")]
                || registrations.rows.map { $0.last } == [.text("Nộp muộn"), .text("Đúng hạn")])
        #expect(text.contains("Đã đề nghị 1/2 tập thể đến năm 2020"))
        #expect(text.contains("Tạp chí Kiểm sát: 1 tin, bài"))
        let ahld = try #require(doc.sections.first { $0.heading.hasPrefix("Mục tiêu danh hiệu Anh hùng") }?.table)
        #expect(ahld.rows.first?[1] == .text("X-1"))
        #expect(ahld.rows.first?[4].text.contains("đã đề nghị") == true)
        let csv = String(decoding: try ReportRenderer.data(doc, format: .csv), as: UTF8.self)
        #expect(csv.hasPrefix("\u{FEFF}\"BÁO CÁO SƠ KẾT, TỔNG KẾT"))
        #expect(csv.contains(",'=cmd"))  // no formula reaches a spreadsheet
        try expectInert(try allFormats(doc))
    }

    // MARK: XLSX read back

    static func unzip(_ data: Data) throws -> [String: Data] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-read-\(UUID().uuidString).xlsx")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let archive = try Archive(url: url, accessMode: .read)
        var out: [String: Data] = [:]
        for entry in archive {
            var d = Data()
            _ = try archive.extract(entry) { d.append($0) }
            out[entry.path] = d
        }
        return out
    }

    /// A sheet's cells, read back through the writer's own model.
    static func cells(_ xml: Data) throws -> [String: (text: String, style: Int?)] {
        let sheet = try XMLDecoder().decode(XLSXWriter.Worksheet.self, from: xml)
        var out: [String: (String, Int?)] = [:]
        for row in sheet.sheetData.row {
            for c in row.c { out[c.r] = (c.inline?.t.value ?? c.v ?? "", c.s) }
        }
        return out
    }

    /// Issue 20: a table's dates are dates (a serial day with a dd/mm/yyyy format) and its whole numbers numbers;
    /// impossible dates, ids with a leading zero and mixed text stay text.
    @Test func xlsxStoresDatesAndNumbersAsSuch() throws {
        let table = ReportTable(header: ["Ngày", "Ngày ISO", "Số", "Mã", "Sai", "QĐ"],
                                rows: [["12/03/2016", "2016-03-12", "42", "0123", "31/02/2019", "123/QĐ-CTN"]])
        let doc = ReportDocument(title: "T", sections: [ReportSection(heading: "Bảng", table: table)])
        let parts = try Self.unzip(try ReportRenderer.data(doc, format: .xlsx))
        let cells = try Self.cells(parts["xl/worksheets/sheet2.xml"]!)
        #expect(cells["A2"]?.text == "42441" && cells["A2"]?.style == 3)
        #expect(cells["B2"]?.text == "42441" && cells["B2"]?.style == 3)
        #expect(cells["C2"]?.text == "42" && cells["C2"]?.style == nil)
        #expect(cells["D2"]?.text == "0123" && cells["E2"]?.text == "31/02/2019" && cells["F2"]?.text == "123/QĐ-CTN")
        let raw = String(decoding: parts["xl/worksheets/sheet2.xml"]!, as: UTF8.self)
        #expect(raw.contains(#"<c r="A2" s="3"><v>42441</v></c>"#) && raw.contains(#"<c r="D2" t="inlineStr">"#))
        #expect(String(decoding: parts["xl/styles.xml"]!, as: UTF8.self).contains(#"formatCode="dd/mm/yyyy""#))
        #expect(XLSXWriter.dateSerial("29/02/2020") == 43890 && XLSXWriter.dateSerial("01/01/1900") == nil)
        #expect(XLSXWriter.dateSerial("29/02/2019") == nil && XLSXWriter.dateSerial("1/1/2019") == nil)
    }

    @Test func xlsxReadsBack() throws {
        let doc = try builder.selected(year: VotingFixture.year)
        let data = try ReportRenderer.data(doc, format: .xlsx)
        #expect(data.prefix(2) == Data("PK".utf8))
        let parts = try Self.unzip(data)
        for p in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                  "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
            #expect(parts[p] != nil, "missing \(p)")
        }
        let workbook = String(decoding: parts["xl/workbook.xml"]!, as: UTF8.self)
        #expect(workbook.contains("name=\"Tổng hợp\""))
        #expect(String(decoding: parts["xl/styles.xml"]!, as: UTF8.self).contains("<b/>"))
        let summary = try Self.cells(parts["xl/worksheets/sheet1.xml"]!)
        #expect(summary["A1"]?.text == "DANH SÁCH ĐIỂN HÌNH TIÊN TIẾN TIÊU BIỂU")
        #expect(summary["A1"]?.style == 2)
        let table = try Self.cells(parts["xl/worksheets/sheet2.xml"]!)
        #expect(table["A1"]?.text == "STT" && table["A1"]?.style == 1)
        #expect(table["C1"]?.text == "Họ tên / Tập thể")
        let names = Set(["C2", "C3"].compactMap { table[$0]?.text })
        #expect(names == ["Ứng viên 1", "Tập thể ^[[31mĐỏ<U+202E>cba <b>&"])
        let votes = Set(["G2", "G3"].compactMap { table[$0]?.text })
        #expect(votes == ["5"])
        let sheetXML = String(decoding: parts["xl/worksheets/sheet2.xml"]!, as: UTF8.self)
        #expect(sheetXML.contains("<cols>") && sheetXML.contains("customWidth=\"1\""))
        #expect(sheetXML.contains("&lt;b&gt;&amp;"))
    }
}
