import Foundation
import Testing

/// The signed documents: the count minutes of a 21-member round with 10 candidates as DOCX (read back with
/// python-docx) and as PDF (LibreOffice), and the submission. `make deps` installs python-docx, LibreOffice
/// and poppler-utils; without them these tests fail and say so.
@Suite(.serialized) struct DocxCLITests {
    let dir: URL
    let db: String

    init() throws { (dir, db) = try Binary.database("docx.sqlite") }

    func run(_ args: [String], stdin: String? = nil, env: [String: String] = [:]) throws -> Binary.Result {
        try Binary.run(args + ["--db", db], stdin: stdin, env: env)
    }

    func lastLine(_ r: Binary.Result) -> String { r.lastLine }

    /// A closed round: 21 members (M01 chair, M02 secretary), all present, 10 nominees; each member approves
    /// the first nominee and one other. With `award`, every nominee is proposed for it and the round is opened for it.
    /// With `conflict`, that member (1-based) declares a conflict of interest on that nominee (0-based) before voting.
    func closedRound(award: String? = nil, conflict: (member: Int, nominee: Int)? = nil) throws -> String {
        let list = try JSONSerialization.jsonObject(with: Data(try run(["candidates", "--eligible", "--year", "2019", "--json"]).stdout.utf8))
            as! [[String: Any]]
        var used: [String: Int] = [:]
        var ids: [String] = []
        // An award is for one kind: the round for it shortlists individuals only.
        for c in list where ids.count < 10 && (award == nil || c["kind"] as? String == "individual") {
            let key = "\(c["unit_code"]!)|\(c["kind"]!)"
            guard used[key, default: 0] < ((c["kind"] as? String) == "collective" ? 1 : 2) else { continue }
            #expect(try run(["nominate", c["id"] as! String, "--year", "2019"]).status == 0)
            used[key, default: 0] += 1
            ids.append(c["id"] as! String)
        }
        #expect(ids.count == 10)
        var members: [String] = []
        for i in 1...21 {
            let role = i == 1 ? "chair" : (i == 2 ? "secretary" : "member")
            members.append(lastLine(try run(["council", "add-member", "--name", "Nguyễn Văn Thành Viên \(i)", "--role", role,
                                             "--pin-stdin"], stdin: "pin\(i)\n")))
        }
        // The chair (M01, PIN pin1) signs the session and round acts, the secretary (M02, pin2) the attendance.
        func signed(_ args: [String], by member: Int) throws -> Binary.Result {
            try run(args + ["--by", members[member - 1], "--pin-stdin"], stdin: "pin\(member)\n")
        }
        let session = lastLine(try signed(["session", "open", "--year", "2019"], by: 1))
        #expect(try signed(["session", "attend", session] + members, by: 2).status == 0)
        for id in ids where award != nil { #expect(try run(["propose", id, "--award", award!, "--year", "2019"]).status == 0) }
        let round = lastLine(try signed(["round", "open", session, "--min", "3", "--max", "5"] + (award.map { ["--award", $0] } ?? []), by: 1))
        if let conflict {
            let d = try run(["round", "declare-conflict", round, "--member", members[conflict.member - 1], "--candidate", ids[conflict.nominee],
                             "--pin-stdin"], stdin: "pin\(conflict.member)\n")
            #expect(d.status == 0, "\(d.stderr)")
        }
        for (i, m) in members.enumerated() {
            let v = try run(["vote", round, "--member", m, "--pin-stdin", "--approve", "\(ids[0]),\(ids[i % 9 + 1])"], stdin: "pin\(i + 1)\n")
            #expect(v.status == 0, "\(v.stderr)")
        }
        #expect(try signed(["round", "close", round], by: 1).status == 0)
        return round
    }

    /// Reads a .docx with python-docx: every paragraph's text (cells included, in order) and every table's rows, as JSON.
    func readDocx(_ path: String) throws -> [String: Any] {
        let script = """
            import docx, json, sys
            d = docx.Document(sys.argv[1])
            s = d.sections[0]
            out = {"tables": [[[c.text for c in r.cells] for r in t.rows] for t in d.tables],
                   "paragraphs": [p.text for p in d.paragraphs],
                   "page": [s.page_width.mm, s.page_height.mm, s.top_margin.mm, s.bottom_margin.mm, s.left_margin.mm, s.right_margin.mm],
                   "title_page": s.different_first_page_header_footer,
                   "font": d.styles["Normal"].font.name,
                   "repeat_header": [t.rows[0]._tr.trPr is not None and t.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None for t in d.tables]}
            print(json.dumps(out))
            """
        let (status, text) = try Binary.shell(["python3", "-c", script, path])
        #expect(status == 0, "python-docx could not read \(path) (run `make deps`): \(text)")
        return (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]) ?? [:]
    }

