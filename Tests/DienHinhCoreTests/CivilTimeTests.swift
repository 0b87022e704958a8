import DienHinhCore
import Foundation
import Testing

/// Years and timestamps worked out from the seconds (issue 23) are what `Calendar` in Asia/Ho_Chi_Minh and
/// `ISO8601DateFormatter` give.
@Suite struct CivilTimeTests {
    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        return c
    }()

    static func instant(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> Date {
        calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))!
    }

    /// The seconds either side of each new year in Hanoi (17:00 UTC on 31 December), 1976 to 2100, and of leap days.
    static let edges: [Date] = (1976...2100).flatMap { year in
        [instant(year, 1, 1, 0, 0), instant(year, 1, 1, 0, 0).addingTimeInterval(-0.25), instant(year, 12, 31, 23, 59),
         instant(year, 3, 1, 0, 0).addingTimeInterval(-1), instant(year, 3, 1, 7, 0).addingTimeInterval(-0.5)]
    }

    /// A random spread of instants, 1976 to 2100, with fractions of a second (each failure names its instant).
    static func spread(_ n: Int) -> [Date] {
        let start = instant(1976, 1, 1, 0, 0).timeIntervalSince1970, end = instant(2100, 12, 31, 23, 59).timeIntervalSince1970
        return (0..<n).map { _ in Date(timeIntervalSince1970: Double.random(in: start...end)) }
    }

    @Test func yearsAsTheCalendarInHanoiHasThem() {
        for date in Self.edges + Self.spread(5_000) {
            #expect(CivilTime.vietnamYear(at: date) == Self.calendar.component(.year, from: date), "\(date.timeIntervalSince1970)")
        }
        #expect(FieldParsing.validYears(now: Self.instant(2026, 12, 8, 9, 0)) == 1945...2026)
        #expect(FieldParsing.validYears(now: Self.instant(2027, 1, 1, 0, 0).addingTimeInterval(-1)) == 1945...2026)
        #expect(FieldParsing.validYears(now: Self.instant(2027, 1, 1, 0, 0)) == 1945...2027)
    }

    @Test func timestampsAsTheFormatterWritesThem() {
        let formatter = ISO8601DateFormatter()
        for date in Self.edges + Self.spread(5_000) + [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -0.5)] {
            #expect(CivilTime.timestamp(date) == formatter.string(from: date), "\(date.timeIntervalSince1970)")
        }
        #expect(CivilTime.timestamp(Date(timeIntervalSince1970: 1_796_700_096)) == "2026-12-08T03:21:36Z")
    }
}
