import DienHinhCore
import DienHinhResources
import Foundation

/// The count minutes (biên bản kiểm phiếu) of a closed round, with every field of VOTING.md,
/// in the user's language: Markdown for printing, CSV (written with a BOM) for Excel.
public struct CountMinutes {
    public var info: RoundInfo
    public var result: RoundResult
    public var voters: [VoterEntry]
    public var unitNames: [String: String]
    public var place: String?
    public var committee: [String]
    public var strings: Strings
    /// The audit entry that sealed this round's result and the log's head when the minutes were printed, in short
    /// form: `audit verify --head HEAD` later proves the file still extends what was signed.
    public var seal: String?
    public var head: String?
    /// The round's conflicts of interest: who was flagged or declared, and who recused from whom.
    public var conflicts = RoundConflicts()
    /// For a round opened for an award: "Căn cứ khoản 7 Điều 30 Nghị định số 98/2023/NĐ-CP, …" (`basis(_:in:strings:)`).
    public var basis: String?

    private var s: Strings { strings }

    public init(info: RoundInfo, result: RoundResult, voters: [VoterEntry], unitNames: [String: String], place: String?,
                committee: [String], strings: Strings) {
        self.info = info; self.result = result; self.voters = voters; self.unitNames = unitNames; self.place = place
        self.committee = committee; self.strings = strings
    }

    /// The same minutes as a report document, for HTML and XLSX (Markdown and CSV keep their own layout).
    public func document() -> ReportDocument {
        let b = result.ballots
        let committeeText = committee.isEmpty ? s("minutes.blank") : committee.joined(separator: ", ")
        return ReportDocument(
            title: s("minutes.title"),
            subtitle: [s("minutes.council")],
            sections: [
                ReportSection(heading: s("minutes.round"), lines: [
                    "\(s("minutes.session")): \(info.session.title) (\(info.session.id))",
                    "\(s("minutes.round")): \(roundLine) (\(info.id))",
                    "\(s("minutes.date")): \(s("minutes.opened_closed", LocalTime.minute(info.openedAt), info.closedAt.map(LocalTime.minute) ?? ""))",
                    "\(s("minutes.place")): \(place ?? s("minutes.blank"))",
                    "\(s("minutes.chair")): \(names(.chair))",
                    "\(s("minutes.secretary")): \(names(.secretary))",
                    "\(s("minutes.committee")): \(committeeText)",
                ] + [basis].compactMap { $0 }),
                ReportSection(heading: s("minutes.attendance"), lines: [
                    "\(s("minutes.members")): \(result.members)",
                    "\(s("minutes.present")): \(result.present)",
                    "\(s("minutes.absent")): \(result.absent)",
                ] + absentLines),
                ReportSection(heading: s("minutes.ballots"), lines: [
                    "\(s("minutes.issued")): \(b.issued)",
                    "\(s("minutes.returned")): \(b.cast)",
                    "\(s("minutes.written")): \(b.written)",
                    "\(s("minutes.valid")): \(b.valid)",
                    "\(s("minutes.invalid")): \(b.invalid) (\(s("minutes.invalid_reasons")): \(invalidText))",
                    thresholdLine,
                ] + [unvotedLine].compactMap { $0 }),
                ReportSection(heading: s("minutes.conflicts"), lines: conflictLines),
                ReportSection(heading: s("minutes.results"),
                              lines: ["\(s("minutes.elected_list")): \(electedText)"],
                              table: ReportTable(header: header, rows: result.candidates.enumerated().map { i, c in
                                  [.number(i + 1), .text(c.id), .text(c.name), .text(s("kind.\(c.kind.rawValue)")),
                                   .text(unitNames[c.unitCode] ?? c.unitCode), .number(c.approvals), .text(percent(c)),
                                   .text(s("outcome.\(c.outcome.rawValue)"))]
                              })),
                ReportSection(heading: s("minutes.ties"), lines: tieLines),
                ReportSection(heading: s("minutes.fingerprints"), lines: [s("minutes.fingerprints_note")]
                              + result.fingerprints.enumerated().map { "\($0.offset + 1). \($0.element)" }),
                ReportSection(heading: s("minutes.signatures"), lines: [
                    "\(s("minutes.chair")): \(s("minutes.sign_hint")) \(names(.chair))",
                    "\(s("minutes.secretary")): \(s("minutes.sign_hint")) \(names(.secretary))",
                    "\(s("minutes.committee")): \(s("minutes.sign_hint")) \(committeeText)",
                ] + [sealLine].compactMap { $0 }),
            ],
            language: s.language.rawValue)
    }

