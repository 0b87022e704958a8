import DienHinhCore
import DienHinhResources
import Foundation

/// A candidate's profile as plain text: for `dienhinh show` and printed folders.
public struct ProfileText: Sendable {
    public let strings: Strings

    public init(strings: Strings) { self.strings = strings }

    /// `noPlan`: the plans there are, when none covers the review year; the verdict is then not shown.
    public func render(candidate c: Candidate, unit: SectorUnit?, records: [Achievement], verdict: Verdict, provenance: Provenance?,
                       noPlan: String? = nil) -> String {
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
        lines.append("")
        if let plans = noPlan {
            lines.append(strings("verdict.no_plan", verdict.year, plans))
            return Self.oneLineEach(lines)
        }
        lines.append(strings("profile.verdict", verdict.year) + ": " + (verdict.eligible ? strings("verdict.eligible") : strings("verdict.not_eligible")))
        for line in verdict.clauses {
            lines.append("  [\(line.met ? "✓" : "✗")] \(line.clause.rawValue)  \(wording.text(line.clause, strings.language, parameters: verdict.parameters))")
            lines.append("        " + vt.finding(line.finding, year: verdict.year))
            for e in line.evidence { lines.append("        · " + vt.evidence(e)) }
        }
        for c in verdict.copies { lines.append("  ! " + vt.copies(c)) }
        return Self.oneLineEach(lines)
    }

    /// Each line as one line: a line break inside a name or a note shows as `^J` and cannot forge a line.
    static func oneLineEach(_ lines: [String]) -> String {
        lines.map(TextSafety.inert).joined(separator: "\n")
    }
}
