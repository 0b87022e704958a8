import Foundation

/// A text in both interface languages (the plan quotes itself in Vietnamese).
public struct BilingualText: Codable, Equatable, Hashable, Sendable {
    public var vi: String
    public var en: String
    public init(vi: String, en: String) { self.vi = vi; self.en = en }
    public func text(english: Bool) -> String { english ? en : vi }
}

/// Who carries out an activity: every unit, or the sector (V16 / the SPP) once.
public enum ActivityScope: String, Codable, Equatable, Hashable, Sendable {
    case unit, sector
}

/// One activity of clause 2 "Tiến độ thực hiện".
public struct PlanActivity: Codable, Equatable, Hashable, Sendable, Identifiable {
    public var id: String
    public var phase: Int
    public var scope: ActivityScope
    /// The plan's clause, e.g. "2.1".
    public var clause: String
    public var title: BilingualText
    /// ISO date the activity is due by, when the plan names one.
    public var due: String?
    public init(id: String, phase: Int, scope: ActivityScope, clause: String, title: BilingualText, due: String? = nil) {
        self.id = id; self.phase = phase; self.scope = scope; self.clause = clause; self.title = title; self.due = due
    }
}

/// A phase (giai đoạn) of the plan: its emulation years.
public struct PlanPhase: Codable, Equatable, Hashable, Sendable {
    public var number: Int
    public var firstYear: Int
    public var lastYear: Int
    public var title: BilingualText
    public init(number: Int, firstYear: Int, lastYear: Int, title: BilingualText) {
        self.number = number; self.firstYear = firstYear; self.lastYear = lastYear; self.title = title
    }
    public func contains(year: Int) -> Bool { (firstYear...lastYear).contains(year) }
}

/// A date the plan names: the registration deadline, the 70th anniversary, the 6th congress.
public struct KeyDate: Codable, Equatable, Hashable, Sendable {
    public var id: String
    /// ISO `YYYY-MM-DD`; for the congress, whose day the plan leaves open, the end of 2020.
    public var date: String
    /// The plan names only the year (the congress): show the year, not the day.
    public var approximate: Bool
    public var title: BilingualText
    public init(id: String, date: String, approximate: Bool = false, title: BilingualText) {
        self.id = id; self.date = date; self.approximate = approximate; self.title = title
    }
}

/// The plan 2017–2020 as data: phases, activities, key dates and targets (Resources/data/plan.json).
public struct PlanDefinition: Codable, Equatable, Sendable {
    public var title: BilingualText
    public var phases: [PlanPhase]
    public var activities: [PlanActivity]
    public var keyDates: [KeyDate]
    /// III.1: registrations reach V16 before this date (ISO).
    public var registrationDeadline: String
    /// I.1: collectives proposed for Anh hùng Lao động by `ahldTargetYear`.
    public var ahldTargetCount: Int
    public var ahldTargetYear: Int
    /// The plan's identity and the emulation years it governs; a year no plan covers has no rules.
    public var id: String?
    public var fromYear: Int?
    public var toYear: Int?
    /// Clause 1.2's parameters as this plan sets them (every verdict prints them).
    public var parameters: EligibilityParameters?
    /// 1.4: what each unit introduces a year, and how many the sector council selects.
    public var quota: PlanQuota?
    public var selection: PlanSelection?

    enum CodingKeys: String, CodingKey {
        case id, parameters, quota, selection
        case fromYear = "from_year"
        case toYear = "to_year"
        case title, phases, activities
        case keyDates = "key_dates"
        case registrationDeadline = "registration_deadline"
        case ahldTargetCount = "ahld_target_count"
        case ahldTargetYear = "ahld_target_year"
    }

    public init(title: BilingualText, phases: [PlanPhase], activities: [PlanActivity], keyDates: [KeyDate],
                registrationDeadline: String, ahldTargetCount: Int, ahldTargetYear: Int) {
        self.title = title; self.phases = phases; self.activities = activities; self.keyDates = keyDates
        self.registrationDeadline = registrationDeadline; self.ahldTargetCount = ahldTargetCount; self.ahldTargetYear = ahldTargetYear
    }

