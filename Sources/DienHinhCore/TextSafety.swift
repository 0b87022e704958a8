import Foundation

/// Makes data safe to print: no control character, escape sequence or bidi override reaches a terminal raw.
public enum TextSafety {
    /// C0/C1 controls become caret or `<U+XXXX>` forms; ESC shows as `^[`; bidi overrides and isolates as `<U+202E>`.
    public static func inert(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isUnsafe) else { return s }
        var out = ""
        for scalar in s.unicodeScalars {
            if !isUnsafe(scalar) { out.unicodeScalars.append(scalar); continue }
            switch scalar.value {
            case 0x00...0x1F: out += "^" + String(UnicodeScalar(UInt8(scalar.value + 0x40)))
            case 0x7F: out += "^?"
            default: out += String(format: "<U+%04X>", scalar.value)
            }
        }
        return out
    }

    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029: true
        default: false
        }
    }
}
