import DienHinhCore
import DienHinhResources
import Foundation

/// The award path in words a secretary checks against the texts: each award, met or what is missing, how soon,
/// the vote it needs and the article it rests on. The CLI and the profile panel print the same lines.
public struct AwardPathText: Sendable {
    public let strings: Strings

    public init(strings: Strings) { self.strings = strings }

    private var english: Bool { strings.language == .en }

    /// "Huân chương Lao động hạng Ba".
    public func awardName(_ code: String) -> String {
        guard let kind = AwardRule.record(forAward: code) else { return code }
        return kindName(kind)
    }

    public func kindName(_ k: RecordKind) -> String {
        let name = strings("award.\(k.type.rawValue)")
        return k.awardClass.map { name + " " + strings("path.class.\($0)") } ?? name
    }

    private func kindsName(_ ks: [RecordKind]) -> String {
        ks.map(kindName).joined(separator: strings("path.or"))
    }

    /// "Nghị định số 91/2017/NĐ-CP": the document's title up to its date.
    public func documentName(_ key: String, in set: AwardRuleSet) -> String { set.shortTitle(of: key, english: english) }

    /// "Điều 9 khoản 2, Nghị định số 91/2017/NĐ-CP".
    public func source(_ s: LegalSource, in set: AwardRuleSet) -> String {
        let place = [s.article, s.clause ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
        return (place.isEmpty ? strings("path.article_unknown") : place) + ", " + documentName(s.document, in: set)
    }

    /// What the requirement asks, with its number.
    public func requirement(_ r: AwardRequirement) -> String {
        switch r.condition {
        case .consecutive(let k, let n): strings("path.req.consecutive", n, kindName(k))
        case .count(let ks, let m, let w):
            w == 1 ? strings("path.req.count_year", m, kindsName(ks)) : strings("path.req.count", m, kindsName(ks), w)
        case .since(let k, let n, let each): strings("path.req.since", kindName(k), n, kindName(each))
        case .anyOf(let inner): strings("path.req.any_of", inner.map(requirement).joined(separator: strings("path.or_clause")))
        case .noDiscipline(let w): w == 1 ? strings("path.req.no_discipline_year") : strings("path.req.no_discipline", w)
        case .attested(let vi, let en): english ? en : vi
        }
    }

    /// What there is and what is still needed ("có 2019, 2020; cần 2021").
    public func shortfall(_ s: Shortfall) -> String {
        func years(_ ys: [Int]) -> String { ys.isEmpty ? strings("path.none") : Self.yearList(ys) }
        switch s {
        case .run(_, _, let has, let needs):
            return has.isEmpty ? strings("path.short.run_none", years(needs)) : strings("path.short.run", years(has), years(needs))
        case .count(_, let m, _, let has): return strings("path.short.count", has, m)
        case .noPrior(let k): return strings("path.short.no_prior", kindName(k))
        case .afterPrior(let k, let p, _, _, let has, let needs, let broken):
            if let broken { return strings("path.short.broken", kindName(k), p, broken) }
            return strings("path.short.after_prior", kindName(k), p, years(has), years(needs))
        case .discipline(let ys, _): return strings("path.short.discipline", Self.yearList(ys))
        case .noneOf: return strings("path.short.none_of")
        }
    }

    /// "2019, 2020" or "2018–2021" for a run of four or more.
    static func yearList(_ ys: [Int]) -> String {
        let sorted = Array(Set(ys)).sorted()
        if sorted.count >= 4, let f = sorted.first, let l = sorted.last, l - f + 1 == sorted.count { return "\(f)–\(l)" }
        return sorted.map(String.init).joined(separator: ", ")
    }

    /// "Bỏ phiếu kín, ít nhất 90% tổng số thành viên Hội đồng".
    public func vote(_ v: VoteRule) -> String {
        let percent = Self.percent(v.share)
        let key = v.bloc ? "path.vote.bloc" : v.ofAllMembers ? "path.vote.all" : "path.vote.present"
        let how = v.secret.map { $0 ? "path.vote.secret" : "path.vote.open" } ?? "path.vote.plain"
        return strings(how, strings(key, percent))
    }

    static func percent(_ f: Fraction) -> String {
        let tenths = (f.numerator * 1000 + f.denominator / 2) / f.denominator
        return tenths % 10 == 0 ? "\(tenths / 10)%" : "\(tenths / 10),\(tenths % 10)%"
    }

    /// What an unmet award still needs, in one phrase: the first requirement short, and how soon a run reaches it.
    public func gap(_ step: AwardStep) -> String {
        var parts: [String] = []
        if let first = step.missing.first {
            parts.append(requirement(first.requirement) + (first.shortfall.map { ": " + shortfall($0) } ?? ""))
        }
        if step.missing.count > 1 { parts.append(strings("path.more_missing", step.missing.count - 1)) }
        if let e = step.earliestYear { parts.append(strings("path.gap_earliest", e)) }
        return parts.joined(separator: "; ")
    }

    /// The headline of one award: mark, name, and met / held / how soon.
    public func headline(_ step: AwardStep) -> String {
        let attest = !step.toAttest.isEmpty
        let mark = !step.met ? "✗" : attest ? "?" : "✓"
        var s = mark + " " + awardName(step.rule.award)
        if step.met && !step.judgedFromRecords { s += " — " + strings("path.attest_only") }
        else if step.met { s += " — " + strings(attest ? "path.met_attest" : "path.met", step.year) }
        else if let e = step.earliestYear { s += " — " + strings("path.earliest", e) }
        else { s += " — " + strings("path.not_reachable") }
        if let h = step.heldIn, step.rule.record.map({ !$0.type.isOncePerYear }) ?? true, h < step.year || !step.met {
            s += " " + strings("path.held", h)
        }
        if !step.rule.confirmed { s += " " + strings("path.unconfirmed") }
        return s
    }

    /// Every line of one award, indented under its headline: requirements (✓/✗/?), vote, consultation, source.
    public func lines(_ step: AwardStep, in set: AwardRuleSet) -> [String] {
        var out = [headline(step)]
        for (i, o) in step.outcomes.enumerated() {
            let mark = o.met == true ? "✓" : o.met == false ? "✗" : "?"
            var line = "   \(mark) \(i + 1). " + requirement(o.requirement)
            if o.met == false, let s = o.shortfall { line += ": " + shortfall(s) }
            if o.met == nil { line += " " + strings("path.attest") }
            if !o.requirement.confirmed { line += " " + strings("path.unconfirmed_editable") }
            if let src = o.requirement.source { line += " [" + source(src, in: set) + "]" }
            out.append(line)
            if o.met == false, case .anyOf = o.requirement.condition {
                for a in o.alternatives where a.met == false {
                    if let s = a.shortfall { out.append("      – " + requirement(a.requirement) + ": " + shortfall(s)) }
                }
            }
        }
        if step.met, !step.evidence.isEmpty {
            out.append("   " + strings("path.evidence", step.evidence.map { evidence($0) }.joined(separator: "; ")))
        }
        if let v = step.rule.vote {
            var line = "   " + vote(v)
            if !v.confirmed { line += " " + strings("path.unconfirmed") }
            if let src = v.source { line += " [" + source(src, in: set) + "]" }
            out.append(line)
        }
        if let c = step.rule.consultation, c.required {
            var line = "   " + strings("path.consultation")
            if !c.confirmed { line += " " + strings("path.unconfirmed") }
            if let src = c.source { line += " [" + source(src, in: set) + "]" }
            out.append(line)
        }
        out.append("   " + strings("path.source", source(step.rule.source, in: set)))
        return out
    }

    func evidence(_ a: Achievement) -> String {
        var s = strings("award.\(a.type.rawValue)")
        if let c = a.awardClass { s += " " + strings("path.class.\(c)") }
        return s + " " + String(a.year)
    }

    /// Every rule of a set as a Markdown table a secretary checks against the texts (docs/AWARD-RULES.md is this
    /// output, and a test keeps it so), then the documents it cites.
    public func markdown(_ set: AwardRuleSet) -> [String] {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        func mark(_ confirmed: Bool) -> String { confirmed ? "✓" : "✗ " + strings("rules.md.unconfirmed") }
        var out = ["### " + strings("rules.heading", set.period, set.version, set.fromYear, set.toYear.map(String.init) ?? "…"), "",
                   "| " + ["award", "kind", "conditions", "vote", "consultation", "source", "confirmed"]
                       .map { strings("rules.md.\($0)") }.joined(separator: " | ") + " |",
                   "|" + String(repeating: "---|", count: 7)]
        func cited(_ text: String, _ confirmed: Bool, _ src: LegalSource?) -> String {
            let from: String = src.map { "; " + source($0, in: set) } ?? ""
            return text + " (" + mark(confirmed) + from + ")"
        }
        for rule in set.rules {
            var parts: [String] = []
            for (i, r) in rule.requirements.enumerated() { parts.append("\(i + 1). " + cited(requirement(r), r.confirmed, r.source)) }
            let conditions = parts.joined(separator: "<br>")
            let vote: String = rule.vote.map { cited(self.vote($0), $0.confirmed, $0.source) } ?? "—"
            let consult: String = rule.consultation.map {
                cited(strings($0.required ? "rules.md.required" : "rules.md.not_required"), $0.confirmed, $0.source)
            } ?? "—"
            out.append("| " + [awardName(rule.award), strings("rules.kind.\(rule.kind.rawValue)"), conditions, vote, consult,
                               source(rule.source, in: set), mark(rule.confirmed)].map(cell).joined(separator: " | ") + " |")
        }
        out += ["", "| " + strings("rules.md.document") + " | " + strings("rules.md.in_force") + " | " + strings("rules.md.confirmed")
                + " | " + strings("rules.md.url") + " |", "|---|---|---|---|"]
        for (_, d) in set.documents.sorted(by: { $0.key < $1.key }) {
            out.append("| " + [english ? d.en : d.vi, d.inForce ?? "—", mark(d.confirmed), d.url ?? "—"].map(cell).joined(separator: " | ") + " |")
        }
        return out
    }

    /// The whole path: the period's heading, then each award.
    public func render(_ steps: [AwardStep], set: AwardRuleSet?, year: Int) -> [String] {
        guard let set else { return [strings("path.no_rule_set", year)] }
        var out = [strings("path.heading", year, set.period, set.fromYear, set.toYear.map(String.init) ?? "…")]
        for step in steps { out.append(""); out += lines(step, in: set) }
        return out
    }
}
