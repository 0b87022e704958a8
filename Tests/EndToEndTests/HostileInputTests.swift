import DienHinhCore
import Foundation
import Testing

/// A real terminal against very long names and keys faster than frames: the screen always equals what
/// `dienhinh render` draws for the same keys (nothing left over from earlier frames), and the terminal is
/// restored on quitting.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is needed for the terminal cases"))
struct HostileInputTests {
    /// Lines as a person sees them: trailing blanks and empty lines at the bottom do not count.
    static func visible(_ screen: String) -> [String] {
        var lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.reversed().drop { $0 == " " }.reversed())
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// Waits until the pane shows exactly the screen `render` draws after `keys`.
    func expectScreen(_ t: Tmux, db: String, size: String, keys: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let rendered = try Binary.run(["render", "browse", "--size", size, "--keys", keys, "--db", db])
        #expect(rendered.status == 0, "\(rendered.stderr)", sourceLocation: sourceLocation)
        let want = Self.visible(rendered.stdout)
        do {
            try t.waitUntil(timeout: 20) { Self.visible($0) == want }
        } catch let e as TmuxTimeout {
            let got = Self.visible(e.screen)
            let line = zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(want.count, got.count)
            Issue.record("""
                the terminal differs from `render --keys \(keys.prefix(60))…` at line \(line + 1):
                  render:   \(line < want.count ? want[line] : "<end>")
                  terminal: \(line < got.count ? got[line] : "<end>")
                \(e.screen)
                """, sourceLocation: sourceLocation)
        }
    }

    /// Starts the interface from a shell in tmux, the terminal's settings saved first.
    func start(db: String, dir: URL, width: Int, height: Int) throws -> Tmux {
        let t = try Tmux(width: width, height: height)
        try t.waitUntil { $0.contains("$") || $0.contains("#") }
        try t.type("stty -a > \(dir.path)/before.txt; DIENHINH_DB=\(db) \(Binary.path); echo EXIT=$?")
        try t.keys("Enter")
        try t.waitFor("Chọn cấp")
        return t
    }

    /// After `q`: exit 0 and every terminal setting as before (line one holds the window size).
    func expectRestored(_ t: Tmux, dir: URL) throws {
        try t.waitFor("EXIT=0")
        // Wait for the shell's answer, not for the echo of the typed line.
        try t.type("stty -a > \(dir.path)/after.txt; echo READY-$((6 * 7))")
        try t.keys("Enter")
        try t.waitFor("READY-42")
        try Tmux.expectSameSettings(in: dir)
    }

