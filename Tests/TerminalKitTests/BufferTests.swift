import Testing
@testable import TerminalKit

@Suite struct BufferTests {
    @Test func setStringClipsToMaxWidthAndEdge() {
        var b = Buffer(size: Size(width: 6, height: 2))
        #expect(b.setString("abcdef", x: 1, y: 0, maxWidth: 3) == 3)
        #expect(b.setString("xyz", x: 4, y: 1) == 2)
        #expect(b.setString("nope", x: 0, y: 5) == 0)
        #expect(b.lines() == [" abc", "    xy"])
    }

    @Test func wideCharacterTakesContinuationCell() {
        var b = Buffer(size: Size(width: 5, height: 1))
        #expect(b.setString("中a", x: 0, y: 0) == 3)
        #expect(b[0, 0].symbol == "中")
        #expect(b[1, 0].isContinuation)
        #expect(b[2, 0].symbol == "a")
        #expect(b.lines() == ["中a"])
    }

    @Test func wideCharacterThatDoesNotFitIsNotDrawn() {
        var b = Buffer(size: Size(width: 3, height: 1))
        #expect(b.setString("a中文", x: 0, y: 0) == 3)
        #expect(b.lines() == ["a中"])
        var c = Buffer(size: Size(width: 3, height: 1))
        #expect(c.setString("ab中", x: 0, y: 0) == 2)
        #expect(c.lines() == ["ab"])
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var b = Buffer(size: Size(width: 6, height: 1))
        b.setString("中文", x: 0, y: 0)
        b.setString("x", x: 1, y: 0)        // right half of 中
        #expect(b.lines() == [" x文"])
        #expect(!b[1, 0].isContinuation)
        b.setString("y", x: 2, y: 0)        // left half of 文
        #expect(b.lines() == [" xy"])
        #expect(!b[3, 0].isContinuation)
        b.setString("한", x: 3, y: 0)
        b.setString("日", x: 2, y: 0)       // wide over narrow + left half of 한
        #expect(b.lines() == [" x日"])
        #expect(b.cells.filter(\.isContinuation).count == 1)
    }

    @Test func nfdVietnameseFillsOneCellPerLetter() {
        var b = Buffer(size: Size(width: 8, height: 1))
        #expect(b.setString("Nguye\u{0302}\u{0303}n", x: 0, y: 0) == 6)
        #expect(b[4, 0].symbol == "e\u{0302}\u{0303}")
        #expect(b.lines() == ["Nguyễn"])
    }

    @Test func linesKeepTrailingSpacesWhenAsked() {
        var b = Buffer(size: Size(width: 4, height: 2))
        b.setString("ab", x: 0, y: 0)
        #expect(b.lines(trimTrailingSpaces: false) == ["ab  ", "    "])
        #expect(b.lines() == ["ab", ""])
        #expect(b.text() == "ab\n")
    }

    @Test func fillAndStyle() {
        var b = Buffer(size: Size(width: 4, height: 3))
        b.fill(Rect(x: 1, y: 1, width: 2, height: 5), symbol: "#", style: .boldText)
        #expect(b.lines() == ["", " ##", " ##"])
        #expect(b[1, 1].style.bold)
        b.setStyle(.highlight, in: Rect(x: 0, y: 0, width: 4, height: 1))
        #expect(b[3, 0].style == .highlight)
        #expect(b[3, 1].style == .plain)
        b.patchStyle(Style(fg: .red), in: Rect(x: 1, y: 1, width: 1, height: 1))
        #expect(b[1, 1].style == Style(fg: .red, bold: true))
    }

    @Test func diffReportsOnlyChangedCells() {
        var a = Buffer(size: Size(width: 5, height: 2))
        a.setString("hello", x: 0, y: 0)
        var b = a
        b.setString("j", x: 0, y: 0)
        b.setString("!", x: 4, y: 1)
        let changes = diff(from: a, to: b)
        #expect(changes.map(\.position) == [Position(x: 0, y: 0), Position(x: 4, y: 1)])
        #expect(changes.map(\.cell.symbol) == ["j", "!"])
        #expect(diff(from: b, to: b).isEmpty)
        var c = b
        c.setStyle(.highlight, in: Rect(x: 1, y: 0, width: 1, height: 1))
        #expect(diff(from: b, to: c).map(\.position) == [Position(x: 1, y: 0)])
    }

    @Test func diffOfDifferentSizesIsEverything() {
        let a = Buffer(size: Size(width: 2, height: 2))
        let b = Buffer(size: Size(width: 3, height: 2))
        #expect(diff(from: a, to: b).count == 6)
    }
}
