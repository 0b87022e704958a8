import DienHinhCore
import DienHinhResources
import Foundation

/// The council's documents as Word files: each report's content with the frame of its kind of state document
/// (biên bản, tờ trình, báo cáo), the wording from the strings tables (`docx.*`).
public struct OfficialDocuments {
    public let builder: ReportBuilder
    /// The locality of the place-and-date line (Phụ lục I, mục II.4); the council's seat by default.
    public let locality: String?

    public init(builder: ReportBuilder, locality: String? = nil) { self.builder = builder; self.locality = locality }

    private var s: Strings { builder.strings }

    /// "Hà Nội, ngày 06 tháng 12 năm 2026" from an ISO date (or the start of an ISO timestamp); day and month
    /// below 10 take a leading zero (mục II.4.b). An unreadable date leaves the dots for the secretariat.
    public func placeDate(_ iso: String) -> String {
        let place = locality ?? s("docx.locality")
        let parts = iso.prefix(10).split(separator: "-").map(String.init)
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else {
            return s("docx.place_date", place, "……", "……", "……")
        }
        return s("docx.place_date", place, String(format: "%02d", d), String(format: "%02d", m), y)
    }

    func frame(number: String, date: String, summary: String? = nil, recipients: [String] = [], signers: [DocumentSigner]) -> OfficialFrame {
        OfficialFrame(parentBody: s("docx.parent_body"), issuingBody: s("docx.issuing_body"), nationalTitle: s("docx.national_title"),
                      motto: s("docx.motto"), number: s("docx.number", number), placeDate: placeDate(date), summary: summary,
                      recipientsHeading: s("docx.recipients"), recipients: recipients, signHint: s("docx.sign_hint"), signers: signers)
    }

    /// The chair signs for the council ("TM. HỘI ĐỒNG / CHỦ TỊCH") on what the council sends.
    func chairSigner() throws -> DocumentSigner {
        let chair = try builder.db.members().first { $0.role == .chair }
        return DocumentSigner(role: s("docx.for_council"), name: chair?.name ?? "")
    }

    /// Any report in its state-document form; the count minutes need `round`.
    public func docx(_ kind: ReportKind, year: Int, round: String? = nil, place: String? = nil, committee: [String] = [],
                     session: String? = nil) throws -> Data {
        let (doc, frame) = try document(kind, year: year, round: round, place: place, committee: committee, session: session)
        return try DocxWriter.document(doc, frame: frame)
    }

    public func document(_ kind: ReportKind, year: Int, round: String? = nil, place: String? = nil,
                         committee: [String] = [], session: String? = nil) throws -> (ReportDocument, OfficialFrame) {
        switch kind {
        case .meeting:
            guard let session else { throw StoreError.refused(s("report.meeting_needs_session")) }
            return try meeting(session: session, place: place)
        case .minutes:
            guard let round else { throw StoreError.refused(s("report.minutes_needs_round")) }
            return countMinutes(try builder.minutes(round: round, place: place, committee: committee))
        case .selected: return try submission(year: year)
        case .nominations, .review:
            let doc = try builder.build(kind, year: year)
            return (doc, frame(number: s("docx.symbol.report"), date: builder.today,
                               recipients: [s("docx.recipient.central"), s("docx.recipient.archive")], signers: [try chairSigner()]))
        }
    }

    // MARK: Biên bản kiểm phiếu

