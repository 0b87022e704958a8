import DienHinhCore
import DienHinhResources
import Foundation

/// The kinds of `dienhinh report`.
public enum ReportKind: String, CaseIterable, Sendable {
    case selected, nominations, minutes, review
    /// The minutes of a council meeting (biên bản họp): one session, `--session`.
    case meeting
}

/// Builds each report as a `ReportDocument` from the store, in the user's language.
public struct ReportBuilder {
    public let db: AppDatabase
    public let strings: Strings
    /// ISO date the plan's phase and deadlines are measured from (injected: reports never read the clock).
    public let today: String
    public let plan: PlanDefinition

    public init(db: AppDatabase, strings: Strings, today: String, plan: PlanDefinition = .standard) {
        self.db = db; self.strings = strings; self.today = today; self.plan = plan
    }

    var s: Strings { strings }
    private var en: Bool { s.language == .en }

    func kindText(_ k: CandidateKind) -> String { s("kind.\(k.rawValue)") }
    func levelText(_ l: Level) -> String { s("level.\(l.rawValue)") }

    /// "Huân chương Lao động hạng Ba (2016)" for a record.
    public func recordText(_ a: Achievement) -> String {
        var t = s("award.\(a.type.rawValue)")
        if let c = a.awardClass, a.type.hasClasses { t += " " + s("report.class", c) }
        return "\(t) (\(a.year))"
    }

    /// The most distinguished records of a candidate (positive, prestige first, latest first), at most `limit`.
    public func keyAchievements(_ records: [Achievement], year: Int, limit: Int = 3) -> [Achievement] {
        let list = records.filter { $0.year <= year && !$0.type.isNegative && $0.type.prestige >= 40 }
        return Array(list.sorted { a, b in
            a.type.prestige != b.type.prestige ? a.type.prestige > b.type.prestige
                : (a.awardClass ?? 9) != (b.awardClass ?? 9) ? (a.awardClass ?? 9) < (b.awardClass ?? 9) : a.year > b.year
        }.prefix(limit))
    }

    func percent(_ c: CandidateResult) -> String {
        let t = c.percentText + "%"
        return en ? t : t.replacingOccurrences(of: ".", with: ",")
    }

    public func build(_ kind: ReportKind, year: Int, round: String? = nil, place: String? = nil, committee: [String] = [],
                      session: String? = nil) throws -> ReportDocument {
        switch kind {
        case .meeting:
            guard let session else { throw StoreError.refused(s("report.meeting_needs_session")) }
            return try meeting(session: session, place: place)
        case .selected: return try selected(year: year)
        case .nominations: return try nominations(year: year)
        case .review: return try review(year: year)
        case .minutes:
            guard let round else { throw StoreError.refused(s("report.minutes_needs_round")) }
            return try minutes(round: round, place: place, committee: committee).document()
        }
    }

    // MARK: selected

    public func selected(year: Int) throws -> ReportDocument {
        let list = try db.selected(year: year)
        var rows: [[ReportCell]] = []
        for (i, e) in list.enumerated() {
            let c = e.result
            let key = keyAchievements(try db.achievements(of: c.id), year: year).map(recordText).joined(separator: "; ")
            rows.append([.number(i + 1), .text(c.id), .text(c.name), .text(kindText(c.kind)), .text(e.unitName),
                         .text(key.isEmpty ? s("report.none") : key), .number(c.approvals), .text(percent(c)), .text(e.roundId)])
        }
        let header = ["report.col.no", "report.col.id", "report.col.name", "report.col.kind", "report.col.unit",
                      "report.col.key_achievements", "report.col.approvals", "report.col.percent", "report.col.round"].map { s($0) }
        let collectives = list.filter { $0.result.kind == .collective }.count
        var lines = [s("report.selected.count", list.count, collectives, list.count - collectives)]
        if list.isEmpty { lines.append(s("report.selected.empty", year)) }
        return ReportDocument(
            title: s("report.selected.title"), subtitle: [s("report.selected.subtitle", year)],
            sections: [ReportSection(heading: s("report.selected.heading"), lines: lines, table: ReportTable(header: header, rows: rows))],
            language: s.language.rawValue)
    }

    // MARK: nominations