    /// What a round opened for an award rests on, as the minutes cite it: "Căn cứ khoản 7 Điều 30 Nghị định số
    /// 98/2023/NĐ-CP, Hội đồng bỏ phiếu xét tặng Chiến sĩ thi đua cơ sở." The article and clause are the vote rule's
    /// own, read from the period's rule set (the round recorded which); "(chưa xác minh)" when the rule set marks the
    /// vote rule or its document unconfirmed.
    public static func basis(_ a: RoundAward, in set: AwardRuleSet?, strings s: Strings) -> String {
        let rule = set?.rules.first { $0.award == a.award && ($0.vote?.source ?? $0.source).document == a.document }
        let source = rule.map { $0.vote?.source ?? $0.source }
        // A citation runs from the smallest part up: "điểm a khoản 1 Điều 16", where the rule set writes
        // article "Điều 16", clause "khoản 1, điểm a".
        let place = source.map { src in
            ((src.clause ?? "").components(separatedBy: ", ").filter { !$0.isEmpty }.reversed() + [src.article])
                .filter { !$0.isEmpty }.joined(separator: " ")
        } ?? a.article
        let document = set?.shortTitle(of: a.document, english: s.language == .en) ?? a.document
        let confirmed = a.confirmed && (rule?.vote?.confirmed ?? false) && (set?.documents[a.document]?.confirmed ?? false)
        let cited = (place.isEmpty ? s("path.article_unknown") + ", " : place + " ") + document
            + (confirmed ? "" : " " + s("minutes.unconfirmed"))
        return s("minutes.basis", cited, s.awardName(a.award))
    }

