import Foundation
import Testing

/// The keys people expect (issue 20), in the real terminal: a key moved by the user's key file, and mouse clicks
/// that select and open a row.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is needed for the terminal test"))
struct MouseAndKeysTUITests {
    /// A config folder with the test operator and a key file that moves `nominate` from N to x.
    func configWithKeys(_ keys: String) throws -> String {
        let dir = try Binary.tempDir().path
        try FileManager.default.copyItem(atPath: Tmux.operatorHome + "/operator.json", toPath: dir + "/operator.json")
        try keys.write(toFile: dir + "/keys.toml", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func aKeyMovedByTheKeyFileAndAClickThatOpensALevel() throws {
        let (_, db) = try Binary.database("keys-\(UUID().uuidString.prefix(8)).sqlite")
        let config = try configWithKeys("# moved for a left hand\n[keys]\nnominate = \"x\"\n")
        let t = try Tmux.interface(db: db, year: 2020, environment: "DIENHINH_CONFIG_HOME=\(config)")
        let levels = try t.waitFor("3. VKSND cấp tỉnh")
        // A click on the provinces' row selects it, a second click opens it.
        let lines = levels.components(separatedBy: "\n")
        let y = try #require(lines.firstIndex { $0.contains("3. VKSND cấp tỉnh") })
        try t.click(x: 10, y: y)
        try t.click(x: 10, y: y)
        try t.waitFor("Các cấp › VKSND cấp tỉnh")
        try t.keys("Escape")
        try t.type("/nghi loc", thenWaitFor: "Nghi Lộc")
        try t.keys("Enter", thenWaitFor: "x giới thiệu")
        // N no longer nominates and says where it went; x does.
        try t.type("N", thenWaitFor: "Phím N (giới thiệu) nay là x (keys.toml)")
        try t.type("x", thenWaitFor: "Enter xác nhận")
        try t.keys("Escape")
        let help = try t.type("?", thenWaitFor: "x            giới thiệu")
        #expect(help.contains("x            giới thiệu") && !help.contains("N            giới thiệu"), "\(help)")
        #expect(try t.tmux(["display", "-p", "-t", t.session, "#{mouse_any_flag}"]).hasPrefix("1"), "the mouse was not asked for")
        try t.keys("Escape")
        try t.quit()
        // Leaving gives the mouse back to the terminal.
        #expect(try t.tmux(["display", "-p", "-t", t.session, "#{mouse_any_flag}"]).hasPrefix("0"))
    }

    @Test func aMistakeInTheKeyFileIsSaidAndTheStandardKeysWork() throws {
        let (_, db) = try Binary.database("keys-\(UUID().uuidString.prefix(8)).sqlite")
        let config = try configWithKeys("[keys]\nnominate = \"x\"\nsort = \"x\"\n")
        let t = try Tmux.shell()
        try t.enter("DIENHINH_CONFIG_HOME=\(config) \(Binary.path) --db \(db) --year 2020; echo EXIT=$?")
        // The message is wrapped above the status bar: read it with the line breaks as spaces.
        func words(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        try t.waitUntil { words($0).contains("keys.toml:3:8: phím «x» đã dành cho «nominate» ở dòng 2); đang dùng phím mặc định.") }
        try t.type("/nghi loc", thenWaitFor: "Nghi Lộc")
        try t.keys("Enter", thenWaitFor: "N giới thiệu")
        try t.quit()
    }

    @Test func mouseFalseLeavesTheMouseToTheTerminal() throws {
        let (_, db) = try Binary.database("keys-\(UUID().uuidString.prefix(8)).sqlite")
        let config = try configWithKeys("mouse = false\n")
        let t = try Tmux.interface(db: db, year: 2020, environment: "DIENHINH_CONFIG_HOME=\(config)")
        #expect(try t.tmux(["display", "-p", "-t", t.session, "#{mouse_any_flag}"]).hasPrefix("0"))
        try t.quit()
    }
}
