import DienHinhCore
@testable import DienHinhApp
import DienHinhResources
import DienHinhRuntime
import Foundation
import TerminalKit
import Testing

/// The key file (issue 20): actions moved to other keys, the old key says where it went, `?` shows the new key,
/// and every mistake in the file is named by line and column.
@Suite struct KeymapTests {
    let s = Strings.vi

    @Test func readsActionsTheMouseAndComments() throws {
        let map = try Keymap.parse("""
        \u{FEFF}# my keys
        mouse = false   # the terminal selects text
        [keys]
        nominate = "x"
        "plan_log" = '<C-t>'
        sort = "<F5>"
        """, strings: s)
        #expect(!map.mouse)
        #expect(map.remaps == ["nominate": .char("x"), "plan_log": .ctrl("t"), "sort": .function(5)])
        #expect(Keymap.actions.contains("nominate") && Keymap.actions.contains("quit") && !Keymap.actions.contains("nominat"))
    }

    func problem(_ text: String) -> Keymap.Problem? {
        do { _ = try Keymap.parse(text, strings: s); return nil } catch { return error }
    }

    @Test func everyMistakeHasItsLineAndColumn() throws {
        let cases: [(String, Int, Int, String)] = [
            ("[keys]\nnominat = \"x\"", 2, 1, "không có thao tác «nominat» Có phải «nominate»?"),
            ("[keys]\nnominate = x", 2, 12, "phím viết trong ngoặc kép"),
            ("[keys]\nnominate = \"x", 2, 12, "ngoặc kép không được đóng"),
            ("[keys]\nnominate = \"xy\"", 2, 12, "«xy» không phải một phím"),
            ("[keys]\nnominate = \"<Foo>\"", 2, 12, "không đọc được phím «<Foo>»"),
            ("[keys]\nquit = \"<C-c>\"", 2, 8, "Ctrl-C và F10 luôn để thoát"),
            ("[keys]\nsort = \"x\"\nnominate = \"x\"", 3, 12, "phím «x» đã dành cho «sort» ở dòng 2"),
            ("[keys]\nsort = \"x\"\n  sort = \"y\"", 3, 3, "«sort» đã đặt ở dòng 2"),
            ("[key]", 1, 1, "không có mục [key]"),
            ("[keys\n", 1, 1, "tên mục thiếu «]»"),
            ("mouse = 1", 1, 9, "mouse nhận true hoặc false"),
            ("colour = true", 1, 1, "không có thiết lập «colour»"),
            ("[keys]\nsort \"x\"", 2, 1, "thiếu «=»"),
            ("[keys]\nsort = \"x\" y", 2, 12, "sau giá trị chỉ được có chú thích"),
        ]
        for (text, line, column, words) in cases {
            let p = try #require(problem(text), "\(text)")
            #expect(p.line == line && p.column == column, "\(text): \(p)")
            #expect(p.message.contains(words), "\(text): \(p.message)")
        }
    }

    @Test func aBrokenFileLeavesTheStandardKeysAndSaysWhere() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let env = ["DIENHINH_CONFIG_HOME": dir]
        #expect(Keymap.load(environment: env, strings: s) == (Keymap(), nil))
        try "[keys]\nnominate = x\n".write(toFile: dir + "/keys.toml", atomically: true, encoding: .utf8)
        let (map, problem) = Keymap.load(environment: env, strings: s)
        #expect(map == Keymap())
        #expect(problem == "Không dùng tệp phím (\(dir)/keys.toml:2:12: phím viết trong ngoặc kép, ví dụ \"x\"); đang dùng phím mặc định.")
        try "[keys]\nnominate = \"x\"\n".write(toFile: dir + "/keys.toml", atomically: true, encoding: .utf8)
        #expect(Keymap.load(environment: env, strings: s).0.remaps == ["nominate": .char("x")])
    }

    func onCandidates(_ keymap: Keymap) throws -> AppLoop {
        var state = AppState(year: 2020, size: Size(width: 120, height: 40))
        state.keymap = keymap
        let loop = AppLoop(state: state, runner: EffectRunner(db: SnapshotTests.db))
        loop.start()
        loop.press(try KeyScript.parse("/nghi loc<Enter>"))
        return loop
    }

    @Test func aMovedActionAnswersItsNewKeyOnlyAndHelpShowsIt() throws {
        let loop = try onCandidates(Keymap(remaps: ["nominate": .char("x"), "sort": .ctrl("o")]))
        guard case .candidates = loop.state.screen else { Issue.record("not on candidates"); return }
        // The old key does nothing and says where the action went.
        loop.press([.char("N")])
        #expect(loop.state.nominate == nil)
        #expect(loop.state.message == "Phím N (giới thiệu) nay là x (keys.toml)")
        loop.press([.char("x")])
        #expect(loop.state.nominate != nil)
        loop.press([.escape])
        #expect(loop.state.nominate == nil)
        loop.press([.char("?")])
        let help = App.view(loop.state).lines().joined(separator: "\n")
        #expect(help.contains("x            giới thiệu"), "\(help)")
        #expect(help.contains("Ctrl-O       "), "\(help)")
        #expect(!help.contains("N            giới thiệu") && !help.contains("s            "), "\(help)")
        loop.press([.escape])
        // Inside the list's filter the letters are text again: x types, it does not nominate.
        loop.press(try KeyScript.parse("/x"))
        #expect(loop.state.nominate == nil)
        #expect(ListFilters.filter(loop.state.screen)?.editing == true)
    }

    /// docs/KEYS.md names every action a key file may move.
    @Test func theDocumentListsEveryAction() throws {
        let doc = try String(contentsOf: CommandLineStringsTests.repo.appendingPathComponent("docs/KEYS.md"), encoding: .utf8)
        let missing = Keymap.actions.filter { !doc.contains("| `\($0)` |") }.sorted()
        #expect(missing.isEmpty, "docs/KEYS.md lacks \(missing)")
    }

    @Test func theStandardKeysWhenThereIsNoFile() throws {
        let loop = try onCandidates(Keymap())
        loop.press([.char("N")])
        #expect(loop.state.nominate != nil)
    }
}