    /// A .docx as read back by `readDocx`: its tables, and all its text (every table's cells, then the paragraphs).
    struct Docx {
        var json: [String: Any]
        var tables: [[[String]]] { json["tables"] as? [[[String]]] ?? [] }
        var paragraphs: String { (json["paragraphs"] as? [String] ?? []).joined(separator: "\n") }
        var all: String { tables.flatMap { $0.flatMap { $0 } }.joined(separator: "\n") + "\n" + paragraphs }
    }

    /// Runs a report command that writes the Word file `path`, expects it to succeed, and reads the file back.
    func writtenDocx(_ args: [String], at path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Docx {
        let r = try run(args)
        #expect(r.status == 0, "\(r.stderr)", sourceLocation: sourceLocation)
        return Docx(json: try readDocx(path))
    }

    @Test func countMinutesAsWordAndPDF() throws {
        let round = try closedRound()
        let docx = dir.appendingPathComponent("minutes.docx").path
        let d = try writtenDocx(["report", "minutes", "--round", round, "--format", "docx", "--out", docx, "--committee", "Trần Thị Kiểm,Lê Văn Phiếu"], at: docx)
        let (tables, all) = (d.tables, d.all)
        // Header, national title and motto, number, place and date line (Nghị định 30/2020/NĐ-CP, Phụ lục I).
        #expect(all.contains("VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO"))
        #expect(all.contains("HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG"))
        #expect(all.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        #expect(all.contains("Độc lập - Tự do - Hạnh phúc"))
        #expect(all.contains("Số: ……/BB-HĐTĐKT"))
        #expect(all.range(of: #"Hà Nội, ngày \d\d tháng \d\d năm \d{4}"#, options: .regularExpression) != nil)
        #expect(all.contains("BIÊN BẢN KIỂM PHIẾU"))
        // Signature blocks for the chair, the secretary and the counting committee.
        for role in ["CHỦ TỊCH HỘI ĐỒNG", "THƯ KÝ HỘI ĐỒNG", "TỔ KIỂM PHIẾU"] { #expect(all.contains(role)) }
        #expect(all.contains("(Ký, ghi rõ họ tên)"))
        #expect(all.contains("Nguyễn Văn Thành Viên 1") && all.contains("Trần Thị Kiểm") && all.contains("Lê Văn Phiếu"))
        // Page rules: A4, margins 20/20/30/15 mm, Times New Roman, a distinct first page, repeating table headers.
        let page = (d.json["page"] as? [Double] ?? []).map { ($0 * 10).rounded() / 10 }
        #expect(page == [210, 297, 20, 20, 30, 15])
        #expect(d.json["font"] as? String == "Times New Roman")
        #expect(d.json["title_page"] as? Bool == true)
        #expect((d.json["repeat_header"] as? [Bool] ?? []).filter { $0 }.count == 2)

        // The same figures as `round result --json`: every candidate's approvals, the ballots, the fingerprints.
        let json = try JSONSerialization.jsonObject(with: Data(try run(["round", "result", round, "--json"]).stdout.utf8)) as! [String: Any]
        let candidates = json["candidates"] as! [[String: Any]]
        #expect(candidates.count == 10)
        let results = tables.first { $0.first?.contains("Số phiếu đồng ý") == true } ?? []
        #expect(results.count == 11)
        let approvals = Dictionary(uniqueKeysWithValues: results.dropFirst().map { ($0[1], Int($0[5]) ?? -1) })
        for c in candidates { #expect(approvals[c["id"] as! String] == c["approvals"] as? Int) }
        let ballots = json["ballots"] as! [String: Int]
        #expect(all.contains("Số phiếu phát ra: \(ballots["issued"]!)"))
        #expect(all.contains("Số phiếu hợp lệ: \(ballots["valid"]!)"))
        // The elected by name, with the id.
        for id in json["elected"] as! [String] {
            let name = candidates.first { $0["id"] as? String == id }?["name"] as? String ?? "?"
            #expect(all.contains("\(name) (\(id))"))
        }
        #expect(all.contains("Tổng số thành viên Hội đồng: \(json["members"] as! Int)"))
        let prints = json["fingerprints"] as! [String]
        #expect(prints.count == 21)
        let printTable = tables.first { $0.first?.contains("Mã phiếu") == true } ?? []
        #expect(Set(printTable.dropFirst().flatMap { r in stride(from: 1, to: r.count, by: 2).map { r[$0] } }.filter { !$0.isEmpty }) == Set(prints))

        // PDF through LibreOffice, page 1 rendered by pdftoppm.
        let pdf = dir.appendingPathComponent("minutes.pdf").path
        let p = try run(["report", "minutes", "--round", round, "--format", "pdf", "--out", pdf, "--committee", "Trần Thị Kiểm,Lê Văn Phiếu"])
        #expect(p.status == 0, "\(p.stderr)")
        let (infoStatus, info) = try Binary.shell(["pdfinfo", pdf])
        #expect(infoStatus == 0, "pdfinfo (poppler-utils, `make deps`): \(info)")
        let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
        // 21 members, 10 candidates, every fingerprint and the signatures: at most two A4 pages.
        #expect(pages >= 1 && pages <= 2, "\(pages) pages")
        let png = dir.appendingPathComponent("page").path
        let (ppm, ppmText) = try Binary.shell(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-png", pdf, png])
        #expect(ppm == 0, "\(ppmText)")
        let rendered = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("page") && $0.hasSuffix(".png") }
        #expect(rendered.count == 1)
    }

    /// A round opened for an award: the Word minutes, `report minutes --format md` and `round minutes` cite the vote
    /// rule's article (2019: Thông tư 01/2019 Điều 16 khoản 1, unconfirmed in the rule set), and the 21-member
    /// minutes with that line still fit on two pages.
    @Test func awardRoundMinutesCiteTheVoteRule() throws {
        let round = try closedRound(award: "CSTD_NGANH")
        let cited = "Căn cứ khoản 1 Điều 16 Thông tư số 01/2019/TT-VKSTC (chưa xác minh), Hội đồng bỏ phiếu xét tặng Chiến sỹ thi đua ngành Kiểm sát nhân dân."
        let docx = dir.appendingPathComponent("award-minutes.docx").path
        let d = try writtenDocx(["report", "minutes", "--round", round, "--format", "docx", "--out", docx], at: docx)
        #expect((d.json["paragraphs"] as? [String] ?? []).contains(cited))
        #expect(try run(["report", "minutes", "--round", round, "--format", "md"]).stdout.contains("- " + cited))
        #expect(try run(["round", "minutes", round]).stdout.contains("- " + cited))
        let pdf = dir.appendingPathComponent("award-minutes.pdf").path
        #expect(try run(["report", "minutes", "--round", round, "--format", "pdf", "--out", pdf]).status == 0)
        let pages = try pdfPages(pdf)
        #expect(pages >= 1 && pages <= 2, "\(pages) pages")
    }

    /// The number of pages of a PDF, by pdfinfo (poppler-utils).
    func pdfPages(_ pdf: String) throws -> Int {
        let (status, info) = try Binary.shell(["pdfinfo", pdf])
        #expect(status == 0, "pdfinfo (poppler-utils, `make deps`): \(info)")
        return info.split(separator: "\n").first { $0.hasPrefix("Pages:") }.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    }

    /// `report nominations` as PDF with its locality on the place-and-date line (pdftotext reads it back); the options
    /// of the minutes and the meeting (`--place`, `--committee`) do not apply to it and are refused, not dropped.
    @Test func nominationsAsPDFWithALocality() throws {
        try Binary.succeeds(["nominate", "CN-H429-0001", "--year", "2019", "--override-reason", "thử"], db: db)
        let pdf = dir.appendingPathComponent("nominations.pdf").path
        let p = try run(["report", "nominations", "--year", "2019", "--format", "pdf", "--out", pdf, "--locality", "Vinh",
                         "--today", "2019-10-15"])
        #expect(p.status == 0, "\(p.stderr)")
        #expect(try pdfPages(pdf) >= 1)
        let (status, text) = try Binary.shell(["pdftotext", "-l", "1", pdf, "-"])
        #expect(status == 0 && text.contains("Vinh, ngày 15 tháng 10 năm 2019") && text.contains("TỔNG HỢP GIỚI THIỆU"), "\(text.prefix(600))")
        for (option, value) in [("--place", "Hội trường"), ("--committee", "Trần Thị Kiểm")] {
            let r = try run(["report", "nominations", "--year", "2019", "--format", "pdf", "--out", pdf + "2", option, value])
            #expect(r.status == 64 && r.stderr.contains(option) && r.stderr.contains("nominations"), "\(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: pdf + "2"))
        let md = try run(["report", "nominations", "--year", "2019", "--locality", "Vinh"])
        #expect(md.status == 64 && md.stderr.contains("--locality"))
    }

    /// The members' folder page of the demo's longest histories is one A4 page each: a collective with 20 records up
    /// to 2019, and the two individuals with 17, whose eight clauses of 1.2 make the longest verdict table. The history
    /// is folded by record into year ranges, the tables at 9 pt, and the secretary's signature stays on the page.
    @Test(arguments: ["TT-H418-00", "CN-H424-0005", "CN-H483-0002"])
    func aLongHistoryFolderPageIsOnePage(id: String) throws {
        let records = try Binary.sqlite(db, "SELECT count(*) FROM achievement WHERE candidate_id = '\(id)' AND year <= 2019")
        #expect(Int(records) ?? 0 >= 17, "\(id): \(records) records")
        let pdf = dir.appendingPathComponent("folder-\(id).pdf").path
        let r = try run(["report", "profiles", "--year", "2019", "--id", id, "--format", "pdf", "--out", pdf])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try pdfPages(pdf) == 1)
        // The folded years, e.g. "2010–2014", and the signature block are on the page.
        let (_, text) = try Binary.shell(["pdftotext", pdf, "-"])
        #expect(text.range(of: #"20\d\d–20\d\d"#, options: .regularExpression) != nil, "\(text.prefix(1500))")
        #expect(text.contains("THƯ KÝ HỘI ĐỒNG") && text.contains("(Ký, ghi rõ họ tên)"), "\(text.suffix(600))")
    }

    /// The submission's list (danh sách trích ngang): name, position, unit, records, the council's vote and the awards
    /// the records meet in the review year under the 2017–2023 rules: three CSTĐ cơ sở in a row meet CSTĐ ngành,
    /// which the unit still attests. A collective's position says it is a collective.
    @Test func submissionListsPositionAndAwardsMet() throws {
        let (dir, db) = try Binary.imported("list.sqlite",
                                            candidates: "id,kind,name,unit_code,position,complies_with_policy,internally_united,orgs_clean_strong\n"
                                                + "CN-P1,individual,Nguyễn Văn Đức,VKSH.429,Kiểm sát viên trung cấp,true,,\n"
                                                + "TT-P2,collective,Phòng 7 VKSND tỉnh Nghệ An,VKSH.429,,true,true,true\n",
                                            records: [2017, 2018, 2019].map { "CN-P1,\($0),CSTD_CS,,,\($0)1/QĐ-VKS,,," })
        for id in ["CN-P1", "TT-P2"] { try Binary.succeeds(["nominate", id, "--year", "2019", "--override-reason", "thử"], db: db) }
        var members: [String] = []
        for i in 1...3 {
            members.append(try Binary.succeeds(["council", "add-member", "--name", "Thành viên \(i)", "--role", ["chair", "secretary", "member"][i - 1],
                                                "--pin-stdin"], db: db, stdin: "pin\(i)\n").lastLine)
        }
        let session = try Binary.succeeds(["session", "open", "--year", "2019", "--by", "M01", "--pin-stdin"], db: db, stdin: "pin1\n").lastLine
        try Binary.succeeds(["session", "attend", session] + members + ["--by", "M02", "--pin-stdin"], db: db, stdin: "pin2\n")
        let round = try Binary.succeeds(["round", "open", session, "--min", "1", "--max", "2", "--by", "M01", "--pin-stdin"], db: db,
                                        stdin: "pin1\n").lastLine
        for (i, m) in members.enumerated() {
            try Binary.succeeds(["vote", round, "--member", m, "--pin-stdin", "--approve", "CN-P1,TT-P2"], db: db, stdin: "pin\(i + 1)\n")
        }
        try Binary.succeeds(["round", "close", round, "--by", "M01", "--pin-stdin"], db: db, stdin: "pin1\n")
        let docx = dir.appendingPathComponent("submission.docx").path
        try Binary.succeeds(["report", "selected", "--year", "2019", "--format", "docx", "--out", docx, "--today", "2019-12-20"], db: db)
        let list = Docx(json: try readDocx(docx)).tables.first { $0.first?.first == "STT" } ?? []
        #expect(list.first == ["STT", "Họ tên / Tập thể", "Chức vụ", "Đơn vị", "Thành tích tiêu biểu", "Kết quả bỏ phiếu",
                               "Khen thưởng đủ điều kiện năm 2019"])
        let person = try #require(list.first { $0.count > 1 && $0[1] == "Nguyễn Văn Đức" })
        #expect(person[2] == "Kiểm sát viên trung cấp" && person[3] == "VKSND huyện Nghi Lộc")
        #expect(person[4].contains("Chiến sỹ thi đua cơ sở (2019)"))
        #expect(person[5] == "3 phiếu (100,0%)")
        #expect(person[6] == "Chiến sỹ thi đua ngành Kiểm sát nhân dân (đơn vị xác nhận)")
        let collective = try #require(list.first { $0.count > 1 && $0[1] == "Phòng 7 VKSND tỉnh Nghệ An" })
        #expect(collective[2] == "Tập thể" && collective[4] == "không")
    }

    /// The meeting minutes of the session: attendance of all 21, the round with the count minutes' figures, the
    /// selected, the secretary's and the chair's signatures; as Word and as PDF.
    @Test func meetingMinutesAsWordAndPDF() throws {
        let round = try closedRound(conflict: (member: 5, nominee: 3))
        let session = String(round[..<round.range(of: "-R")!.lowerBound])
        #expect(try run(["report", "meeting", "--format", "docx", "--out", dir.appendingPathComponent("x.docx").path]).status == 64)
        let docx = dir.appendingPathComponent("meeting.docx").path
        let d = try writtenDocx(["report", "meeting", "--session", session, "--format", "docx", "--out", docx, "--place", "Hội trường tầng 3"], at: docx)
        let (tables, all) = (d.tables, d.all)
        #expect(all.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && all.contains("Độc lập - Tự do - Hạnh phúc"))
        #expect(all.contains("BIÊN BẢN HỌP") && all.contains("Số: ……/BB-HĐTĐKT") && all.contains("Hội trường tầng 3"))
        for role in ["THƯ KÝ HỘI ĐỒNG", "CHỦ TỊCH HỘI ĐỒNG"] { #expect(all.contains(role)) }
        #expect(all.contains("(Ký, ghi rõ họ tên)"))
        // The roll: every member, present.
        let roll = tables.first { $0.first?.contains("Tham dự") == true } ?? []
        #expect(roll.count == 22 && roll.dropFirst().allSatisfy { $0.last == "Có mặt" })
        #expect(all.contains("có mặt: 21; vắng mặt: 0"))
        // The round's figures and the elected are those of `round result --json`.
        let json = try JSONSerialization.jsonObject(with: Data(try run(["round", "result", round, "--json"]).stdout.utf8)) as! [String: Any]
        let rounds = tables.first { $0.first?.first == "Vòng" } ?? []
        let ballots = json["ballots"] as! [String: Int]
        #expect(rounds.count == 2 && rounds[1][1] == "\(ballots["issued"]!)" && rounds[1][2] == "\(ballots["valid"]!)")
        let selected = tables.first { $0.first?.contains("Vòng bỏ phiếu") == true } ?? []
        let candidates = json["candidates"] as! [[String: Any]]
        let elected = (json["elected"] as! [String]).map { id in candidates.first { $0["id"] as? String == id }?["name"] as? String ?? id }
        #expect(selected.dropFirst().map { $0[1] } == elected)
        // The conflicts declared, as the round's count minutes list them: the member and the nominee by name and id.
        let declaredId = try Binary.sqlite(db, "SELECT candidate_id FROM round_conflict WHERE member_id = 'M05'")
        let nominee = try #require(candidates.first { $0["id"] as? String == declaredId })
        let paragraphs = d.json["paragraphs"] as? [String] ?? []
        let heading = try #require(paragraphs.firstIndex(of: "Xung đột lợi ích"), "\(paragraphs)")
        let declared = paragraphs[heading...].first { $0.contains("thành viên tự khai") } ?? ""
        #expect(declared.hasPrefix("Vòng 1. Nguyễn Văn Thành Viên 5 (M05) — \(nominee["name"] as! String) (\(nominee["id"] as! String))"),
                "\(declared)")
        #expect(declared.contains("được ghi nhận, thành viên vẫn được chọn"))
        let md = try run(["report", "meeting", "--session", session, "--format", "md"]).stdout
        #expect(md.contains("Nguyễn Văn Thành Viên 5 (M05)"))
        let pdf = dir.appendingPathComponent("meeting.pdf").path
        #expect(try run(["report", "meeting", "--session", session, "--format", "pdf", "--out", pdf]).status == 0)
        let (infoStatus, info) = try Binary.shell(["pdfinfo", pdf])
        #expect(infoStatus == 0 && info.contains("Pages:"), "\(info)")
    }

    @Test func submissionAndReportsAsWord() throws {
        _ = try closedRound()
        for kind in ["selected", "nominations", "review"] {
            let docx = dir.appendingPathComponent("\(kind).docx").path
            let all = try writtenDocx(["report", kind, "--year", "2019", "--format", "docx", "--out", docx, "--today", "2019-12-20"], at: docx).all
            #expect(all.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && all.contains("Độc lập - Tự do - Hạnh phúc"))
            #expect(all.contains("Hà Nội, ngày 20 tháng 12 năm 2019"))
            #expect(all.contains("Nơi nhận:") && all.contains("(Ký, ghi rõ họ tên)") && all.contains("CHỦ TỊCH"))
            if kind == "selected" {
                #expect(all.contains("TỜ TRÌNH") && all.contains("Số: ……/TTr-HĐTĐKT"))
                #expect(all.contains("Danh sách trích ngang"))
            }
            // Each converts to PDF, and page 1 renders.
            let pdf = dir.appendingPathComponent("\(kind).pdf").path
            let p = try run(["report", kind, "--year", "2019", "--format", "pdf", "--out", pdf, "--today", "2019-12-20"])
            #expect(p.status == 0, "\(p.stderr)")
            let (ppm, ppmText) = try Binary.shell(["pdftoppm", "-r", "30", "-f", "1", "-l", "1", "-png", pdf, dir.appendingPathComponent("\(kind)-page").path])
            #expect(ppm == 0, "\(ppmText)")
        }
        // The members' folder: every nominee on a page of their own, history and verdict; `--id` picks one.
        let nominees = try JSONSerialization.jsonObject(with: Data(try run(["nominations", "--year", "2019", "--json"]).stdout.utf8))
            as! [[String: Any]]
        let folder = dir.appendingPathComponent("profiles.docx").path
        let fd = try writtenDocx(["report", "profiles", "--year", "2019", "--format", "docx", "--out", folder], at: folder)
        let (folderTables, paragraphs) = (fd.tables, fd.paragraphs)
        #expect(paragraphs.contains("HỒ SƠ TÓM TẮT ỨNG VIÊN"))
        #expect(folderTables.flatMap { $0.flatMap { $0 } }.contains { $0.contains("Độc lập - Tự do - Hạnh phúc") })
        for n in nominees { #expect(paragraphs.contains("(\(n["id"] as! String))")) }
        #expect(folderTables.filter { $0.first?.first == "Năm" }.count == nominees.count)
        #expect(folderTables.filter { $0.first?.first == "Đạt" }.count == nominees.count)
        let (_, breaks) = try Binary.shell(["sh", "-c", "unzip -p '\(folder)' word/document.xml | grep -o 'w:type=\"page\"' | wc -l"])
        #expect(Int(breaks.trimmingCharacters(in: .whitespacesAndNewlines)) == nominees.count - 1)
        let one = try run(["report", "profiles", "--year", "2019", "--id", nominees[0]["id"] as! String, "--format", "md"])
        #expect(one.status == 0 && one.stdout.contains("Kết quả xét tiêu chuẩn") && !one.stdout.contains(nominees[1]["id"] as! String))
        // No converter on the PATH: one line naming the Debian package, exit 69, no file.
        let pdf = dir.appendingPathComponent("none.pdf").path
        let missing = try run(["report", "selected", "--year", "2019", "--format", "pdf", "--out", pdf], env: ["PATH": "/nonexistent"])
        #expect(missing.status == 69)
        #expect(missing.stderr.contains("libreoffice-writer"))
        #expect(!FileManager.default.fileExists(atPath: pdf))
    }
}