    public func nominations(year: Int, quota: NominationQuota = .plan) throws -> ReportDocument {
        let noms = try db.nominations(year: year)
        let byUnit = Dictionary(grouping: noms, by: \.nomination.unitCode)
        let units = try db.units(level: nil, year: year)
        var rows: [[ReportCell]] = []
        var none = 0, full = 0, partial = 0, over = 0, overrides = 0
        for u in units {
            let list = byUnit[u.code] ?? []
            let nc = list.filter { $0.nomination.kind == .collective }.count
            let ni = list.count - nc
            var notes: [String] = []
            if list.isEmpty {
                notes.append(s("report.nominations.none")); none += 1
            } else if nc > quota.collectives || ni > quota.individuals {
                notes.append(s("report.nominations.over", quota.collectives, quota.individuals)); over += 1
            } else if nc == quota.collectives && ni == quota.individuals {
                full += 1
            } else {
                notes.append(s("report.nominations.partial", quota.collectives - nc, quota.individuals - ni)); partial += 1
            }
            for n in list where n.nomination.overrideReason != nil || !n.eligible {
                overrides += 1
                notes.append(s("report.nominations.override", n.nomination.candidateId, n.nomination.overrideReason ?? s("report.none")))
            }
            let who = list.map { "\($0.name) (\($0.nomination.candidateId))" }.joined(separator: "; ")
            rows.append([.number(rows.count + 1), .text(u.code), .text(u.name), .text(levelText(u.level)),
                         .text("\(nc)/\(quota.collectives)"), .text("\(ni)/\(quota.individuals)"), .text(who),
                         .text(notes.joined(separator: "; "))])
        }
        let header = ["report.col.no", "report.col.unit_code", "report.col.unit", "report.col.level", "report.col.collectives",
                      "report.col.individuals", "report.col.nominees", "report.col.notes"].map { s($0) }
        let lines = [
            s("report.nominations.summary", units.count, units.count - none, noms.count),
            s("report.nominations.full", full),
            s("report.nominations.partial_count", partial),
            s("report.nominations.none_count", none),
            s("report.nominations.over_count", over),
            s("report.nominations.override_count", overrides),
        ]
        return ReportDocument(
            title: s("report.nominations.title"), subtitle: [s("report.nominations.subtitle", year, quota.collectives, quota.individuals)],
            sections: [ReportSection(heading: s("report.nominations.heading"), lines: lines, table: ReportTable(header: header, rows: rows))],
            language: s.language.rawValue)
    }

    // MARK: minutes

    public func minutes(round: String, place: String? = nil, committee: [String] = []) throws -> CountMinutes {
        let info = try db.roundInfo(round: round)
        let result = try db.result(round: round)
        let voters = try db.voters(round: round)
        var units: [String: String] = [:]
        for c in result.candidates where units[c.unitCode] == nil { units[c.unitCode] = try db.unit(c.unitCode)?.name ?? c.unitCode }
        var m = CountMinutes(info: info, result: result, voters: voters, unitNames: units, place: place, committee: committee, strings: s)
        m.conflicts = try db.conflicts(round: round)
        m.basis = try basis(round: round)
        return m
    }

    /// The minutes' citation of the award a round was opened for and its vote rule; nil for a round of the plan's
    /// own vote (no award).
    public func basis(round: String) throws -> String? {
        guard let a = try db.roundAward(round: round) else { return nil }
        return CountMinutes.basis(a, in: try db.awardRules().ruleSet(period: a.period), strings: s)
    }

    // MARK: review