    /// A candidate and its unit named with 2,000 characters: the import refuses such a name (at most 200), but a
    /// database written by an older version or another program may hold one, and the profile at 80x24 opens,
    /// scrolls and closes like any other.
    @Test func twoThousandCharacterNamesInAProfile() throws {
        let dir = try Binary.tempDir()
        let db = dir.appendingPathComponent("long.sqlite").path
        #expect(try Binary.run(["init", "--db", db, "--demo", "--scale", "small"]).status == 0)
        var name = ""
        while name.count < 1_990 { name += "Nguyễn Thị Hoàng Phương Quỳnh Như Ý Tôn Nữ Bảo Ngọc Trâm Anh Khuê Tú " }
        name = String(name.prefix(1_990)) + " CUỐI-TÊN."
        #expect(name.count == 2_000)
        let csv = dir.appendingPathComponent("long.csv")
        try "id,kind,name,unit_code,position,complies_with_policy\nCN-DAI,individual,\(name),VKSH.429,Kiểm sát viên,true\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        let refused = try Binary.run(["import", "candidates", csv.path, "--db", db, "--lang", "en"])
        #expect(refused.status != 0 && refused.stderr.contains("long.csv:2:"), "\(refused.stderr)")
        try "id,kind,name,unit_code,position,complies_with_policy\nCN-DAI,individual,Tên tạm,VKSH.429,Kiểm sát viên,true\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        #expect(try Binary.run(["import", "candidates", csv.path, "--db", db]).status == 0)
        let folded = TextFolding.fold(name) + " | " + TextFolding.fold("Kiểm sát viên")
        _ = try Binary.sqlite(db, "UPDATE candidate SET name = '\(name)', folded = '\(folded)' WHERE id = 'CN-DAI';")
        // Unit names are reference data with no import: the file is changed directly.
        let unit = String(("VKSND huyện Nghi Lộc " + String(repeating: "Nghệ An địa danh dài dằng dặc ", count: 70)).prefix(2_000))
        _ = try Binary.sqlite(db, "UPDATE unit SET name = '\(unit)' WHERE code = 'VKSH.429';")

        let t = try start(db: db, dir: dir, width: 80, height: 24)
        try t.type("/quynh nhu y ton nu")
        try t.waitFor("kết quả")
        try t.keys("Enter")
        try t.waitFor("Tiêu chuẩn 1.2")
        try expectScreen(t, db: db, size: "80x24", keys: "/quynh nhu y ton nu<Enter>")
        #expect(try !t.screen().contains("CUỐI-TÊN"))
        // Scroll the verdict down, then page back up.
        try t.type(String(repeating: "j", count: 14))
        try expectScreen(t, db: db, size: "80x24", keys: "/quynh nhu y ton nu<Enter>" + String(repeating: "j", count: 14))
        try t.keys("PageUp")
        try expectScreen(t, db: db, size: "80x24", keys: "/quynh nhu y ton nu<Enter>" + String(repeating: "j", count: 14) + "<PgUp>")
        try t.type("q")
        try expectRestored(t, dir: dir)
    }

    /// Hundreds of keys in one write, navigation then search typing with corrections: the last frame is
    /// the final state's, whole, and the interface quits cleanly.
    @Test func keysFasterThanFrames() throws {
        let dir = try Binary.tempDir()
        let db = dir.appendingPathComponent("burst.sqlite").path
        #expect(try Binary.run(["init", "--db", db, "--demo", "--scale", "small"]).status == 0)
        // The same keys as tmux names and as a render key script.
        var tmux: [String] = [], script = ""
        func press(_ name: String, _ token: String, times: Int = 1) {
            for _ in 0..<times { tmux.append(name); script += token }
        }
        press("3", "3")
        press("Down", "<Down>", times: 120)
        press("Up", "<Up>", times: 35)
        press("PageDown", "<PgDn>", times: 4)
        press("Right", "<Right>")
        press("Down", "<Down>", times: 9)
        press("Left", "<Left>")
        press("Up", "<Up>", times: 3)
        // On a list `/` filters it; Ctrl-F searches everything.
        press("C-f", "<C-f>")
        for ch in "nguyen thi hoa" { press(String(ch), String(ch)) }
        press("BSpace", "<Backspace>", times: 7)
        for ch in "van duc" { press(String(ch), String(ch)) }
        press("BSpace", "<Backspace>", times: 3)
        for ch in "duc" { press(String(ch), String(ch)) }
        press("Down", "<Down>", times: 6)
        press("Up", "<Up>", times: 2)
        #expect(tmux.count > 200)

        let t = try start(db: db, dir: dir, width: 120, height: 40)
        try t.tmux(["send-keys", "-t", t.session] + tmux)
        try expectScreen(t, db: db, size: "120x40", keys: script)
        let final = try t.screen()
        #expect(final.contains("Tìm: nguyen van duc\n") && final.contains("kết quả"))
        // The highlighted row is not in the captured text: open it, so the profile shows which one it was.
        try t.keys("Enter")
        try expectScreen(t, db: db, size: "120x40", keys: script + "<Enter>")
        #expect(try t.screen().contains("Tiêu chuẩn 1.2"))
        try t.type("q")
        try expectRestored(t, dir: dir)
    }
}
