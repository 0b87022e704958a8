import DienHinhCore
import DienHinhResources
import Foundation
import GRDB

extension PlanRegistry {
    /// The plans shipped in Resources: the 2017–2020 plan, the seed of the others.
    public static let shipped = PlanRegistry([.standard])
}

/// A plan file refused: every problem, with where it is.
public enum PlanImport {
    /// Checks a plan file against the plans there are; the plan, or the problems (file:line:column).
    public static func validate(_ data: Data, file: String, existing: PlanRegistry, strings: Strings) -> (PlanDefinition?, [InputError]) {
        let text = String(decoding: data, as: UTF8.self)
        func at(_ key: String) -> SourcePosition {
            guard let r = text.range(of: "\"\(key)\"") else { return SourcePosition(line: 1, column: 1) }
            let before = text[..<r.lowerBound]
            let line = before.filter { $0 == "\n" }.count + 1
            let column = before.count - (before.lastIndex(of: "\n").map { before.distance(from: before.startIndex, to: $0) + 1 } ?? 0) + 1
            return SourcePosition(line: line, column: column)
        }
        var errors: [InputError] = []
        func fail(_ key: String, _ message: String, _ args: CustomStringConvertible...) {
            errors.append(InputError(file: file, position: at(key), message: strings.format(message, args.map(\.description))))
        }
        let plan: PlanDefinition
        do {
            plan = try JSONDecoder().decode(PlanDefinition.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            errors.append(InputError(file: file, position: SourcePosition(line: 1, column: 1),
                                     message: strings("plan.import.missing", key.stringValue)))
            return (nil, errors)
        } catch let DecodingError.typeMismatch(_, ctx), let DecodingError.valueNotFound(_, ctx) {
            let key = ctx.codingPath.last?.stringValue ?? ""
            fail(key, "plan.import.bad_value", ctx.codingPath.map(\.stringValue).joined(separator: "."))
            return (nil, errors)
        } catch {
            errors.append(InputError(file: file, position: nil, message: strings("plan.import.not_json", "\(error)")))
            return (nil, errors)
        }
        // Every text of the plan is shown on screens and in documents: no controls, no invisible characters.
        if let tree = try? JSONSerialization.jsonObject(with: data) {
            func walk(_ node: Any, key: String) {
                switch node {
                case let d as [String: Any]: for (k, v) in d.sorted(by: { $0.key < $1.key }) { walk(v, key: k) }
                case let a as [Any]: for v in a { walk(v, key: key) }
                case let t as String:
                    if let v = InputLimits.check(TextFolding.nfc(t), field: "plan_text") {
                        errors.append(InputError(file: file, position: at(key),
                                                 message: strings.format(v.key, [key] + v.args.dropFirst())))
                    }
                default: break
                }
            }
            walk(tree, key: "")
        }
        if (plan.id ?? "").isEmpty { fail("id", "plan.import.missing", "id") }
        guard let from = plan.fromYear, let to = plan.toYear else {
            fail("from_year", "plan.import.missing", "from_year / to_year")
            return (nil, errors)
        }
        if from > to { fail("to_year", "plan.import.years", from, to) }
        if let id = plan.id, existing.plan(id: id) != nil { fail("id", "plan.import.id_exists", id) }
        for other in existing.plans where other.id != plan.id {
            if let a = other.fromYear, let b = other.toYear, a <= to, from <= b {
                fail("from_year", "plan.import.overlap", other.planId, a, b)
            }
        }
        if let p = plan.parameters {
            if p.consecutiveYears < 1 { fail("consecutiveYears", "plan.import.positive", "consecutiveYears") }
            if p.minInitiatives < 0 { fail("minInitiatives", "plan.import.positive", "minInitiatives") }
            if p.flagConsecutiveYears < 1 { fail("flagConsecutiveYears", "plan.import.positive", "flagConsecutiveYears") }
            if p.flagWindowStart > p.flagWindowEnd { fail("flagWindowEnd", "plan.import.years", p.flagWindowStart, p.flagWindowEnd) }
        } else {
            fail("parameters", "plan.import.missing", "parameters")
        }
        if let q = plan.selection, q.min > q.max || q.min < 0 { fail("selection", "plan.import.selection", q.min, q.max) }
        if let q = plan.quota, q.collectives < 0 || q.individuals < 0 { fail("quota", "plan.import.positive", "quota") }
        for p in plan.phases where p.firstYear < from || p.lastYear > to || p.firstYear > p.lastYear {
            fail("phases", "plan.import.phase", p.number, p.firstYear, p.lastYear, from, to)
        }
        return (errors.isEmpty ? plan : nil, errors)
    }

    /// A copy of a plan for other years, to edit and import: the same rules, its phases, key dates and activity
    /// dates moved by the difference in years, marked as a draft in its title.
    public static func draft(from base: PlanDefinition, id: String, years: ClosedRange<Int>) -> PlanDefinition {
        var p = base
        let shift = years.lowerBound - (base.fromYear ?? years.lowerBound)
        func moved(_ iso: String) -> String {
            guard let y = Int(iso.prefix(4)) else { return iso }
            return String(format: "%04d", y + shift) + iso.dropFirst(4)
        }
        p.id = id
        p.fromYear = years.lowerBound
        p.toYear = years.upperBound
        p.title = BilingualText(vi: base.title.vi + " (bản sao để sửa cho \(years.lowerBound)–\(years.upperBound))",
                                en: base.title.en + " (copy to edit for \(years.lowerBound)–\(years.upperBound))")
        p.phases = base.phases.map { ph in
            var q = ph
            q.firstYear = min(ph.firstYear + shift, years.upperBound)
            q.lastYear = min(ph.lastYear + shift, years.upperBound)
            return q
        }
        p.keyDates = base.keyDates.map { var k = $0; k.date = moved(k.date); return k }
        p.activities = base.activities.map { var a = $0; a.due = a.due.map(moved); return a }
        p.registrationDeadline = moved(base.registrationDeadline)
        // The target falls as far before the plan's end as it did in the plan copied; the flag window moves with it.
        p.ahldTargetYear = years.upperBound - ((base.toYear ?? base.ahldTargetYear) - base.ahldTargetYear)
        if var params = base.parameters {
            params.flagWindowStart += shift
            params.flagWindowEnd += shift
            p.parameters = params
        }
        return p
    }
}

extension AppDatabase {
    /// The shipped plans and those imported into this database.
    public func plans() throws -> PlanRegistry {
        let imported = try read { db in try String.fetchAll(db, sql: "SELECT body FROM plan_definition ORDER BY from_year") }
        return PlanRegistry(PlanRegistry.shipped.plans + imported.compactMap { try? JSONDecoder().decode(PlanDefinition.self, from: Data($0.utf8)) })
    }

    /// Imports a plan file, all or nothing; returns the plan.
    public func importPlan(_ data: Data, file: String, dryRun: Bool, strings: Strings) throws -> PlanDefinition {
        try write { db in
            let imported = try String.fetchAll(db, sql: "SELECT body FROM plan_definition")
                .compactMap { try? JSONDecoder().decode(PlanDefinition.self, from: Data($0.utf8)) }
            let (plan, errors) = PlanImport.validate(data, file: file, existing: PlanRegistry(PlanRegistry.shipped.plans + imported),
                                                     strings: strings)
            guard let plan, errors.isEmpty else { throw ImportFailure(errors: errors) }
            if !dryRun {
                try db.execute(sql: "INSERT INTO plan_definition (id, from_year, to_year, body, imported_at) VALUES (?,?,?,?,?)",
                               arguments: [plan.id, plan.fromYear, plan.toYear, String(decoding: data, as: UTF8.self),
                                           CivilTime.timestamp(Date())])
            }
            return plan
        }
    }
}
