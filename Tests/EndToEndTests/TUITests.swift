import Foundation
import Testing

/// The real binary in a real terminal (tmux), walked through as a council member would.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is needed for the end-to-end terminal tests"))
struct TUITests {
    @Test func browseProfileSearchHelpResizeQuit() throws {
        let (dir, db) = try Binary.database("tui.sqlite")
        let t = try Tmux.shell()
        // The four levels of 2020 (today's three are in SectorTodayTests).
        try t.enter("stty -a > \(dir.path)/before.txt; DIENHINH_DB=\(db) \(Binary.path) --year 2020; echo EXIT=$?", thenWaitFor: "Chọn cấp")
        // Supreme level: the SPP with its affiliated units.
        try t.type("1", thenWaitFor: "Vụ Thi đua – Khen thưởng")
        // Provincial: Nghệ An, then one of its districts through the district level.
        try t.keys("Escape", thenWaitFor: "Chọn cấp")
        var s = try t.type("4", thenWaitFor: "đơn vị cấp huyện")
        #expect(s.contains("VKSND thành phố Hà Nội"))
        s = try t.keys("Enter", thenWaitFor: "VKSND quận Ba Đình")
        // Search the tree's province by typing: go to the district level's Nghệ An group.
        try t.keys("Escape")
        try t.type("3", thenWaitFor: "VKSND tỉnh Nghệ An")
        try t.keys("Escape")
        // Search: nguyen, open the first result.
        try t.type("/nguyen")
        s = try t.waitUntil { $0.contains("Tìm: nguyen\n") && $0.contains("kết quả") }
        // Units named Nguyên come first, then people named Nguyễn: walk down to the first person.
        #expect(s.contains("Đơn vị    VKSND tỉnh Thái Nguyên"))
        let results = s.split(separator: "\n", omittingEmptySubsequences: false).drop { !$0.contains("kết quả") }.dropFirst(2).map(String.init)
        let firstPerson = try #require(results.firstIndex { $0.drop { " ✓✗·".contains($0) }.hasPrefix("Cá nhân   Nguyễn") })  // the first column is the verdict mark (✓/✗/·)
        for _ in 0..<firstPerson { try t.keys("Down") }
        s = try t.keys("Enter", thenWaitFor: "Tiêu chuẩn 1.2")
        #expect(s.contains("Quá trình thành tích"))
        // Back to the levels; walk provincial → Nghệ An → Nghi Lộc → a candidate → profile.
        try t.keys("Escape")
        try t.type("/nghi loc", thenWaitFor: "VKSND huyện Nghi Lộc")
        s = try t.keys("Enter", thenWaitFor: "ứng viên")
        #expect(s.contains("✓") || s.contains("✗"))
        try t.keys("Down", "Enter", thenWaitFor: "Tiêu chuẩn 1.2")
        // Help lists the keys of this screen.
        try t.keys("F1", thenWaitFor: "Phím tắt")
        try t.type("?")
        try t.waitUntil { !$0.contains("Phím tắt") }
        // Resize to 100x30 and back: the layout follows at once.
        try t.resize(100, 30)
        try t.waitUntil { screen in screen.split(separator: "\n").first.map { $0.count <= 100 && $0.contains("Năm xét") } ?? false }
        try t.resize(120, 40)
        try t.waitFor("Tiêu chuẩn 1.2")
        try t.quit()
        // The terminal is restored: the shell answers and echo/icanon are back.
        // The answer, not the typed line: the shell echoes "READY-$((6 * 7))" as typed and prints READY-42 only after stty.
        try t.enter("stty -a > \(dir.path)/after.txt; echo READY-$((6 * 7))", thenWaitFor: "READY-42")
        let after = try String(contentsOfFile: dir.path + "/after.txt", encoding: .utf8)
        #expect(after.contains(" icanon") && after.contains(" echo ") && !after.contains("-icanon") && !after.contains("-echo "))
        try Tmux.expectSameSettings(in: dir)
    }

    @Test func ctrlCAndSigtermRestoreTheTerminal() throws {
        let (dir, db) = try Binary.database("tui.sqlite", demo: false)
        let t = try Tmux.shell()
        try t.enter("stty -a > \(dir.path)/before.txt; DIENHINH_DB=\(db) \(Binary.path); echo EXIT=$?", thenWaitFor: "Chọn cấp")
        try t.keys("C-c", thenWaitFor: "EXIT=0")
        // SIGTERM from outside while the interface runs in the foreground.
        // Named by its own database on the command line: a pattern matching any `dienhinh` would also end the
        // interfaces other tests run at the same time.
        try t.enter("clear; \(Binary.path) --db \(db); echo TERM_EXIT=$?; stty -a > \(dir.path)/after.txt", thenWaitFor: "Chọn cấp")
        let kill = Process()
        kill.executableURL = URL(fileURLWithPath: "/usr/bin/pkill")
        kill.arguments = ["-TERM", "-f", "^\(Binary.path) --db \(db)$"]
        try kill.run()
        kill.waitUntilExit()
        try t.waitFor("TERM_EXIT=143")
        Thread.sleep(forTimeInterval: 0.3)
        try Tmux.expectSameSettings(in: dir)
    }

    @Test func tooSmallTerminalSaysSo() throws {
        let (_, db) = try Binary.database("tui.sqlite", demo: false)
        let t = try Tmux(width: 60, height: 20, command: "env DIENHINH_DB=\(db) \(Binary.path)")
        try t.waitFor("Cửa sổ quá nhỏ")
        try t.resize(90, 30)
        try t.waitFor("Chọn cấp")
        try t.type("q")
    }
}
