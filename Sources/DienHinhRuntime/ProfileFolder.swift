import DienHinhApp
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

/// The members' folder (hồ sơ tóm tắt): one page per candidate with the record history and the verdict of the
/// review year, clause by clause. The verdicts are worded by the terminal's `VerdictText`, so the folder says what the
/// profile screen and `show` say; the page is laid out by the store's document writer like every other document.
/// `report profiles` and the profile screen's `p` both build it here.
public struct ProfileFolder {
    public let db: AppDatabase
    public let strings: Strings

    public init(db: AppDatabase, strings: Strings) { self.db = db; self.strings = strings }

    /// "Huân chương Lao động hạng Ba (đề nghị …)": the award in words; year and decision have their own columns.
    func record(_ a: Achievement, _ vt: VerdictText) -> String {
        var t = vt.awardName(a.type)
        if let c = a.awardClass { t += " " + strings("award.class", c) }
        if let p = a.proposedAward { t += " (" + strings("award.proposed", vt.awardName(p)) + ")" }
        return t
    }

    public func document(year: Int, ids: [String]) throws -> ReportDocument {
        let s = strings
        let vt = VerdictText(strings: s)
        let wording = ClauseWording.shipped
        let plans = try db.plans()
        let plan = plans.plan(forYear: year)
        var sections: [ReportSection] = []
        for id in ids {
            guard let c = try db.candidate(id) else { throw StoreError.refused(s("candidate.unknown", id)) }
            let unit = try db.unit(ofCandidate: id, year: year) ?? db.unit(c.unitCode)
            // What was known in the review year: later records are not part of that year's file.
            let records = (try db.achievements(of: id) + db.predecessorRecords(of: id)).filter { $0.year <= year }.sorted { ($0.year, $0.type.rawValue) < ($1.year, $1.type.rawValue) }
            var lines = ["\(s("profile.kind")): \(s("kind.\(c.kind.rawValue)"))",
                         "\(s("profile.unit")): \(unit?.name ?? c.unitCode)"]
            if let p = c.position { lines.append("\(s("profile.position")): \(p)" + (c.isLeader ? " — " + s("profile.leader") : "")) }
            lines.append(s("profile.history", records.count))
            let history = ReportTable(
                header: ["folder.col.year", "folder.col.record", "folder.col.decision", "folder.col.issuer"].map { s($0) },
                rows: records.map { a in
                    [.number(a.year), .text(record(a, vt)),
                     .text([a.decisionNo, a.decisionDate.map(FieldParsing.displayDate)].compactMap { $0 }.joined(separator: ", ")),
                     .text(a.issuer ?? "")]
                }, small: true)
            sections.append(ReportSection(heading: "\(c.name) (\(c.id))", lines: lines, table: history,
                                          newPage: !sections.isEmpty))
            // A year no plan covers is not judged: the folder says so, as the profile does.
            guard let plan, let verdict = try db.verdict(id: id, year: year, parameters: plan.parameters ?? .plan) else {
                sections.append(ReportSection(heading: s("folder.verdict", year), lines: [s("verdict.no_plan", year, plans.listing)]))
                continue
            }
            // The clauses as a small table, so a candidate's page holds its history and its verdict.
            let clauses = ReportTable(
                header: ["folder.col.met", "folder.col.clause", "folder.col.finding"].map { s($0) },
                rows: verdict.clauses.map { line in
                    [.text(line.met ? "✓" : "✗"), .text(wording.text(line.clause, s.language, parameters: verdict.parameters)),
                     .text(vt.finding(line.finding, year: verdict.year))]
                }, small: true)
            sections.append(ReportSection(heading: s("folder.verdict", year),
                                          lines: [s(verdict.eligible ? "verdict.eligible" : "verdict.not_eligible")], table: clauses))
        }
        if ids.isEmpty { sections.append(ReportSection(heading: "", lines: [s("folder.empty", year)])) }
        return ReportDocument(title: s("folder.title"), subtitle: [s("folder.subtitle", year)], sections: sections,
                              language: s.language.rawValue)
    }
}
