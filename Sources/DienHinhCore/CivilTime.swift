import Foundation

/// Days and instants worked out from the seconds, not through `Calendar` or a date formatter: making either took
/// half a millisecond to a millisecond, once per command and once per saved record (issue 23).
public enum CivilTime {
    /// The year in Vietnam at `now`: Asia/Ho_Chi_Minh has kept UTC+7 all year, without daylight saving, since 1975.
    public static func vietnamYear(at now: Date) -> Int {
        let (days, _) = daysAndSeconds(now, plus: 7 * 3_600)
        return civilDate(daysSince1970: days).year
    }

    /// An instant as the database stores it: ISO 8601 in UTC to the second (`2026-12-08T03:01:36Z`), as
    /// `ISO8601DateFormatter` writes it by default.
    public static func timestamp(_ date: Date) -> String {
        let (days, seconds) = daysAndSeconds(date)
        let (y, m, d) = civilDate(daysSince1970: days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = y < 1000 ? String(repeating: "0", count: 4 - String(y).count) + String(y) : String(y)
        return "\(year)-\(two(m))-\(two(d))T\(two(seconds / 3_600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))Z"
    }

    /// Whole days since 1970-01-01 and the whole seconds into the last. As the formatter's ICU does it: the instant
    /// to the nearest millisecond, then rounded down to its second.
    static func daysAndSeconds(_ date: Date, plus offset: Int = 0) -> (days: Int, seconds: Int) {
        let milliseconds = ((date.timeIntervalSinceReferenceDate + 978_307_200) * 1_000).rounded()
        let whole = Int((milliseconds / 1_000).rounded(.down)) + offset
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        return (days, whole - days * 86_400)
    }

    /// The proleptic Gregorian date of a day counted from 1970-01-01, by 400-year eras.
    static func civilDate(daysSince1970 days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        // Months counted from March, so that February and its leap day come last.
        let march = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * march + 2) / 5 + 1
        let month = march < 10 ? march + 3 : march - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
