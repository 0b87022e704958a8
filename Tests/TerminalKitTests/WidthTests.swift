import Testing
@testable import TerminalKit

@Suite struct WidthTests {
    /// Text is measured scalar by scalar unless it holds emoji sequences or conjoining Hangul; both ways
    /// must agree with measuring grapheme by grapheme, whatever the mix.
    @Test func scalarSumAgreesWithGraphemes() {
        let pieces: [String] = ["a", "Đ", "ễ", "e\u{302}\u{303}", "\u{301}", "\u{1B}", "\r\n", "\u{202E}", "中", "한",
                                "\u{1100}\u{1161}\u{11A8}", "😀", "👍🏽", "👩‍💻", "🇻🇳", "1\u{FE0F}\u{20E3}", "\u{AD}", "─", "…",
                                "★", "✓", "\u{200B}", "\u{0600}1", "\u{7F}", "\u{85}"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let byGrapheme = text.reduce(0) { $0 + $1.displayWidth }
            #expect(text.displayWidth == byGrapheme, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func vietnameseNFCAndNFDHaveEqualWidth() {
        let nfc = "Nguy\u{1EC5}n"
        let nfd = "Nguye\u{0302}\u{0303}n"
        #expect(nfc.unicodeScalars.count != nfd.unicodeScalars.count)
        #expect(displayWidth(of: nfc) == 6)
        #expect(displayWidth(of: nfd) == 6)
        #expect(displayWidth(of: "Viện kiểm sát nhân dân tối cao") == 30)
        #expect(displayWidth(of: "Đức") == 3)
    }

    @Test func cjkAndEmojiAreTwoColumns() {
        #expect(displayWidth(of: "中文") == 4)
        #expect(displayWidth(of: "한국") == 4)
        #expect(Character("😀").displayWidth == 2)
        #expect(Character("🏆").displayWidth == 2)
        #expect(Character("👍🏽").displayWidth == 2)        // skin tone modifier
        #expect(Character("👨‍👩‍👧").displayWidth == 2)    // ZWJ family
        #expect(Character("🇻🇳").displayWidth == 2)        // flag: two regional indicators
        #expect(displayWidth(of: "ＡＢ") == 4)              // fullwidth Latin
    }

    @Test func combiningMarksAreZero() {
        #expect(Character("\u{0301}").displayWidth == 0)
        #expect(Character("e\u{0301}").displayWidth == 1)
        #expect(Character("\u{200B}").displayWidth == 0)
        #expect(displayWidth(of: "a\u{200D}b") == 2)
    }

    @Test func boxDrawingAndBlocksAreOneColumn() {
        #expect(displayWidth(of: "┌─┐│└┘") == 6)
        #expect(displayWidth(of: "▁▂▃▄▅▆▇█") == 8)
        #expect(displayWidth(of: "…") == 1)
    }

    @Test func controlsMeasureLikeTheirSanitisedForm() {
        let raw = "a\u{1B}[31mb\u{202E}c\u{85}"
        #expect(displayWidth(of: raw) == displayWidth(of: sanitize(raw)))
        #expect(displayWidth(of: raw) == 10)
    }
}

@Suite struct SanitizeTests {
    @Test func escapeBecomesControlPicture() {
        #expect(sanitize("\u{1B}[2J") == "␛[2J")
        #expect(sanitize("a\tb\nc") == "a␉b␊c")
        #expect(sanitize("\u{7F}") == "␡")
        #expect(!sanitize("x\u{1B}]0;title\u{07}").unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func bidiAndC1AreInert() {
        #expect(sanitize("abc\u{202E}def") == "abc\u{FFFD}def")
        #expect(sanitize("\u{2066}x\u{2069}") == "\u{FFFD}x\u{FFFD}")
        #expect(sanitize("\u{9B}31m") == "\u{FFFD}31m")
    }

    @Test func ordinaryTextIsUntouched() {
        let text = "Nguye\u{0302}\u{0303}n Văn Đức 中文 😀"
        #expect(sanitize(text).unicodeScalars.elementsEqual(text.unicodeScalars))
    }

    @Test func bufferNeverStoresControlCharacters() {
        var b = Buffer(size: Size(width: 10, height: 1))
        b.setString("\u{1B}[31mX", x: 0, y: 0)
        #expect(b.lines() == ["␛[31mX"])
        #expect(!b.cells.contains { $0.symbol.unicodeScalars.contains { $0.value == 0x1B } })
    }
}
