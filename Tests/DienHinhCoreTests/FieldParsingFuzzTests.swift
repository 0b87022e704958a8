import DienHinhCore
import Foundation
import FuzzSupport
import PropertyBased
import Testing

/// Dates, years and yes/no values as clerks type them or files carry them: any text is accepted or refused,
/// never a crash; what is accepted means what the calendar says it means.
@Suite struct FieldParsingFuzzTests {
    /// Text that looks like a date more often than chance would: digits, separators, odd digits and spaces.
    static let datey: Generator<String, Shrink.None<String>> = {
        let pieces = ["0", "1", "2", "9", "12", "29", "31", "02", "2019", "2020", "1900", "0000", "9999", "-", "/", " ",
                      "+", "٣", "１", "²", "\u{0}", "\t", "e\u{301}", "99999999999999999999", "Đ", ".", "-0", "00"]
        return Generator { rng in
            (0..<Int.random(in: 0...9, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
        }
    }()

    /// Day, month and year put together as clerks write them, with odd widths and padding.
    static let nearDates: Generator<String, Shrink.None<String>> = Generator { rng in
        let d = Int.random(in: 0...32, using: &rng), m = Int.random(in: 0...13, using: &rng)
        let y = Int.random(in: 0...10_000, using: &rng)
        let pad = [" ", "", "", "\t", "0"].randomElement(using: &rng)!
        return Bool.random(using: &rng) ? "\(pad)\(d)/\(pad)\(m)/\(y)" : "\(String(format: "%04d", y))-\(pad)\(m)-\(d)\(pad)"
    }

    /// Any Unicode text, short, including unassigned and private-use scalars.
    static let anyText: Generator<String, Shrink.None<String>> = Generator { rng in
        var s = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...12, using: &rng) {
            let v = Bool.random(using: &rng) ? UInt32.random(in: 0...0x7F, using: &rng) : UInt32.random(in: 0...0x10FFFF, using: &rng)
            if let u = Unicode.Scalar(v) { s.append(u) }
        }
        return String(s)
    }

    @Test func anyTextParsesToAnIsoDateThatParsesToItselfOrIsRefused() {
        let iso = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/
        let input = Generator<String, Shrink.None<String>> { rng in
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: Self.datey.run(using: &rng)
            case 1: Self.nearDates.run(using: &rng)
            default: Self.anyText.run(using: &rng)
            }
        }
        Fuzzer.run("field-date", input: input) { text in
            guard let d = FieldParsing.date(text) else { return "refused" }
            try Fuzzer.check(d.wholeMatch(of: iso) != nil, "\(text.debugDescription) parsed to \(d)")
            try Fuzzer.check(FieldParsing.date(d) == d, "\(d) does not parse to itself")
            try Fuzzer.check(FieldParsing.date(FieldParsing.displayDate(d)) == d, "\(d) shown as \(FieldParsing.displayDate(d)) reads back differently")
            _ = FieldParsing.bool(text)
            _ = FieldParsing.year(text)
            return "date"
        }
    }

    /// Day, month and year both ways round: accepted exactly when the Gregorian calendar has that day.
    @Test func datesAreAcceptedExactlyWhenTheCalendarHasThem() async {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let frozen = calendar
        await propertyCheck(count: 2000, input: Gen.int(in: 1600...2400), Gen.int(in: 0...13), Gen.int(in: 0...32)) { y, m, d in
            let real = DateComponents(calendar: frozen, year: y, month: m, day: d).isValidDate
            let iso = String(format: "%04d-%02d-%02d", y, m, d)
            #expect((FieldParsing.date(iso) == iso) == real, "\(iso)")
            #expect((FieldParsing.date("\(d)/\(m)/\(y)") == iso) == real, "\(d)/\(m)/\(y)")
            #expect((FieldParsing.date(" \(String(format: "%02d/%02d", d, m))/\(y) ") == iso) == real)
        }
    }

    @Test func yearsInRangeParseAndOthersAreRefused() async {
        let now = Date(timeIntervalSince1970: 1_750_000_000)  // June 2025
        await propertyCheck(count: 1000, input: Gen.int(in: -100_000...100_000)) { y in
            #expect((FieldParsing.year(" \(y) ", now: now) == y) == (1945...2025).contains(y))
        }
        let input = Generator<String, Shrink.None<String>> { rng in
            Bool.random(using: &rng)
                ? [" ", "", "+", "0", "-"].randomElement(using: &rng)! + String(Int.random(in: 1900...2100, using: &rng))
                : Self.anyText.run(using: &rng)
        }
        Fuzzer.run("field-year", seconds: min(Fuzzer.seconds, 1), input: input) { text in
            guard let y = FieldParsing.year(text, now: now) else { return "refused" }
            try Fuzzer.check((1945...2025).contains(y), "\(text.debugDescription) gave year \(y)")
            return "year"
        }
    }

    @Test func yesNoFormsInAnyCaseAndSpacing() async {
        let yes = ["true", "1", "yes", "y", "có", "x"], no = ["false", "0", "no", "n", "không", ""]
        let words = yes + no
        await propertyCheck(count: 500, input: Gen.int(in: 0...words.count - 1), Gen.bool, Gen.int(in: 0...3)) { i, upper, pad in
            let word = words[i]
            let padding = String(repeating: " ", count: pad)
            let text = padding + (upper ? word.uppercased() : word) + padding
            #expect(FieldParsing.bool(text) == yes.contains(word), "\(text.debugDescription)")
        }
        Fuzzer.run("field-bool", seconds: min(Fuzzer.seconds, 1), input: Self.anyText) { text in
            switch FieldParsing.bool(text) {
            case true?: return "yes"
            case false?: return "no"
            case nil: return "refused"
            }
        }
    }
}
