import Foundation
import Testing

/// Invalid UTF-8 through the real ncurses reader (issue 15): one bad byte from a keyboard or a paste used to stop
/// the interface for good. Each ill-formed sequence is sent raw with `tmux send-keys -H`, then the keys after it
/// must all work in the voting kiosk (the browser uses the same reader).
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is needed for the terminal cases"))
struct RawBytesTUITests {
    static let illFormed = ["ff", "80", "c3", "e1 bb", "c0 af"]

    @Test func kioskReadsOnAfterInvalidUTF8() throws {
        let (_, db) = try Binary.database("d.sqlite")
        func cli(_ args: [String], stdin: String? = nil) throws { try Binary.succeeds(args, db: db, stdin: stdin) }
        try cli(["nominate", "CN-TC-0007", "--year", "2019"])
        try cli(["nominate", "CN-TC-0010", "--year", "2019"])
        for (i, role) in ["chair", "secretary", "member"].enumerated() {
            try cli(["council", "add-member", "--name", "TV \(i + 1)", "--role", role, "--pin-stdin"], stdin: "pin\(i + 1)\(i + 1)\(i + 1)\(i + 1)\n")
        }
        // The chair (M01) signs the session and round, the secretary (M02) the attendance.
        try cli(["session", "open", "--year", "2019", "--by", "M01", "--pin-stdin"], stdin: "pin1111\n")
        try cli(["session", "attend", "S2019-1", "M01", "M02", "M03", "--by", "M02", "--pin-stdin"], stdin: "pin2222\n")
        try cli(["round", "open", "S2019-1", "--min", "1", "--max", "2", "--by", "M01", "--pin-stdin"], stdin: "pin1111\n")
        let kiosk = try Tmux.tui("--kiosk S2019-1-R1", db: db, reportingExit: true)
        try kiosk.waitFor("Mã thành viên:")
        for sequence in Self.illFormed { try kiosk.bytes(sequence) }
        try kiosk.type("M0")
        try kiosk.bytes("c0 af")
        try kiosk.type("2", thenWaitFor: "Mã thành viên: M02")
        try kiosk.keys("Enter", thenWaitFor: "Phiếu bầu của TV 2")
        try kiosk.bytes("ff")
        try kiosk.keys("Space", thenWaitFor: "Đã chọn 1/2")
        try kiosk.keys("F10", thenWaitFor: "EXIT=")
    }

    /// The browser: after each ill-formed sequence, `j`, `/`, typed text (a Vietnamese letter sent as its own bytes)
    /// and `q` still work.
    @Test func browserReadsOnAfterInvalidUTF8() throws {
        let (_, db) = try Binary.database("d.sqlite")
        let app = try Tmux.tui("", db: db, reportingExit: true)
        try app.waitFor("VKSND")
        for sequence in Self.illFormed { try app.bytes(sequence) }
        try app.type("j")
        try app.type("/")
        try app.bytes("ff")
        try app.type("ab")
        try app.bytes("c3 a1")
        try app.waitFor("abá")
        try app.keys("Escape")
        try app.bytes("e1 bb")
        let end = try app.quit(expecting: "EXIT=")
        #expect(end.contains("EXIT=0"))
    }
}
