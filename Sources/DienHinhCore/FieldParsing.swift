import Foundation

/// Parsing of the values clerks type or import; each returns nil for text it cannot accept.
public enum FieldParsing {
    /// `true`/`false` as the contract writes them, plus the Vietnamese and spreadsheet forms people use.
    public static func bool(_ text: String) -> Bool? {
        switch TextFolding.fold(text) {
        case "true", "1", "yes", "y", "co", "x": true
        case "false", "0", "no", "n", "khong", "": false
        default: nil
        }
    }

    /// `YYYY-MM-DD` or `DD/MM/YYYY` to ISO `YYYY-MM-DD`; impossible dates (31/02) are refused.
    public static func date(_ text: String) -> String? {
        if let valid = canonicalDate(text) { return valid ? text : nil }
        let t = text.trimmingCharacters(in: .whitespaces)
        let parts: [Substring]
        let y: Int?, m: Int?, d: Int?
        if t.contains("-") {
            parts = t.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4 else { return nil }
            (y, m, d) = (Int(parts[0]), Int(parts[1]), Int(parts[2]))
        } else if t.contains("/") {
            parts = t.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count) else { return nil }
            (y, m, d) = (Int(parts[2]), Int(parts[1]), Int(parts[0]))
        } else {
            return nil
        }
        guard let y, let m, let d, (1...12).contains(m), d >= 1, d <= daysIn(month: m, year: y) else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// For text shaped exactly as `date` writes it (YYYY-MM-DD, what exports hold): whether it is a real date,
    /// decided on its ten bytes. Nil for any other shape, which `date` reads the long way.
    public static func canonicalDate(_ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { b -> Bool? in
            guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
            var n = [0, 0, 0]
            for (k, range) in [0..<4, 5..<7, 8..<10].enumerated() {
                for i in range {
                    let d = b[i] &- UInt8(ascii: "0")
                    guard d < 10 else { return nil }
                    n[k] = n[k] * 10 + Int(d)
                }
            }
            return (1...12).contains(n[1]) && n[2] >= 1 && n[2] <= daysIn(month: n[1], year: n[0])
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// ISO date shown the Vietnamese way, DD/MM/YYYY.
    public static func displayDate(_ iso: String) -> String {
        let p = iso.split(separator: "-")
        guard p.count == 3 else { return iso }
        return "\(p[2])/\(p[1])/\(p[0])"
    }

    /// The years a record may carry: 1945 (the state's founding) to the current year.
    public static func validYears(now: Date = Date()) -> ClosedRange<Int> {
        1945...CivilTime.vietnamYear(at: now)
    }

    public static func year(_ text: String, now: Date = Date()) -> Int? {
        guard let y = Int(text.trimmingCharacters(in: .whitespaces)), validYears(now: now).contains(y) else { return nil }
        return y
    }
}
