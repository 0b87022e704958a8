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

    /// One record of the history as the folder prints it.
    struct HistoryLine {
        var year: Int
        var record: String
        var decisionNo: String?
        var decisionDate: String?
        var issuer: String
    }

    /// "10/12" for a decision of the record's own year (the year column says it), else the full "05/01/2020".
    static func shortDate(_ iso: String, year: Int) -> String {
        let full = FieldParsing.displayDate(iso)
        return iso.hasPrefix("\(year)-") && full.hasSuffix("/\(year)") ? String(full.dropLast(5)) : full
    }

    /// The history with each record from the same issuer on one row, its years folded into ranges
    /// ("2010–2019 Hoàn thành xuất sắc nhiệm vụ", "2012, 2014, 2018–2019 Chiến sỹ thi đua cơ sở") and its decisions'
    /// numbers, so that a long career fits the page of the members' folder; a record held once keeps its decision's
    /// number and date.
    func folded(_ lines: [HistoryLine]) -> [[ReportCell]] {
        var runs: [[HistoryLine]] = []
        for line in lines.sorted(by: { $0.year < $1.year }) {
            if let i = runs.firstIndex(where: { $0[0].record == line.record && $0[0].issuer == line.issuer }) {
                runs[i].append(line)
            } else {
                runs.append([line])
            }
        }
        return runs.map { run in
            let first = run[0], last = run[run.count - 1]
            guard run.count > 1 else {
                return [.number(first.year), .text(first.record),
                        .text([first.decisionNo, first.decisionDate].compactMap { $0 }.joined(separator: ", ")), .text(first.issuer)]
            }
            // A long run names its first and last decisions (the years say how many): every number is in the records.
            let numbers = run.compactMap(\.decisionNo)
            let decisions = numbers.count > 2 ? strings("folder.decisions", numbers[0], numbers[numbers.count - 1])
                : numbers.joined(separator: "; ")
            let years = Self.years(run.map(\.year))
            return [.text(years), .text(first.record), .text(decisions), .text(first.issuer)]
        }
    }

    /// "2010–2013, 2016, 2018–2019": the years, each run of two or more as a range.
    static func years(_ list: [Int]) -> String {
        var parts: [String] = [], run: [Int] = []
        func close() {
            guard let f = run.first, let l = run.last else { return }
            parts.append(f == l ? "\(f)" : "\(f)–\(l)")
        }
        for y in Set(list).sorted() {
            if let l = run.last, y != l + 1 { close(); run = [] }
            run.append(y)
        }
        close()
        return parts.joined(separator: ", ")
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
            var who = ["\(s("profile.kind")): \(s("kind.\(c.kind.rawValue)"))", "\(s("profile.unit")): \(unit?.name ?? c.unitCode)"]
            if let p = c.position { who.append("\(s("profile.position")): \(p)" + (c.isLeader ? " — " + s("profile.leader") : "")) }
            // Who the candidate is in one sentence ("Loại: Cá nhân; đơn vị: …; chức vụ: …"): the page is for the records.
            let lines = OfficialDocuments.runOn(who + [s("profile.history", records.count)], groups: [who.count + 1])
            // The issuer ("Viện trưởng VKSND huyện Nam Đông") on one line, so that a row is a line.
            var history = ReportTable(
                header: ["folder.col.year", "folder.col.record", "folder.col.decision", "folder.col.issuer"].map { s($0) },
                rows: folded(records.map { a in
                    HistoryLine(year: a.year, record: record(a, vt), decisionNo: a.decisionNo,
                                decisionDate: a.decisionDate.map { Self.shortDate($0, year: a.year) }, issuer: a.issuer ?? "")
                }), smallest: true)
            history.shares = [15, 28, 21, 36]
            sections.append(ReportSection(heading: "\(c.name) (\(c.id))", lines: lines, table: history,
                                          newPage: !sections.isEmpty))
            // A year no plan covers is not judged: the folder says so, as the profile does.
            guard let plan, let verdict = try db.verdict(id: id, year: year, parameters: plan.parameters ?? .plan) else {
                sections.append(ReportSection(heading: s("folder.verdict", year), lines: [s("verdict.no_plan", year, plans.listing)]))
                continue
            }
            // The clauses as a small table, so a candidate's page holds its history and its verdict.
            var clauses = ReportTable(
                header: ["folder.col.met", "folder.col.clause", "folder.col.finding"].map { s($0) },
                rows: verdict.clauses.map { line in
                    [.text(line.met ? "✓" : "✗"), .text(wording.text(line.clause, s.language, parameters: verdict.parameters)),
                     .text(vt.finding(line.finding, year: verdict.year))]
                }, smallest: true)
            clauses.shares = [5, 50, 45]
            let outcome = s(verdict.eligible ? "verdict.eligible" : "verdict.not_eligible")
            sections.append(ReportSection(heading: s("folder.verdict", year) + ": " + outcome.prefix(1).lowercased() + outcome.dropFirst(),
                                          table: clauses))
        }
        if ids.isEmpty { sections.append(ReportSection(heading: "", lines: [s("folder.empty", year)])) }
        return ReportDocument(title: s("folder.title"), subtitle: [s("folder.subtitle", year)], sections: sections,
                              language: s.language.rawValue)
    }
}
