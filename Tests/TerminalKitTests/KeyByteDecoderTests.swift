import Testing
@testable import TerminalKit

/// Bytes as a terminal sends them, decoded the way the ncurses backend decodes them (it hands every
/// non-function-key byte to `KeyByteDecoder`). Issue 15: one invalid UTF-8 byte used to stop the reader.
@Suite struct KeyByteDecoderTests {
    static let ill: [[UInt8]] = [[0xFF], [0x80], [0xC3], [0xE1, 0xBB], [0xC0, 0xAF], [0xC1, 0xBF], [0xF5, 0x80, 0x80, 0x80],
                                 [0xED, 0xA0, 0x80], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF], [0xF4, 0x90, 0x80, 0x80],
                                 [0xFE], [0xBF, 0xBF], [0xF0, 0x9F, 0x98]]

    @Test func wellFormedTextDecodesWhole() {
        #expect(KeyByteDecoder.keys(from: Array("jĐức".utf8)) == [.char("j"), .char("Đ"), .char("ứ"), .char("c")])
        #expect(KeyByteDecoder.keys(from: Array("😀".utf8)) == [.char("😀")])
        // Decomposed: u + horn + acute stays one letter.
        #expect(KeyByteDecoder.keys(from: Array("u\u{31B}\u{301}c".utf8)) == [.char("u\u{31B}\u{301}"), .char("c")])
        #expect(KeyByteDecoder.keys(from: [0x0D, 0x09, 0x1B, 0x7F, 0x03]) == [.enter, .tab, .escape, .backspace, .ctrl("c")])
    }

    /// Every ill-formed sequence decodes to nothing, and the next keys after it are read as typed.
    @Test(arguments: ill) func illFormedDecodesToNothingAndTheReaderGoesOn(bytes: [UInt8]) {
        #expect(KeyByteDecoder.keys(from: bytes) == [])
        #expect(KeyByteDecoder.keys(from: bytes + Array("j/ab q".utf8)) ==
                [.char("j"), .char("/"), .char("a"), .char("b"), .char(" "), .char("q")])
        #expect(KeyByteDecoder.keys(from: bytes + Array("á".utf8)) == [.char("á")])
    }

    /// A sequence cut short by the next lead byte: the new one starts fresh (no byte is swallowed).
    @Test func truncatedSequenceGivesWayToTheNext() {
        #expect(KeyByteDecoder.keys(from: [0xE1, 0xBB] + Array("ệ".utf8)) == [.char("ệ")])
        #expect(KeyByteDecoder.keys(from: [0xC3, 0x0D]) == [.enter])
    }

    /// A read that times out mid-sequence drops it; the decoder then reads the next key as new.
    @Test func drainDropsAnUnfinishedSequence() {
        var d = KeyByteDecoder()
        #expect(d.feed(0xE1) == [])
        #expect(d.isInsideSequence)
        #expect(d.drain() == [])
        #expect(!d.isInsideSequence)
        #expect(d.feed(0x71) == [])  // 'q' is held for combining marks…
        #expect(d.drain() == [.char("q")])  // …and delivered when nothing follows
        #expect(d.feed(0x61) == [])
        #expect(d.feed(key: .down) == [.char("a"), .down])
    }

    /// Random bytes (deterministic seed): never a crash, every key is a single grapheme or a named key, and
    /// after any prefix the decoder still reads "q" as q.
    @Test func randomBytesNeverWedge() {
        var rng = SplitMix(seed: 15)
        for _ in 0..<2_000 {
            let bytes = (0..<Int(rng.next() % 24)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let keys = KeyByteDecoder.keys(from: bytes + [0x0D, 0x71])
            #expect(keys.suffix(2) == [.enter, .char("q")], "\(bytes)")
        }
    }

    /// Ten thousand marks on one letter: keys stay bounded in size, and the reader goes on.
    @Test func endlessMarksAreCutIntoBoundedKeys() {
        let keys = KeyByteDecoder.keys(from: Array(("a" + String(repeating: "\u{301}", count: 10_000) + "q").utf8))
        #expect(keys.last == .char("q"))
        for case .char(let c) in keys { #expect(c.unicodeScalars.count <= KeyByteDecoder.maxHeldScalars) }
    }
}

struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