    /// The count minutes: the content of `CountMinutes.document()`, the fingerprints as a table of three pairs of
    /// columns (21 ballots take 7 rows), and signature blocks for the chair, the secretary and the counting committee.
    public func countMinutes(_ m: CountMinutes) -> (ReportDocument, OfficialFrame) {
        var doc = m.document()
        doc.sections.removeAll { $0.heading == s("minutes.signatures") }
        // On paper the figures of a section run on in a few sentences, so that a round of 21 members and
        // 10 candidates, with its fingerprints and signatures, fits on two A4 pages.
        let runOn: [String: [Int]] = [s("minutes.round"): [2, 2, 3], s("minutes.attendance"): [3], s("minutes.ballots"): [3, 2]]
        for i in doc.sections.indices {
            guard let groups = runOn[doc.sections[i].heading] else { continue }
            doc.sections[i].lines = Self.runOn(doc.sections[i].lines, groups: groups)
        }
        for i in doc.sections.indices { doc.sections[i].table?.small = true }
        if let i = doc.sections.firstIndex(where: { $0.heading == s("minutes.fingerprints") }) {
            let prints = m.result.fingerprints
            let perRow = 3
            let rows = stride(from: 0, to: prints.count, by: perRow).map { start -> [ReportCell] in
                (0..<perRow).flatMap { k -> [ReportCell] in
                    let n = start + k
                    return n < prints.count ? [.number(n + 1), .text(prints[n])] : [.text(""), .text("")]
                }
            }
            // "TT" rather than "STT" over the numbers: three pairs of columns then fit across the page at 10 pt.
            let header = (0..<perRow).flatMap { _ in [s("docx.col.no_short"), s("docx.col.fingerprint")] }
            doc.sections[i] = ReportSection(heading: s("minutes.fingerprints"), lines: [s("minutes.fingerprints_note")],
                                            table: ReportTable(header: header, rows: rows, small: true))
        }
        func named(_ role: CouncilRole) -> String {
            m.info.electors.filter { $0.role == role }.map(\.name).joined(separator: ", ")
        }
        var signers = [DocumentSigner(role: s("minutes.chair"), name: named(.chair)),
                       DocumentSigner(role: s("minutes.secretary"), name: named(.secretary))]
        if m.committee.isEmpty {
            signers.append(DocumentSigner(role: s("docx.committee_head"), name: ""))
        } else {
            signers.append(DocumentSigner(role: s("minutes.committee"), name: m.committee.joined(separator: "\n")))
        }
        return (doc, frame(number: s("docx.symbol.minutes"), date: m.info.closedAt ?? builder.today, signers: signers))
    }

    /// Lines joined in groups of the given sizes as one sentence ("Có mặt: 21; vắng mặt: 0"); the rest stay lines.
    public static func runOn(_ lines: [String], groups: [Int]) -> [String] {
        var out: [String] = [], rest = lines[...]
        for g in groups where !rest.isEmpty {
            let part = rest.prefix(g)
            rest = rest.dropFirst(g)
            out.append(part.enumerated().map { $0.offset == 0 ? $0.element : $0.element.prefix(1).lowercased() + $0.element.dropFirst() }
                .joined(separator: "; "))
        }
        return out + rest
    }

    // MARK: Biên bản họp

    /// The meeting minutes, signed by the secretary who kept them and the chair who presided, dated the day the
    /// session closed.
    public func meeting(session id: String, place: String?) throws -> (ReportDocument, OfficialFrame) {
        let doc = try builder.meeting(session: id, place: place)
        let members = try builder.db.members(session: id)
        func named(_ role: CouncilRole) -> String { members.filter { $0.role == role }.map(\.name).joined(separator: ", ") }
        let date = try builder.db.session(id)?.closedAt ?? builder.today
        return (doc, frame(number: s("docx.symbol.meeting"), date: date,
                           signers: [DocumentSigner(role: s("minutes.secretary"), name: named(.secretary)),
                                     DocumentSigner(role: s("minutes.chair"), name: named(.chair))]))
    }

    // MARK: Hồ sơ tóm tắt

    /// The members' folder: one page per candidate (the content, built by whoever words the verdicts), under the
    /// council's frame, signed for the council by its secretary who prepared it.
    public func profiles(_ doc: ReportDocument) throws -> Data {
        let secretary = try builder.db.members().first { $0.role == .secretary }
        return try DocxWriter.document(doc, frame: frame(number: s("docx.symbol.report"), date: builder.today,
                                                         signers: [DocumentSigner(role: s("minutes.secretary"), name: secretary?.name ?? "")]))
    }

    // MARK: Phiếu mã PIN

