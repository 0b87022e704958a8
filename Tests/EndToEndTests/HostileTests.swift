import Foundation
import Testing

/// Hostile terminals: no crash and the terminal restored (interrupted work is in KillTests).
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is needed for the terminal cases"))
struct HostileTests {
    func database(demo: Bool = false) throws -> (URL, String) { try Binary.database("hostile.sqlite", demo: demo) }

    /// TERM unknown, TERM unset, NO_COLOR: the interface still starts, answers keys and quits cleanly.
    @Test(arguments: ["TERM=bogus-terminal", "-u TERM", "NO_COLOR=1 TERM=vt100"])
    func oddTerminalsStillWork(_ env: String) throws {
        let (_, db) = try database()
        let t = try Tmux.interface(db: db, environment: "env \(env)")
        try t.type("?", thenWaitFor: "Phím tắt")
        try t.keys("Escape")
        try t.quit()
    }

    /// A 20x5 terminal says it is too small; a storm of resizes leaves a whole, current frame.
    @Test func tinyTerminalAndResizeStorm() throws {
        let (_, db) = try database(demo: true)
        let t = try Tmux(width: 20, height: 5, command: "env DIENHINH_DB=\(db) \(Binary.path); echo EXIT=$?; sleep 5")
        try t.waitFor("quá nhỏ")
        for (w, h) in [(30, 8), (200, 60), (81, 24), (79, 23), (120, 40), (60, 10), (100, 30)] { try t.resize(w, h) }
        let s = try t.waitFor("Chọn cấp")
        #expect(s.split(separator: "\n").first?.contains("Năm xét") == true)
        try t.quit()
    }

    /// Pasted text with control characters and a very long line lands in the search field inert.
    @Test func pastedControlCharactersAndLongLines() throws {
        let (_, db) = try database(demo: true)
        let t = try Tmux(command: "env DIENHINH_DB=\(db) \(Binary.path); echo EXIT=$?; sleep 5")
        try t.waitFor("Chọn cấp")
        try t.type("/")
        try t.type("nguyen\u{1B}[31m" + String(repeating: "đức ", count: 600))
        // A paste that reaches the program in pieces may split ESC from "[31m": the ESC is then the Escape key
        // and "[", "3" … ordinary keys (a year change, the provincial list). Either way nothing is drawn raw.
        let s = try t.waitUntil { $0.contains("Tìm:") || $0.contains("VKSND cấp tỉnh") }
        #expect(!s.contains("\u{1B}"))
        for _ in 0..<3 { try t.keys("Escape") }
        try t.quit()
    }
}
