import DienHinhCore
import Foundation
import Testing

@Suite struct InputLimitsTests {
    @Test func namesUpToTheLimitPassAndOneMoreIsRefused() {
        let vietnamese = String(repeating: "Đ", count: 200)
        #expect(InputLimits.check(vietnamese, field: "name") == nil)
        #expect(InputLimits.check(vietnamese + "ứ", field: "name")?.key == "limits.too_long")
        #expect(InputLimits.check(vietnamese + "ứ", field: "name")?.args == ["name", "201", "200"])
        // Characters, not bytes: 200 three-byte letters are 600 bytes and still within the limit.
        #expect(InputLimits.check(String(repeating: "ệ", count: 200), field: "name") == nil)
        #expect(InputLimits.check(String(repeating: "x", count: 2000), field: "note") == nil)
        #expect(InputLimits.check(String(repeating: "x", count: 2001), field: "note")?.key == "limits.too_long")
    }

    @Test func combiningMarksAreCountedPerLetter() {
        // "ệ" decomposed is e + two marks, what an unnormalised keyboard types: allowed.
        #expect(InputLimits.check("Nguye\u{302}\u{323}n", field: "name") == nil)
        #expect(InputLimits.check("e\u{302}\u{323}\u{301}", field: "name") == nil)
        let v = InputLimits.check("Le" + String(repeating: "\u{301}", count: 10_000), field: "name")
        #expect(v?.key == "limits.marks")
        #expect(v?.args == ["name", "3", "2"])
    }

    @Test func controlsAreRefusedWithTheirPositionAndTabOnlyInNotes() {
        #expect(InputLimits.check("Nguy\0n", field: "name") == .init(key: "limits.control", args: ["name", "U+0000", "5"]))
        #expect(InputLimits.check("Đỏ\u{1B}[31m", field: "issuer")?.args == ["issuer", "U+001B", "3"])
        #expect(InputLimits.check("a\u{85}b", field: "position")?.key == "limits.control")
        #expect(InputLimits.check("dòng 1\ndòng 2", field: "note")?.key == "limits.control")
        #expect(InputLimits.check("cột 1\tcột 2", field: "note") == nil)
        #expect(InputLimits.check("cột 1\tcột 2", field: "name")?.key == "limits.control")
    }

    @Test func invisibleAndBidiCharactersAreRefused() {
        for c in ["\u{202E}", "\u{200D}", "\u{200B}", "\u{FEFF}", "\u{2066}", "\u{2028}", "\u{AD}"] {
            #expect(InputLimits.check("Lê\(c)Văn", field: "name")?.key == "limits.invisible", "\(InputLimits.code(c.unicodeScalars.first!))")
        }
        #expect(InputLimits.check("Lê Văn\u{A0}Tám", field: "name") == nil, "a no-break space is visible spacing")
    }

    @Test func identifiersUseTheSafeAlphabet() {
        for ok in ["CN-TC-0016", "VKSKV.01.14", "TT_H028.00", "001"] { #expect(InputLimits.check(ok, field: "id") == nil, "\(ok)") }
        #expect(InputLimits.check("CN\u{200D}1", field: "candidate_id") == .init(key: "limits.identifier", args: ["candidate_id", "U+200D", "3"]))
        #expect(InputLimits.check("CN 1", field: "id")?.args == ["id", "U+0020", "3"])
        #expect(InputLimits.check("VKSH.42\u{202E}9", field: "unit_code")?.key == "limits.identifier")
        #expect(InputLimits.check("CNĐ", field: "id")?.key == "limits.identifier")
        #expect(InputLimits.check(String(repeating: "a", count: 65), field: "id")?.key == "limits.too_long")
    }

    /// The byte fast path agrees with the scalar rules: on Vietnamese text, punctuation and every other script
    /// a value might hold, both decide the same.
    @Test func theFastPathDecidesAsTheFullCheck() {
        var rng = SystemRandomNumberGenerator()
        let pool: [Unicode.Scalar] = (0x20...0x7E).compactMap(Unicode.Scalar.init) + (0xA0...0x2FF).compactMap(Unicode.Scalar.init)
            + (0x1E00...0x1EFF).compactMap(Unicode.Scalar.init) + (0x300...0x36F).compactMap(Unicode.Scalar.init)
            + [0x0, 0x1B, 0x7F, 0x85, 0x200D, 0x202E, 0xFEFF].compactMap(Unicode.Scalar.init)
        for _ in 0..<5_000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...12, using: &rng) { s.append(pool.randomElement(using: &rng)!) }
            let text = String(s)
            let slow = text.unicodeScalars.contains { c in
                [.control, .format, .lineSeparator, .paragraphSeparator].contains(c.properties.generalCategory)
            }
            let v = InputLimits.check(text, field: "name")
            if slow { #expect(v != nil, "\(text.unicodeScalars.map { InputLimits.code($0) })") }
            if v?.key == "limits.control" || v?.key == "limits.invisible" { #expect(slow) }
        }
    }
}

@Suite struct SpreadsheetGuardTests {
    @Test func formulaLikeValuesGetAMarkAndComeBackExactly() {
        for v in ["=HYPERLINK(\"http://x\",\"y\")", "+cmd|'/c calc'!A0", "-1", "@SUM(A1)", "\tx", "\rx"] {
            #expect(SpreadsheetGuard.protect(v) == "'" + v)
        }
        for v in ["", "'", "'x", "Nguyễn", "a=b", " =x", "''", "'=x", "'''=", "'\u{301}x"] {
            let p = SpreadsheetGuard.protect(v)
            #expect(SpreadsheetGuard.unprotect(p) == v, "\(v) → \(p)")
            let first = p.utf8.first
            #expect(first.map { !"=+-@\t\r".utf8.contains($0) } ?? true)
        }
        #expect(SpreadsheetGuard.unprotect("'x") == "'x", "a value that was never marked keeps its apostrophe")
    }
}