    public func review(year: Int) throws -> ReportDocument {
        let levelNames = Dictionary(uniqueKeysWithValues: Level.allCases.map { ($0, levelText($0)) })
        let f = try db.reviewFigures(year: year, today: today, english: en, levelNames: levelNames, plan: plan)
        let figHeader = ["report.col.group", "report.col.units", "report.col.candidates", "report.col.eligible", "report.col.registered",
                         "report.col.nominated", "report.col.selected"].map { s($0) }
        func figRow(_ r: FigureRow, label: String? = nil) -> [ReportCell] {
            [.text(label ?? r.label), .number(r.units), .number(r.candidates), .number(r.eligible), .number(r.registered),
             .number(r.nominated), .number(r.selected)]
        }
        var sections: [ReportSection] = []
        var phaseLines: [String] = []
        if let p = f.phase { phaseLines.append(s("report.review.phase", p.title.text(english: en))) }
        if let d = f.nextDeadline {
            phaseLines.append(s("report.review.next_deadline", d.approximate ? String(d.date.prefix(4)) : FieldParsing.displayDate(d.date),
                                d.title.text(english: en)))
        }
        phaseLines.append(s("report.review.as_of", FieldParsing.displayDate(f.asOf)))
        sections.append(ReportSection(heading: s("report.review.plan"), lines: phaseLines))
        sections.append(ReportSection(heading: s("report.review.by_level"), lines: [],
                                      table: ReportTable(header: figHeader, rows: f.levels.map { figRow($0) } + [figRow(f.total, label: s("report.total"))])))
        sections.append(ReportSection(heading: s("report.review.by_region"), lines: [s("report.review.region_note")],
                                      table: ReportTable(header: figHeader, rows: f.regions.map {
                                          figRow($0, label: $0.key == "VKSTC" ? s("report.region.supreme") : $0.label)
                                      })))
        // Registrations (III.1).
        // Every registration, each marked on time or late (the table says what it holds).
        let registered = try db.registrations(deadline: plan.registrationDeadline)
        sections.append(ReportSection(
            heading: s("report.review.registrations"),
            lines: [s("report.review.registrations_line", f.registrations, FieldParsing.displayDate(plan.registrationDeadline), f.lateRegistrations),
                    s("report.review.units_missing", f.unitsWithoutRegistration, f.unitsTotal)],
            table: registered.isEmpty ? nil : ReportTable(
                header: ["report.col.id", "report.col.name", "report.col.unit", "report.col.date", "report.col.timing"].map { s($0) },
                rows: registered.map { [.text($0.registration.candidateId), .text($0.registration.name), .text($0.unitName),
                                        .text(FieldParsing.displayDate($0.registration.date)),
                                        .text(s("report.timing.\($0.timing.rawValue)"))] })))
        // Proposals and the AHLD target (I.1).
        sections.append(ReportSection(
            heading: s("report.review.proposals", year),
            lines: f.proposals.isEmpty ? [s("report.review.no_proposals", year)] : [],
            table: f.proposals.isEmpty ? nil : ReportTable(
                header: ["report.col.id", "report.col.name", "report.col.kind", "report.col.award", "report.col.outcome"].map { s($0) },
                rows: f.proposals.map { [.text($0.candidateId), .text($0.name), .text(kindText($0.kind)), .text(s("award.\($0.award.rawValue)")),
                                         .text(s("proposal.outcome.\($0.outcome.rawValue)"))] })))
        let a = f.ahld
        var ahldLines = [s("report.review.ahld_progress", a.count, a.target, a.byYear, a.approved)]
        for p in a.proposed { ahldLines.append(s("report.review.ahld_proposed", p.name, p.year, s("proposal.outcome.\(p.outcome.rawValue)"))) }
        for p in a.rejected { ahldLines.append(s("report.review.ahld_rejected", p.name, p.year)) }
        sections.append(ReportSection(
            heading: s("report.review.ahld"), lines: ahldLines,
            table: ReportTable(header: ["report.col.no", "report.col.id", "report.col.name", "report.col.score", "report.col.why"].map { s($0) },
                               rows: a.closest.enumerated().map { i, r in
                                   [.number(i + 1), .text(r.candidate.id), .text(r.candidate.name), .number(r.score),
                                    .text(PlanText.why(r, s))]
                               })))
        // Promotion (III.2–3).
        let promos = try db.promotions(year: year)
        sections.append(ReportSection(
            heading: s("report.review.promotion", year),
            lines: f.promotionByChannel.map { s("report.review.channel_line", s("channel.\($0.channel.rawValue)"), $0.count) },
            table: promos.isEmpty ? nil : ReportTable(
                header: ["report.col.date", "report.col.name", "report.col.channel", "report.col.title", "report.col.ref"].map { s($0) },
                rows: promos.map { [.text(FieldParsing.displayDate($0.entry.date)), .text($0.name), .text(s("channel.\($0.entry.channel.rawValue)")),
                                    .text($0.entry.title), .text($0.entry.reference ?? "")] })))
        // The sector's checklist (clause 2).
        let list = try db.checklist(unit: nil, plan: plan)
        sections.append(ReportSection(
            heading: s("report.review.checklist"), lines: [],
            table: ReportTable(header: ["report.col.activity", "report.col.phase", "report.col.title", "report.col.done"].map { s($0) },
                               rows: list.map { c in
                                   [.text(c.activity.id), .number(c.activity.phase), .text(c.activity.title.text(english: en)),
                                    .text(PlanText.doneText(c, s))]
                               })))
        return ReportDocument(title: s("report.review.title"), subtitle: [s("report.review.subtitle", year)], sections: sections,
                              language: s.language.rawValue)
    }
}

extension Strings {
    /// "Huân chương Lao động hạng Ba" for an award of the rule sets (`HCLD_3`), named as the award path names it.
    public func awardName(_ code: String) -> String {
        guard let k = AwardRule.record(forAward: code) else { return code }
        return self("award.\(k.type.rawValue)") + (k.awardClass.map { " " + self("path.class.\($0)") } ?? "")
    }
}

/// Words for plan values, shared by the command line and the reports.
public enum PlanText {
    /// Why a collective is close to Anh hùng Lao động, in words.
    public static func why(_ r: AHLDReadiness, _ s: Strings) -> String {
        r.explanation(s.format)
    }

    public static func doneText(_ c: ChecklistItem, _ s: Strings) -> String {
        if c.unitsTotal > 1 {
            return s("plan.units_done", c.unitsDone, c.unitsTotal)
        }
        return c.doneDate.map { s("plan.done_on", FieldParsing.displayDate($0)) } ?? s("plan.not_done")
    }
}
