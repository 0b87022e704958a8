import DienHinhCore
import DienHinhResources
import Foundation

/// A candidate's profile as plain text: for `dienhinh show` and printed folders.
public struct ProfileText: Sendable {
    public let strings: Strings

    public init(strings: Strings) { self.strings = strings }

    /// `noPlan`: the plans there are, when none covers the review year; the verdict is then not shown.
    public func render(candidate c: Candidate, unit: SectorUnit?, records: [Achievement], verdict: Verdict, provenance: Provenance?,
                       noPlan: String? = nil, changes: [RecordChange] = []) -> String {
        let vt = VerdictText(strings: strings)
        let wording = ClauseWording.shipped
        var lines: [String] = []
        lines.append("\(c.name)  [\(c.id)]")
        lines.append(strings("profile.kind") + ": " + strings("kind.\(c.kind.rawValue)"))
        lines.append(strings("profile.unit") + ": " + (unit.map { "\($0.name) (\($0.code))" } ?? c.unitCode))
        if let p = c.position { lines.append(strings("profile.position") + ": " + p + (c.isLeader ? " — " + strings("profile.leader") : "")) }
        if let p = provenance, p.user != nil || p.at != nil {
            lines.append(strings("profile.entered", p.unitCode ?? "?", p.user ?? "?", p.at ?? "?"))
        }
        lines.append("")
        lines.append(strings("profile.history", records.count))
        for year in Set(records.map(\.year)).sorted() {
            let items = records.filter { $0.year == year }.map { a in
                vt.evidence(Evidence(a))
            }
            lines.append("  \(year)  " + items.joined(separator: "; "))
        }
        if !changes.isEmpty {
            lines.append("")
            lines.append(strings("profile.changes", changes.count))
            for change in changes { lines.append("  " + changeLine(change)) }
        }
        lines.append("")
        if let plans = noPlan {
            lines.append(strings("verdict.no_plan", verdict.year, plans))
            return Self.oneLineEach(lines)
        }
        lines.append(strings("profile.verdict", verdict.year) + ": " + (verdict.eligible ? strings("verdict.eligible") : strings("verdict.not_eligible")))
        for line in verdict.clauses {
            lines.append("  [\(line.met ? "✓" : "✗")] \(wording.text(line.clause, strings.language, parameters: verdict.parameters)) (\(wording.label(line.clause, strings)))")
            lines.append("        " + vt.finding(line.finding, year: verdict.year))
            for e in line.evidence { lines.append("        · " + vt.evidence(e)) }
        }
        for c in verdict.copies { lines.append("  ! " + vt.copies(c)) }
        return Self.oneLineEach(lines)
    }

    /// "07/12/2026 10:02  sửa  2019 SANG_KIEN — Nguyễn Thị Hạnh (VKSH.429): Ghi chú: (trống) → sửa"
    public func changeLine(_ ch: RecordChange) -> String {
        let who = strings("change.by", ch.by.user ?? "?", ch.by.unitCode ?? "?")
        let fields = ch.fields.map { f in
            strings("form.field.\(f.name)") + ": " + value(f.name, f.before) + " → " + value(f.name, f.after)
        }
        return Self.localTime(ch.by.at) + "  " + strings("change.\(ch.change)") + "  " + ch.label + " — " + who
            + (fields.isEmpty ? "" : ": " + fields.joined(separator: "; "))
    }

    func value(_ field: String, _ v: String?) -> String {
        guard let v, !v.isEmpty else { return strings("change.empty") }
        if RecordChange.flags.contains(field) { return v == "0" ? strings("no") : strings("yes") }
        return v
    }

    /// An ISO 8601 time as the council reads it: Asia/Ho_Chi_Minh, to the minute.
    static func localTime(_ iso: String?) -> String {
        guard let iso else { return "?" }
        timeLock.lock()
        defer { timeLock.unlock() }
        guard let date = isoTime.date(from: iso) else { return iso }
        return councilTime.string(from: date)
    }

    // Made once: two formatters per line (a locale and a time zone looked up each time) were 0.4 ms a change, most
    // of redrawing a profile with a long history. Used under the lock, as formatters are not shared safely.
    private static let timeLock = NSLock()
    nonisolated(unsafe) private static let isoTime = ISO8601DateFormatter()
    nonisolated(unsafe) private static let councilTime: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)
        f.dateFormat = "dd/MM/yyyy HH:mm"
        return f
    }()

    /// Each line as one line: a line break inside a name or a note shows as `^J` and cannot forge a line.
    static func oneLineEach(_ lines: [String]) -> String {
        lines.map(TextSafety.inert).joined(separator: "\n")
    }
}