/// The mouse (issue 20): clicks select and open list rows, the wheel moves; a ballot ignores both.
@Suite struct PointerTests {
    func loop(_ keys: String) throws -> AppLoop {
        let loop = AppLoop(state: AppState(year: 2020, size: Size(width: 120, height: 40)), runner: EffectRunner(db: SnapshotTests.db))
        loop.start()
        loop.press(try KeyScript.parse(keys))
        return loop
    }

    func selectedId(_ loop: AppLoop) -> String? {
        guard case .candidates(let c) = loop.state.screen, c.visible.indices.contains(c.selected) else { return nil }
        return c.visible[c.selected].candidate.id
    }

    @Test func aClickSelectsARowAndASecondClickOpensIt() throws {
        let l = try loop("/nghi loc<Enter>")
        guard case .candidates(let c) = l.state.screen else { Issue.record("not on candidates"); return }
        let rows = App.view(l.state).rowTargets
        #expect(rows.count == min(c.visible.count, rows.count) && rows.count >= 3)
        let third = rows[2]
        l.press([.mouse(MouseEvent(.click, x: third.rect.x + 5, y: third.rect.y))])
        #expect(selectedId(l) == c.visible[2].candidate.id)
        // Back up by a click too.
        l.press([.mouse(MouseEvent(.click, x: rows[1].rect.x, y: rows[1].rect.y))])
        #expect(selectedId(l) == c.visible[1].candidate.id)
        // A click outside any row does nothing.
        l.press([.mouse(MouseEvent(.click, x: 0, y: 0))])
        #expect(selectedId(l) == c.visible[1].candidate.id)
        l.press([.mouse(MouseEvent(.click, x: rows[1].rect.x, y: rows[1].rect.y))])
        guard case .profile(let p) = l.state.screen else { Issue.record("the second click did not open the profile"); return }
        #expect(p.id == c.visible[1].candidate.id)
    }

    /// A search's results answer clicks though the cursor stays in its field.
    @Test func aClickOpensASearchResult() throws {
        let l = try loop("/nguyen van")
        let rows = App.view(l.state).rowTargets
        #expect(rows.count >= 2)
        guard let s = l.state.search, rows.count >= 2, case let .candidate(id, _, _, _, _) = s.rows[1] else { Issue.record("no second result"); return }
        l.press([.mouse(MouseEvent(.click, x: rows[1].rect.x + 2, y: rows[1].rect.y))])
        #expect(l.state.search?.selected == 1)
        l.press([.mouse(MouseEvent(.click, x: rows[1].rect.x + 2, y: rows[1].rect.y))])
        guard case .profile(let p) = l.state.screen else { Issue.record("no profile opened"); return }
        #expect(p.id == id && l.state.search == nil)
    }

    @Test func theWheelMovesThreeRows() throws {
        let l = try loop("/nghi loc<Enter>")
        guard case .candidates(let c) = l.state.screen, c.visible.count > 4 else { Issue.record("too few candidates"); return }
        l.press(try KeyScript.parse("<WheelDown:10,10>"))
        #expect(selectedId(l) == c.visible[3].candidate.id)
        l.press(try KeyScript.parse("<WheelUp>"))
        #expect(selectedId(l) == c.visible[0].candidate.id)
    }

    @Test func aClickOnTheLevelsOpensALevel() throws {
        let l = try loop("")
        let rows = App.view(l.state).rowTargets
        #expect(rows.count >= 3)
        l.press([.mouse(MouseEvent(.click, x: rows[1].rect.x, y: rows[1].rect.y)), .mouse(MouseEvent(.click, x: rows[1].rect.x, y: rows[1].rect.y))])
        guard case .units(let u) = l.state.screen else { Issue.record("no level opened"); return }
        #expect(u.level == .high)  // 2020: the SPP, the high procuracies, provinces, districts
    }

    @Test func anOverlayTakesTheClicksOfTheRowsUnderIt() throws {
        let l = try loop("/nghi loc<Enter>?")
        let rows = App.view(l.state).rowTargets
        // The help box covers the middle rows; the click closes it and selects nothing.
        l.press([.mouse(MouseEvent(.click, x: 60, y: 20))])
        #expect(!l.state.showHelp)
        #expect(rows.allSatisfy { !$0.rect.contains(Position(x: 60, y: 20)) })
    }

    @Test func scriptsNameMouseEvents() throws {
        #expect(try KeyScript.parse("<Click:3,5><WheelUp:0,7><wheeldown>") ==
                [.mouse(MouseEvent(.click, x: 3, y: 5)), .mouse(MouseEvent(.wheelUp, x: 0, y: 7)), .mouse(MouseEvent(.wheelDown, x: 0, y: 0))])
        #expect(KeyScript.format([.mouse(MouseEvent(.click, x: 3, y: 5))]) == "<Click:3,5>")
        #expect(throws: KeyScriptError.self) { try KeyScript.parse("<Click>") }
        #expect(throws: KeyScriptError.self) { try KeyScript.parse("<Click:3>") }
        #expect(throws: KeyScriptError.self) { try KeyScript.parse("<Click:-1,2>") }
    }
}
