import Foundation

/// The limits every input path shares (CSV files, bundles, entry forms, units and plan files): how large a file,
/// a row, a field may be, and which characters a value may hold. One rule set, so a value refused in one path
/// is refused in all, and every check is linear in its input.
public enum InputLimits {
    /// A CSV or plan file, checked before it is read: a sector-wide export of 280,000 records is 28 MB.
    public static let fileBytes = 128 << 20
    /// A bundle file; the sector's largest unit sends a few MB.
    public static let bundleBytes = 256 << 20
    /// Records (candidates plus achievements) in one bundle: the whole sector holds about 300,000.
    public static let bundleRecords = 500_000
    /// Data rows in one CSV file.
    public static let rowsPerFile = 1_000_000
    /// Achievement records of one candidate (the demo's most is 30).
    public static let recordsPerCandidate = 1_000
    /// Columns of a header or fields of a row; the widest contract has 10.
    public static let columns = 64
    /// Bytes of one CSV field, refused before any text is built from them (a 2,000-character note is 8 KB at most).
    public static let fieldBytes = 16 << 10
    /// Combining marks on one letter: Vietnamese needs two (a vowel mark and a tone mark).
    public static let marksPerLetter = 3

    /// Characters a value of a field may hold, by the contract's column name.
    public static func maxCharacters(_ field: String) -> Int {
        switch field {
        case "id", "candidate_id", "collective_id", "uid", "code", "parent_code": 64
        case "unit_code", "unit": 32
        case "name", "position", "short_name", "entered_by", "created_by": 200
        case "decision_no": 100
        case "issuer": 300
        case "note", "reason", "text", "description": 2000
        case "plan_text": 10_000
        case "argument": 4096
        case "keys": 1_000_000
        default: 500
        }
    }

    /// Fields that name records: letters and digits of ASCII, `-`, `.` and `_` only, so an id is typed, sorted
    /// and compared as it looks (no invisible joiner, no look-alike letter, no bidi override).
    public static func isIdentifier(_ field: String) -> Bool {
        switch field {
        case "id", "candidate_id", "collective_id", "uid", "unit_code", "unit", "code", "parent_code", "entered_unit": true
        default: false
        }
    }

    /// Fields where a tab is part of the text (a note pasted from a table).
    static func allowsTab(_ field: String) -> Bool { ["note", "text", "description", "plan_text"].contains(field) }

    /// Why a value cannot be accepted: a strings.json key and its arguments (the field's name first).
    public struct Violation: Equatable, Sendable, Error {
        public var key: String
        public var args: [String]

        public init(key: String, args: [String]) {
            self.key = key
            self.args = args
        }
    }

    /// The first violation of a (trimmed, NFC) value of `field`, or nil. Positions count characters from 1.
    public static func check(_ value: String, field: String) -> Violation? {
        // Nothing to break in an empty value, whatever the field (most optional columns of an import).
        if value.isEmpty { return nil }
        var value = value
        return value.withUTF8 { check($0, field: field) }
    }

    /// Each field's limit and alphabet, looked up once per value: the two switches over field names were compared
    /// string by string for every value of an import (3% of a 280,000-row file).
    private static let fields: [String: (limit: Int, identifier: Bool)] = {
        let names = ["id", "candidate_id", "collective_id", "uid", "code", "parent_code", "unit_code", "unit", "name", "position",
                     "short_name", "entered_by", "created_by", "decision_no", "issuer", "note", "reason", "text", "description",
                     "plan_text", "argument", "keys", "entered_unit"]
        return Dictionary(uniqueKeysWithValues: names.map { ($0, (maxCharacters($0), isIdentifier($0))) })
    }()

    private static func check(_ b: UnsafeBufferPointer<UInt8>, field: String) -> Violation? {
        let known = fields[field]
        let limit = known?.limit ?? maxCharacters(field)
        if known?.identifier ?? isIdentifier(field) {
            for (i, x) in b.enumerated() where !isIdentifierByte(x) {
                let bad = String(decoding: UnsafeBufferPointer(rebasing: b[i...]), as: UTF8.self).unicodeScalars.first!
                return Violation(key: "limits.identifier", args: [field, code(bad), String(i + 1)])
            }
            if b.count > limit { return Violation(key: "limits.too_long", args: [field, String(b.count), String(limit)]) }
            return nil
        }
        // Most values are printable ASCII or Vietnamese letters (U+00C0–U+02FF, U+1E00–U+1EFF), short enough that
        // their bytes bound their characters: decided on bytes, without decoding.
        if b.count <= limit && plainText(b) { return nil }
        var characters = 0, marks = 0
        for scalar in String(decoding: b, as: UTF8.self).unicodeScalars {
            let category = scalar.properties.generalCategory
            switch category {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                marks += 1
                if marks > marksPerLetter {
                    return Violation(key: "limits.marks", args: [field, String(marksPerLetter), String(max(characters, 1))])
                }
                continue
            default:
                marks = 0
                characters += 1
            }
            let tab = scalar == "\t" && allowsTab(field)
            if !tab, category == .control {
                return Violation(key: "limits.control", args: [field, code(scalar), String(characters)])
            }
            if category == .format || category == .lineSeparator || category == .paragraphSeparator {
                return Violation(key: "limits.invisible", args: [field, code(scalar), String(characters)])
            }
        }
        if characters > limit { return Violation(key: "limits.too_long", args: [field, String(characters), String(limit)]) }
        return nil
    }

    @inline(__always)
    static func isIdentifierByte(_ x: UInt8) -> Bool {
        switch x {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"): true
        default: false
        }
    }

    /// Printable ASCII, and the two-byte (U+00C0–U+02FF) and three-byte (U+1E00–U+1EFF) forms of Latin letters:
    /// none is a control, a format character or a combining mark.
    static func plainText(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let x = b[i]
            if x >= 0x20 && x < 0x7F { i += 1; continue }
            if x >= 0xC3 && x <= 0xCB { i += 2; continue }
            if x == 0xE1, i + 1 < n, b[i + 1] == 0xB8 || b[i + 1] == 0xB9 || b[i + 1] == 0xBA || b[i + 1] == 0xBB { i += 3; continue }
            return false
        }
        return true
    }

    /// `U+0000`, how a character no one can see is named in a message.
    public static func code(_ s: Unicode.Scalar) -> String { String(format: "U+%04X", s.value) }
}