    /// The PIN slips the secretary prints and seals, one page per member: who it is for, the PIN drawn for them and
    /// their one-time written-ballot code, and how to keep and use them. The only place a drawn PIN is ever shown.
    public func pinSlips(_ slips: [MemberSlip]) throws -> Data {
        let sections = slips.enumerated().map { i, slip in
            ReportSection(heading: s("slip.heading", slip.member.name), lines: [
                s("slip.member", slip.member.id, s("role.\(slip.member.role.rawValue)")),
                s("slip.pin", slip.pin ?? s("slip.pin_own")),
                s("slip.written_code", slip.writtenCode),
                s("slip.keep"), s("slip.vote"), s("slip.lock", VotingError.pinTriesBeforeLock), s("slip.written_use"),
            ], newPage: i > 0)
        }
        let secretary = try builder.db.members().first { $0.role == .secretary }
        let doc = ReportDocument(title: s("slip.title"), sections: sections, language: s.language.rawValue)
        return try DocxWriter.document(doc, frame: frame(number: s("docx.symbol.report"), date: builder.today,
                                                         signers: [DocumentSigner(role: s("minutes.secretary"), name: secretary?.name ?? "")]))
    }

    // MARK: Tờ trình

    /// The submission of the selected to the Central Emulation and Commendation Board, with the list
    /// (danh sách trích ngang) as its table: who, their position and unit, their distinguished records, the
    /// council's vote, and the awards their records meet in the review year under the period's rule set.
    public func submission(year: Int) throws -> (ReportDocument, OfficialFrame) {
        let summary = try builder.selected(year: year)
        let selected = try builder.db.selected(year: year)
        var sections = [ReportSection(heading: "", lines: [s("docx.submission.body", year, selected.count), s("docx.submission.request")])]
        let header = [s("report.col.no"), s("report.col.name"), s("docx.list.col.position"), s("report.col.unit"),
                      s("report.col.key_achievements"), s("docx.list.col.vote"), s("docx.list.col.path", year)]
        let rows = try selected.enumerated().map { i, e in try listRow(i + 1, e, year: year) }
        var table = ReportTable(header: header, rows: rows)
        // Set shares: the estimate from the text would squeeze the awards' column until its header breaks inside words.
        table.shares = [8, 15, 13, 15, 18, 12, 19]
        sections.append(ReportSection(heading: s("docx.submission.list", year), lines: summary.sections.first?.lines ?? [],
                                      table: table))
        let doc = ReportDocument(title: s("docx.submission.title"), subtitle: [], sections: sections, language: summary.language)
        return (doc, frame(number: s("docx.symbol.submission"), date: builder.today, summary: s("docx.submission.summary", year),
                           recipients: [s("docx.recipient.central"), s("docx.recipient.archive")], signers: [try chairSigner()]))
    }

    /// One line of the list. A collective has no position: the column says it is a collective.
    func listRow(_ number: Int, _ e: SelectedExemplar, year: Int) throws -> [ReportCell] {
        let c = e.result
        let candidate = try builder.db.candidate(c.id)
        let position = c.kind == .collective ? s("kind.collective") : candidate?.position ?? ""
        let key = builder.keyAchievements(try builder.db.achievements(of: c.id), year: year).map(builder.recordText).joined(separator: "; ")
        return [.number(number), .text(c.name), .text(position), .text(e.unitName), .text(key.isEmpty ? s("report.none") : key),
                .text(s("docx.list.votes", c.approvals, builder.percent(c))), .text(try awardsMet(c.id, year: year))]
    }

    /// "Chiến sĩ thi đua ngành Kiểm sát nhân dân; Bằng khen … (đơn vị xác nhận)": the awards of the candidate's path
    /// whose every requirement the records can show is met in the review year, by name; those that also need the
    /// unit's attestation say so. Awards no record can judge are left out: the list says what the records show.
    func awardsMet(_ id: String, year: Int) throws -> String {
        guard let path = try builder.db.awardPath(id: id, year: year), path.set != nil else { return s("docx.list.no_rules", year) }
        let met = path.steps.filter { $0.met && $0.judgedFromRecords }.map { step in
            s.awardName(step.rule.award) + (step.toAttest.isEmpty ? "" : " " + s("docx.list.to_attest"))
        }
        return met.isEmpty ? s("report.none") : met.joined(separator: "; ")
    }
}
