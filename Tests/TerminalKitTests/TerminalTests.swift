import Testing
@testable import TerminalKit

@Suite struct TerminalTests {
    @Test func sendsOnlyChangedCells() {
        let backend = TestBackend(size: Size(width: 10, height: 2))
        let terminal = Terminal(backend: backend)
        let first = terminal.draw { $0.setString("hello", x: 0, y: 0) }
        #expect(first.count == 5)                 // blank cells are not sent after a clear
        #expect(backend.clearCount == 1)
        #expect(backend.lines() == ["hello", ""])
        let second = terminal.draw { $0.setString("help", x: 0, y: 0) }
        #expect(second.map(\.position) == [Position(x: 3, y: 0), Position(x: 4, y: 0)])
        #expect(backend.drawCalls.last?.count == 2)
        #expect(backend.lines() == ["help", ""])
        let drawsBefore = backend.drawCalls.count
        #expect(terminal.draw { $0.setString("help", x: 0, y: 0) }.isEmpty)
        #expect(backend.drawCalls.count == drawsBefore)
        #expect(backend.flushCount == 3)
        #expect(backend.clearCount == 1)
    }

    @Test func resizeRedrawsEverything() {
        let backend = TestBackend(size: Size(width: 4, height: 1))
        let terminal = Terminal(backend: backend)
        terminal.draw { $0.setString("ab", x: 0, y: 0) }
        backend.resize(to: Size(width: 6, height: 2))
        #expect(terminal.readKey() == .resize)
        let changes = terminal.draw { b in
            b.setString("ab", x: 0, y: 0)
            b.setString("cd", x: 0, y: 1)
        }
        #expect(changes.count == 4)
        #expect(backend.clearCount == 2)
        #expect(backend.lines() == ["ab", "cd"])
    }

    @Test func wideCharactersReplacedByNarrow() {
        let backend = TestBackend(size: Size(width: 4, height: 1))
        let terminal = Terminal(backend: backend)
        terminal.draw { $0.setString("中", x: 0, y: 0) }
        #expect(backend.drawCalls.last?.map(\.cell.symbol) == ["中", ""])
        terminal.draw { $0.setString("ab", x: 0, y: 0) }
        #expect(backend.drawCalls.last?.map(\.position.x) == [0, 1])
        #expect(backend.lines() == ["ab"])
    }

    @Test func cursorAndKeysPassThrough() throws {
        let backend = TestBackend(size: Size(width: 10, height: 3))
        try backend.enqueue(script: "q<C-c>")
        let terminal = Terminal(backend: backend)
        terminal.draw { b in b.render(ListView(items: ["a", "b"], selected: 1), in: b.area) }
        #expect(backend.cursor == Position(x: 0, y: 1))
        terminal.draw { _ in }
        #expect(backend.cursor == nil)
        #expect(terminal.readKey() == .char("q"))
        #expect(terminal.readKey() == .ctrl("c"))
        #expect(terminal.readKey(timeoutMilliseconds: 0) == nil)
    }

    @Test func invalidateForcesFullRepaint() {
        let backend = TestBackend(size: Size(width: 3, height: 1))
        let terminal = Terminal(backend: backend)
        terminal.draw { $0.setString("abc", x: 0, y: 0) }
        terminal.invalidate()
        #expect(terminal.draw { $0.setString("abc", x: 0, y: 0) }.count == 3)
        #expect(backend.clearCount == 2)
    }
}
