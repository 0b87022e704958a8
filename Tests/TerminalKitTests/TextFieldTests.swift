import Testing
@testable import TerminalKit

@Suite struct TextFieldTests {
    @Test func insertInTheMiddleOfAVietnameseWord() {
        var f = TextField(value: "Nguyn", cursor: 4)
        f.insert("ễ")
        #expect(f.value == "Nguyễn")
        #expect(f.cursor == 5)
        f.backspace()
        #expect(f.value == "Nguyn")
        #expect(f.cursor == 4)
    }

    @Test func combiningMarksTypedAfterABaseJoinIt() {
        var f = TextField(value: "Nguyen", cursor: 5)
        f.insert("\u{0302}")
        #expect(f.value == "Nguyên")
        #expect(f.cursor == 5)
        f.insert("\u{0303}")
        #expect(f.value == "Nguyễn")          // canonical equivalence: NFD equals NFC
        #expect(f.value.count == 6)
        #expect(f.cursor == 5)
        f.right()
        f.backspace()                          // deletes "n"
        f.backspace()                          // deletes the whole "ễ", marks and all
        #expect(f.value == "Nguy")
    }

    @Test func deleteAndMovement() {
        var f = TextField(value: "Nguyễn Văn An")
        #expect(f.cursor == 13)
        f.home(); f.delete()
        #expect(f.value == "guyễn Văn An")
        f.end(); f.left(); f.left()
        f.insert("X")
        #expect(f.value == "guyễn Văn XAn")
        f.right(); f.right(); f.right()
        #expect(f.cursor == f.value.count)
    }

    @Test func wordMotions() {
        var f = TextField(value: "Nguyễn Văn An")
        f.wordLeft(); #expect(f.cursor == 11)
        f.wordLeft(); #expect(f.cursor == 7)
        f.wordLeft(); #expect(f.cursor == 0)
        f.wordLeft(); #expect(f.cursor == 0)
        f.wordRight(); #expect(f.cursor == 6)
        f.end(); f.deleteWordBackward()
        #expect(f.value == "Nguyễn Văn ")
    }

    @Test func controlCharactersNeverEnter() {
        var f = TextField()
        f.insert("a\n\u{1B}[2Jb")
        #expect(f.value == "a[2Jb")
    }

    @Test func handleKeys() {
        var f = TextField()
        for key in try! KeyScript.parse("Đức<Left><BS>x<Home>A<C-e>") { f.handle(key) }
        #expect(f.value == "AĐxc")
        #expect(f.handle(.enter) == false)
    }

    @Test func rendersWithHorizontalScrollAndCursor() {
        var b = Buffer(size: Size(width: 6, height: 1))
        let f = TextField(value: "Nguyễn Văn")
        b.render(f, in: b.area)
        #expect(b.lines() == ["n Văn"])
        #expect(b.cursor == Position(x: 5, y: 0))
        var c = Buffer(size: Size(width: 6, height: 1))
        c.render(TextField(value: "Nguyễn Văn", cursor: 2), in: c.area)
        #expect(c.lines() == ["Nguyễn"])
        #expect(c.cursor == Position(x: 2, y: 0))
        var d = Buffer(size: Size(width: 8, height: 1))
        d.render(TextField(placeholder: "tìm…"), in: d.area)
        #expect(d.lines() == ["tìm…"])
        #expect(d[0, 0].style == .dimText)
    }
}
