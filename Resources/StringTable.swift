import Foundation

/// Reads a string table, a flat JSON object of strings, straight from its bytes.
///
/// Every process reads its whole table at start-up (the command line's help texts are made while its arguments are
/// parsed), and `JSONDecoder` took 3 ms of each table, a fifth of a search's whole process (issue 23). Anything
/// but a flat object of strings answers nil, and the caller decodes the file as before.
enum StringTable {
    static func parse(_ data: Data) -> [String: String]? {
        data.withUnsafeBytes { raw in
            var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
            return reader.object()
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            // A byte-order mark, which the decoder accepts too.
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { at = 3 }
        }

        mutating func object() -> [String: String]? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var table: [String: String] = [:]
            table.reserveCapacity(2_048)
            if take(UInt8(ascii: "}")) { return end() ? table : nil }
            repeat {
                guard let key = string(), take(UInt8(ascii: ":")), let value = string() else { return nil }
                // The first of a repeated key, as the decoder keeps it.
                if table[key] == nil { table[key] = value }
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}")) && end() ? table : nil
        }

        /// The next byte past any white space, taken when it is `byte`.
        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard at < bytes.count, bytes[at] == byte else { return false }
            at += 1
            return true
        }

        mutating func end() -> Bool {
            skipSpace()
            return at == bytes.count
        }

        mutating func skipSpace() {
            while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
        }

        /// A quoted string; nil when it is not one, or holds a raw control character or a bad escape.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = at
            while at < bytes.count {
                let b = bytes[at]
                if b == UInt8(ascii: "\"") {
                    defer { at += 1 }
                    return String(validating: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                }
                if b == UInt8(ascii: "\\") { return escaped(from: start) }
                if b < 0x20 { return nil }
                at += 1
            }
            return nil
        }

        /// The rest of a string that has escapes, from its first backslash on.
        mutating func escaped(from start: Int) -> String? {
            var out = Array(bytes[start..<at])
            while at < bytes.count {
                let b = bytes[at]
                at += 1
                switch b {
                case UInt8(ascii: "\""): return String(validating: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard at < bytes.count else { return nil }
                    let e = bytes[at]
                    at += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        guard let scalar = unicodeEscape() else { return nil }
                        out.append(contentsOf: String(Character(scalar)).utf8)
                    default: return nil
                    }
                default:
                    if b < 0x20 { return nil }
                    out.append(b)
                }
            }
            return nil
        }

        /// `XXXX` after `\u`, with the low half of a surrogate pair when it is the high half.
        mutating func unicodeEscape() -> Unicode.Scalar? {
            guard let high = hex4() else { return nil }
            guard (0xD800...0xDBFF).contains(high) else { return Unicode.Scalar(high) }
            guard at + 1 < bytes.count, bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") else { return nil }
            at += 2
            guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        }

        mutating func hex4() -> UInt32? {
            guard at + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for _ in 0..<4 {
                guard let d = Character(Unicode.Scalar(bytes[at])).hexDigitValue else { return nil }
                v = v << 4 | UInt32(d)
                at += 1
            }
            return v
        }
    }
}