    /// The elected by name, each with its id: "Hoàng Thị Thảo (CN-TC-0007)", in the order of the result.
    var electedText: String {
        guard !result.elected.isEmpty else { return s("minutes.none") }
        let names = Dictionary(result.candidates.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return result.elected.map { id in names[id].map { "\($0) (\(id))" } ?? id }.joined(separator: ", ")
    }

    /// Members present who had not voted when the chair closed the round anyway.
    var unvotedLine: String? {
        guard let n = info.unvotedAtClose, n > 0 else { return nil }
        return s.plural("minutes.unvoted_at_close", n)
    }

    var sealLine: String? {
        guard let seal, let head else { return nil }
        return s("minutes.seal", seal, head)
    }

    var roundLine: String {
        switch (info.kind, info.runoffReason) {
        case (.runoff, "tie"): return s("minutes.round_kind.runoff_tie", info.number, info.previousRoundId ?? "")
        case (.runoff, _): return s("minutes.round_kind.runoff_unfilled", info.number, info.previousRoundId ?? "")
        default: return s("minutes.round_kind.regular", info.number)
        }
    }

    func names(_ role: CouncilRole) -> String {
        let list = info.electors.filter { $0.role == role }.map(\.name)
        return list.isEmpty ? s("minutes.blank") : list.joined(separator: ", ")
    }

    var absentLines: [String] {
        let written = Set(voters.filter(\.written).map(\.memberId))
        return info.electors.filter { !info.present.contains($0.id) }.map {
            "\($0.name) (\($0.id)): " + s(written.contains($0.id) ? "minutes.written_yes" : "minutes.written_no")
        }
    }

    /// "Phạm Quốc Bảo (M03) — Nguyễn Văn An (CN-0001): cùng đơn vị; không được chọn": one line per conflict, after the
    /// round's rule. The base stays all members whatever the rule.
    var conflictLines: [String] {
        let rule = s("minutes.conflicts_rule", s("round.conflicts.\(conflicts.rule.rawValue)"))
        guard !conflicts.entries.isEmpty else { return [rule, s("minutes.no_conflicts")] }
        let members = Dictionary(info.electors.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let candidates = Dictionary(result.candidates.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        return [rule] + conflicts.entries.map { c in
            let who = members[c.memberId].map { "\($0) (\(c.memberId))" } ?? c.memberId
            let whom = candidates[c.candidateId].map { "\($0) (\(c.candidateId))" } ?? c.candidateId
            let effect = s(conflicts.rule == .recuse ? "minutes.conflict_recused" : "minutes.conflict_flagged")
            return s("minutes.conflict_line", who, whom, s("minutes.conflict_source.\(c.source.rawValue)"), effect)
        }
    }

    var thresholdLine: String {
        let p = result.parameters
        return s("round.threshold_line", s(p.strictlyMore ? "round.more_than" : "round.at_least"), p.threshold.description,
                 s("round.base.\(p.base.rawValue)"), result.baseCount, result.requiredApprovals, p.minSeats, p.maxSeats)
    }

    var invalidText: String {
        result.invalidReasons.isEmpty ? s("minutes.none") : result.invalidReasons.map { "\($0.code) \($0.detail)" }.joined(separator: "; ")
    }

    var tieLines: [String] {
        var lines: [String] = []
        if let c = result.castingChoice {
            lines.append(s.plural("minutes.tie", c.seats, c.tied.joined(separator: ", ")))
            lines.append(s("minutes.tie_casting", c.chair, c.chosen.joined(separator: ", ")))
        } else if result.tieForSeats > 0 {
            lines.append(s.plural("minutes.tie", result.tieForSeats, result.tiedIds.joined(separator: ", ")))
            lines.append(info.followedBy.map { s("minutes.tie_runoff", $0) } ?? s("minutes.tie_pending"))
        } else {
            lines.append(s("minutes.no_tie"))
        }
        if result.unfilled > 0 { lines.append(s("minutes.unfilled", result.unfilled)) }
        return lines
    }

    func percent(_ c: CandidateResult) -> String {
        let t = c.percentText + "%"
        return s.language == .vi ? t.replacingOccurrences(of: ".", with: ",") : t
    }

    var candidateRows: [[String]] {
        result.candidates.enumerated().map { i, c in
            [String(i + 1), c.id, c.name, s("kind.\(c.kind.rawValue)"), unitNames[c.unitCode] ?? c.unitCode, String(c.approvals),
             percent(c), s("outcome.\(c.outcome.rawValue)")]
        }
    }

    var header: [String] {
        ["minutes.col.no", "minutes.col.id", "minutes.col.name", "minutes.col.kind", "minutes.col.unit", "minutes.col.approvals",
         "minutes.col.percent", "minutes.col.outcome"].map { s($0) }
    }

    func md(_ t: String) -> String {
        TextSafety.inert(t).replacingOccurrences(of: "|", with: "\\|")
    }

    public func markdown() -> String {
        let b = result.ballots
        var o: [String] = []
        // A second-level heading set off by blank lines; a list item named by its label.
        func section(_ key: String) { o += ["", "## \(s(key))", ""] }
        func item(_ key: String, _ value: CustomStringConvertible) { o.append("- \(s(key)): \(value)") }
        o.append("# \(s("minutes.title"))")
        o.append("")
        o.append("**\(s("minutes.council"))**")
        o.append("")
        o.append("- \(s("minutes.session")): \(md(info.session.title)) (\(info.session.id))")
        o.append("- \(s("minutes.round")): \(roundLine) (\(info.id))")
        item("minutes.date", s("minutes.opened_closed", LocalTime.minute(info.openedAt), info.closedAt.map(LocalTime.minute) ?? ""))
        item("minutes.place", md(place ?? s("minutes.blank")))
        item("minutes.chair", md(names(.chair)))
        item("minutes.secretary", md(names(.secretary)))
        item("minutes.committee", md(committee.isEmpty ? s("minutes.blank") : committee.joined(separator: ", ")))
        if let basis { o.append("- \(md(basis))") }
        section("minutes.attendance")
        item("minutes.members", result.members)
        item("minutes.present", result.present)
        item("minutes.absent", result.absent)
        for a in absentLines { o.append("  - \(md(a))") }
        section("minutes.ballots")
        item("minutes.issued", b.issued)
        item("minutes.returned", b.cast)
        item("minutes.written", b.written)
        item("minutes.valid", b.valid)
        o.append("- \(s("minutes.invalid")): \(b.invalid) (\(s("minutes.invalid_reasons")): \(md(invalidText)))")
        o.append("- \(thresholdLine)")
        if let u = unvotedLine { o.append("- \(u)") }
        section("minutes.conflicts")
        for line in conflictLines { o.append("- \(md(line))") }
        section("minutes.results")
        o.append("| " + header.joined(separator: " | ") + " |")
        o.append("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
        for r in candidateRows { o.append("| " + r.map(md).joined(separator: " | ") + " |") }
        o.append("")
        o.append("\(s("minutes.elected_list")): \(md(electedText))")
        section("minutes.ties")
        for t in tieLines { o.append("- \(t)") }
        section("minutes.fingerprints")
        o.append(s("minutes.fingerprints_note"))
        o.append("")
        for (i, f) in result.fingerprints.enumerated() { o.append("\(i + 1). `\(f)`") }
        section("minutes.signatures")
        o.append("| \(s("minutes.chair").uppercased()) | \(s("minutes.secretary").uppercased()) | \(s("minutes.committee").uppercased()) |")
        o.append("|---|---|---|")
        o.append("| \(s("minutes.sign_hint")) | \(s("minutes.sign_hint")) | \(s("minutes.sign_hint")) |")
        o.append("| | | |")
        o.append("| \(md(names(.chair))) | \(md(names(.secretary))) | \(md(committee.isEmpty ? s("minutes.blank") : committee.joined(separator: ", "))) |")
        if let sealLine {
            o.append("")
            o.append(sealLine)
        }
        return o.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 quoting, and never a cell a spreadsheet would run as a formula (`SpreadsheetGuard`).
    static func field(_ t: String) -> String {
        CSVWriter.field(SpreadsheetGuard.protect(TextSafety.inert(t)))
    }

    public func csv() -> String {
        let b = result.ballots
        var rows: [[String]] = []
        rows.append([s("minutes.title")])
        rows.append([s("minutes.council")])
        rows.append([s("minutes.session"), "\(info.session.title) (\(info.session.id))"])
        rows.append([s("minutes.round"), "\(roundLine) (\(info.id))"])
        rows.append([s("minutes.date"), s("minutes.opened_closed", LocalTime.minute(info.openedAt), info.closedAt.map(LocalTime.minute) ?? "")])
        rows.append([s("minutes.place"), place ?? ""])
        rows.append([s("minutes.chair"), names(.chair)])
        rows.append([s("minutes.secretary"), names(.secretary)])
        rows.append([s("minutes.committee"), committee.joined(separator: ", ")])
        if let basis { rows.append([basis]) }
        rows.append([s("minutes.members"), String(result.members)])
        rows.append([s("minutes.present"), String(result.present)])
        rows.append([s("minutes.absent"), String(result.absent)] + absentLines)
        rows.append([s("minutes.issued"), String(b.issued)])
        rows.append([s("minutes.returned"), String(b.cast)])
        rows.append([s("minutes.written"), String(b.written)])
        rows.append([s("minutes.valid"), String(b.valid)])
        rows.append([s("minutes.invalid"), String(b.invalid), invalidText])
        rows.append([s("minutes.threshold"), thresholdLine])
        if let u = unvotedLine { rows.append([u]) }
        rows.append([s("minutes.conflicts")] + conflictLines)
        rows.append([])
        rows.append(header)
        rows += candidateRows
        rows.append([])
        rows.append([s("minutes.elected_list")] + result.elected)
        rows.append([s("minutes.ties")] + tieLines)
        rows.append([s("minutes.fingerprints")] + result.fingerprints)
        rows.append([])
        rows.append([s("minutes.chair"), s("minutes.secretary"), s("minutes.committee")])
        if let sealLine { rows.append([]); rows.append([sealLine]) }
        return rows.map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}

/// Times for people: the council's local time (Asia/Ho_Chi_Minh, UTC+7) to the minute; the log keeps UTC.
public enum LocalTime {
    public static func minute(_ iso: String) -> String {
        let parse = ISO8601DateFormatter()
        parse.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        guard let date = parse.date(from: iso) ?? plain.date(from: iso) else { return iso }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: date) + " (UTC+7)"
    }
}