    public func activity(_ id: String) -> PlanActivity? { activities.first { $0.id == id } }

    /// Whether the plan governs a review year.
    public func covers(year: Int) -> Bool {
        guard let from = fromYear, let to = toYear else { return false }
        return (from...to).contains(year)
    }

    public var planId: String { id ?? "?" }

    /// The phase whose years hold `year`; before 2017 nil, after 2020 the last phase.
    public func phase(forYear year: Int) -> PlanPhase? {
        if let p = phases.first(where: { $0.contains(year: year) }) { return p }
        if let last = phases.last, year > last.lastYear { return last }
        return nil
    }

    /// The phase on a date (ISO), by its year.
    public func phase(on date: String) -> PlanPhase? {
        Int(date.prefix(4)).flatMap { phase(forYear: $0) }
    }

    /// The first key date or activity due date on or after `date` (ISO compares as text).
    public func nextDeadline(after date: String) -> (date: String, title: BilingualText, approximate: Bool)? {
        var all: [(String, BilingualText, Bool)] = keyDates.map { ($0.date, $0.title, $0.approximate) }
        all += activities.compactMap { a in a.due.map { ($0, a.title, false) } }
        return all.filter { $0.0 >= date }.sorted { $0.0 < $1.0 }.first.map { (date: $0.0, title: $0.1, approximate: $0.2) }
    }

    /// The date the dashboard measures from: today while the review year is current, else the review year's last day.
    public static func referenceDate(reviewYear: Int, today: String) -> String {
        guard let y = Int(today.prefix(4)), y == reviewYear else { return String(format: "%04d-12-31", reviewYear) }
        return today
    }
}

/// Days between two ISO dates (b − a), in the Gregorian calendar.
public enum ISODate {
    static func date(_ iso: String) -> Date? {
        let p = iso.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return nil }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        return cal.date(from: DateComponents(year: p[0], month: p[1], day: p[2], hour: 12))
    }

    public static func days(from a: String, to b: String) -> Int? {
        guard let x = date(a), let y = date(b) else { return nil }
        return Int((y.timeIntervalSince(x) / 86_400).rounded())
    }

    /// Today in Vietnam as ISO, for the edges of the program (never inside update or view).
    public static func today(now: Date = Date()) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .current
        let c = cal.dateComponents([.year, .month, .day], from: now)
        return String(format: "%04d-%02d-%02d", c.year ?? 2020, c.month ?? 1, c.day ?? 1)
    }
}

/// 1.4: each unit introduces this many a year to the sector council.
public struct PlanQuota: Codable, Equatable, Sendable {
    public var collectives: Int
    public var individuals: Int
    public init(collectives: Int, individuals: Int) { self.collectives = collectives; self.individuals = individuals }
}

/// 1.4: the sector council selects between `min` and `max` of the most outstanding.
public struct PlanSelection: Codable, Equatable, Sendable {
    public var min: Int
    public var max: Int
    public init(min: Int, max: Int) { self.min = min; self.max = max }
}

/// The plans a database knows, shipped and imported, and the one in force in a year.
public struct PlanRegistry: Sendable {
    public var plans: [PlanDefinition]
    public init(_ plans: [PlanDefinition]) { self.plans = plans.sorted { ($0.fromYear ?? 0) < ($1.fromYear ?? 0) } }

    public func plan(id: String) -> PlanDefinition? { plans.first { $0.id == id } }
    public func plan(forYear year: Int) -> PlanDefinition? { plans.first { $0.covers(year: year) } }

    /// "plan-2017-2020 (2017–2020)", for the message that says no plan covers a year.
    public var listing: String {
        plans.map { "\($0.planId) (\($0.fromYear.map(String.init) ?? "?")–\($0.toYear.map(String.init) ?? "?"))" }.joined(separator: ", ")
    }
}
