import Foundation
import FuzzSupport
import PropertyBased
import Testing
@testable import TerminalKit

/// What reaches the key decoders from outside: a `--keys` script from the command line, and the codes
/// curses hands over for whatever bytes a terminal (or a paste) sent. Any input decodes or is refused,
/// never a crash, and decoding consumes it all.
@Suite struct KeyFuzzTests {
    /// Scripts rich in the characters the parser cares about, with valid names among the noise.
    static let script: Generator<String, Shrink.None<String>> = {
        let pieces = ["<", ">", "<<", "<Down>", "<enter>", "<C-c>", "<Ctrl-İ>", "<C->", "<C-<>", "<F1>", "<F64>", "<f0>",
                      "<Lt>", "<Gt>", "<Space>", "<>", "<<<", "j", "/", "Đ", "e\u{301}", "\r\n", "\u{1B}", "\u{7F}",
                      "\u{0}", "\u{85}", "\u{1F}", " ", "C-", "Ctrl-", "PgUp", "\u{FE0F}", "🇻🇳", "\u{D7FF}", "ﬃ"]
        return Generator { rng in
            (0..<Int.random(in: 0...16, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
        }
    }()

    /// Raw bytes as a terminal might send them, read as UTF-8 the way the locale decodes them.
    static let bytes: Generator<String, Shrink.None<String>> = Generator { rng in
        let b = (0..<Int.random(in: 0...32, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        return String(decoding: b, as: UTF8.self)
    }

    @Test func scriptsParseToKeysThatFormatBackOrAreRefused() {
        let input = Generator<String, Shrink.None<String>> { rng in
            Bool.random(using: &rng) ? Self.script.run(using: &rng) : Self.bytes.run(using: &rng)
        }
        Fuzzer.run("key-script", input: input) { text in
            let keys: [Key]
            do { keys = try KeyScript.parse(text) } catch is KeyScriptError { return "refused" }
            // Every character is consumed: no more keys than characters, and the keys' script is the same keys.
            try Fuzzer.check(keys.count <= text.count, "\(keys.count) keys from \(text.count) characters")
            let again = try KeyScript.parse(KeyScript.format(keys))
            try Fuzzer.check(again == keys, "\(keys) formats as \(KeyScript.format(keys).debugDescription), which parses as \(again)")
            return keys.isEmpty ? "empty" : "keys"
        }
    }

    @Test func everyCharacterCodeDecodesWithoutCrashing() {
        // The whole of Unicode and beyond, once, then random 32-bit values.
        for v in UInt32(0)...0x11_0000 { _ = KeyDecoder.key(forCharacterCode: v) }
        Fuzzer.run("key-char-code", seconds: min(Fuzzer.seconds, 1), input: Generator<UInt32, Shrink.None<UInt32>> { rng in
            Bool.random(using: &rng) ? UInt32.random(in: 0...0x10_FFFF, using: &rng) : UInt32.random(in: 0...0xFF, using: &rng) | (UInt32.random(in: 0...1, using: &rng) << 31)
        }) { v in
            switch KeyDecoder.key(forCharacterCode: v) {
            case nil:
                try Fuzzer.check(Unicode.Scalar(v) == nil || (0x80...0x9F).contains(v), "\(v) dropped")
                return "dropped"
            case .char(let c)?:
                try Fuzzer.check(v >= 0x20 && v != 0x7F, "control \(v) typed as text")
                try Fuzzer.check(c.unicodeScalars.first?.value == v, "\(v) became \(c)")
                return "char"
            case _?:
                try Fuzzer.check(v < 0x20 || v == 0x7F, "\(v) became a named key")
                return "named"
            }
        }
    }

    /// Key codes against any table a backend might report, including ones near the ends of Int32.
    @Test func keyCodesDecodeAgainstAnyTable() {
        let table = Generator<CursesKeyCodes, Shrink.None<CursesKeyCodes>> { rng in
            func code() -> Int32 { Bool.random(using: &rng) ? Int32.random(in: 256...512, using: &rng) : Int32.random(in: .min ... .max, using: &rng) }
            return CursesKeyCodes(up: code(), down: code(), left: code(), right: code(), home: code(), end: code(),
                                  pageUp: code(), pageDown: code(), enter: code(), backspace: code(), delete: code(),
                                  backTab: code(), resize: code(), f0: code())
        }
        let input = Generator<(CursesKeyCodes, [Int32]), Shrink.None<(CursesKeyCodes, [Int32])>> { rng in
            let codes = table.run(using: &rng)
            let near = [codes.f0, codes.f0 &+ 1, codes.f0 &+ 63, codes.f0 &+ 64, codes.up, .max, .min, 0]
            return (codes, near + (0..<8).map { _ in Int32.random(in: .min ... .max, using: &rng) })
        }
        Fuzzer.run("key-code", seconds: min(Fuzzer.seconds, 1), input: input) { codes, values in
            var decoded = 0
            for v in values {
                guard let key = KeyDecoder.key(forKeyCode: v, codes: codes) else { continue }
                decoded += 1
                if case .function(let n) = key {
                    try Fuzzer.check((1...63).contains(n) && Int64(v) - Int64(codes.f0) == Int64(n), "\(v) became F\(n)")
                }
            }
            return decoded > 0 ? "decoded" : "ignored"
        }
    }

    /// Typed graphemes, as a paste delivers them, become one key each.
    @Test func typedTextBecomesOneKeyPerCharacter() {
        Fuzzer.run("key-typed", seconds: min(Fuzzer.seconds, 1), input: Self.bytes) { text in
            let keys = text.map(KeyDecoder.key(forTyped:))
            try Fuzzer.check(keys.count == text.count, "lost characters")
            for (ch, key) in zip(text, keys) {
                if case .char(let c) = key { try Fuzzer.check(c == ch, "\(ch.debugDescription) typed as \(c.debugDescription)") }
            }
            return "typed"
        }
    }
}

/// Inputs the fuzzers found or the fuzz tables were written for; each crashed or misbehaved once.
@Suite struct KeyFuzzRegressions {
    /// F0 near Int32.max: the F-key range was computed in Int32 and overflowed (a trap) for any unmatched code.
    @Test func functionKeyRangeNearTheTopOfInt32() {
        let codes = CursesKeyCodes(up: 1, down: 2, left: 3, right: 4, home: 5, end: 6, pageUp: 7, pageDown: 8, enter: 9,
                                   backspace: 10, delete: 11, backTab: 12, resize: 13, f0: .max - 10)
        #expect(KeyDecoder.key(forKeyCode: 0, codes: codes) == nil)
        #expect(KeyDecoder.key(forKeyCode: .max, codes: codes) == .function(10))
        #expect(KeyDecoder.key(forKeyCode: .min, codes: CursesKeyCodes(up: 1, down: 2, left: 3, right: 4, home: 5, end: 6,
                                                                       pageUp: 7, pageDown: 8, enter: 9, backspace: 10,
                                                                       delete: 11, backTab: 12, resize: 13, f0: .max)) == nil)
    }

    /// libFuzzer inputs: a combining mark after `>` fused with it (and `<Gt>` then a mark did too), a prepended
    /// mark before `<` fused with it; either way the name's end or start was hidden and the script misread.
    @Test(arguments: [[0x01, 0x00, 0xD6, 0xBB, 0xF7, 0xFF, 0xFF, 0xFF, 0xFF, 0x14, 0x01, 0x6A] as [UInt8],
                      Array("\u{70F}<C-^>j".utf8), Array("<Gt>\u{301}".utf8), Array("<Esc>\u{301}x".utf8)])
    func marksBesideNamesStayOutsideThem(_ bytes: [UInt8]) throws {
        let keys = try KeyScript.parse(String(decoding: bytes, as: UTF8.self))
        #expect(try KeyScript.parse(KeyScript.format(keys)) == keys)
    }

    @Test func aMarkAfterANameIsTypedOnItsOwn() throws {
        #expect(try KeyScript.parse("<Esc>\u{301}x") == [.escape, .char("\u{301}"), .char("x")])
        #expect(try KeyScript.parse("\u{70F}<Down>") == [.char("\u{70F}"), .down])
    }
}
