import Testing
@testable import TerminalKit

/// ncurses 6.4's codes, used only as sample inputs for the pure decoder.
let sampleCodes = CursesKeyCodes(up: 0o403, down: 0o402, left: 0o404, right: 0o405, home: 0o406, end: 0o550,
                                 pageUp: 0o523, pageDown: 0o522, enter: 0o527, backspace: 0o407, delete: 0o512,
                                 backTab: 0o541, resize: 0o632, f0: 0o410)

@Suite struct KeyScriptTests {
    @Test func parsesTheDocumentedExample() throws {
        let keys = try KeyScript.parse("j<Down><Enter>/nguyen<Esc><F1><C-c><Space>")
        let expected: [Key] = [.char("j"), .down, .enter, .char("/"), .char("n"), .char("g"), .char("u"),
                               .char("y"), .char("e"), .char("n"), .escape, .function(1), .ctrl("c"), .char(" ")]
        #expect(keys == expected)
    }

    @Test func namesAreCaseInsensitiveAndLiteralLessThan() throws {
        #expect(try KeyScript.parse("<down><PGDN><s-tab><ctrl-X><f12><bs><DEL>") ==
                [.down, .pageDown, .backTab, .ctrl("x"), .function(12), .backspace, .delete])
        #expect(try KeyScript.parse("a<<b<lt><gt>") == [.char("a"), .char("<"), .char("b"), .char("<"), .char(">")])
        #expect(try KeyScript.parse("Đức") == [.char("Đ"), .char("ứ"), .char("c")])
        #expect(try KeyScript.parse("\n\t") == [.enter, .tab])
    }

    @Test func errorsNameTheProblem() {
        #expect(throws: KeyScriptError.unknownName("Foo")) { try KeyScript.parse("<Foo>") }
        #expect(throws: KeyScriptError.unterminated("x<Up")) { try KeyScript.parse("x<Up") }
        #expect(throws: KeyScriptError.unknownName("F99")) { try KeyScript.parse("<F99>") }
    }

    @Test func formatRoundTrips() throws {
        let script = "j<Down><<<Space><C-c><F5><Resize>ễ"
        let keys = try KeyScript.parse(script)
        #expect(KeyScript.format(keys) == script)
        #expect(try KeyScript.parse(KeyScript.format(keys)) == keys)
    }
}

@Suite struct KeyDecoderTests {
    @Test func functionKeyCodes() {
        #expect(KeyDecoder.key(forKeyCode: 0o402, codes: sampleCodes) == .down)
        #expect(KeyDecoder.key(forKeyCode: 0o632, codes: sampleCodes) == .resize)
        #expect(KeyDecoder.key(forKeyCode: 0o410 + 10, codes: sampleCodes) == .function(10))
        #expect(KeyDecoder.key(forKeyCode: 0o541, codes: sampleCodes) == .backTab)
        #expect(KeyDecoder.key(forKeyCode: 0o407, codes: sampleCodes) == .backspace)
        #expect(KeyDecoder.key(forKeyCode: 0o527, codes: sampleCodes) == .enter)
        #expect(KeyDecoder.key(forKeyCode: 0o777, codes: sampleCodes) == nil)
    }

    @Test func characterCodes() {
        #expect(KeyDecoder.key(forCharacterCode: 3) == .ctrl("c"))
        #expect(KeyDecoder.key(forCharacterCode: 10) == .enter)
        #expect(KeyDecoder.key(forCharacterCode: 13) == .enter)
        #expect(KeyDecoder.key(forCharacterCode: 127) == .backspace)
        #expect(KeyDecoder.key(forCharacterCode: 8) == .backspace)
        #expect(KeyDecoder.key(forCharacterCode: 27) == .escape)
        #expect(KeyDecoder.key(forCharacterCode: 9) == .tab)
        #expect(KeyDecoder.key(forCharacterCode: 0x1C) == .ctrl("\\"))
        #expect(KeyDecoder.key(forCharacterCode: 0x1EC5) == .char("ễ"))
        #expect(KeyDecoder.key(forCharacterCode: 0x85) == nil)
        #expect(KeyDecoder.key(forCharacterCode: 0xD800) == nil)
    }
}
