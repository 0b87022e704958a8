import DienHinhCore
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A tmux session on its own server socket, driven like a person at a terminal.
final class Tmux {
    let socket = "dienhinh-test-\(UUID().uuidString.prefix(8))"
    let session = "t"

    init(width: Int = 120, height: Int = 40, command: String = "bash --norc --noprofile") throws {
        try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-s", session, command])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// A bash session, once its prompt shows.
    static func shell() throws -> Tmux {
        let t = try Tmux()
        try t.waitUntil { $0.contains("$") || $0.contains("#") }
        return t
    }

    /// A shell running the interface on `db` (with `environment`, e.g. `DIENHINH_CONFIG_HOME=…`, before it), once the
    /// levels show; `echo EXIT=$?` follows it, so `quit()` sees how it ended.
    static func interface(db: String, year: Int? = nil, environment: String = "") throws -> Tmux {
        let t = try shell()
        let command = [environment, Binary.path, "--db", db] + (year.map { ["--year", "\($0)"] } ?? [])
        try t.enter(command.filter { !$0.isEmpty }.joined(separator: " ") + "; echo EXIT=$?", thenWaitFor: "Chọn cấp")
        return t
    }

    /// The interface run as the session's own program (no shell), on `db`: `tui` with `arguments` (`--kiosk open`,
    /// `--console S2019-1`); with `reportingExit`, `echo EXIT=$?` and a pause follow it, so a test sees how it ended.
    static func tui(_ arguments: String, db: String, reportingExit: Bool = false) throws -> Tmux {
        let command = ["LANG=C.UTF-8", Binary.path, "tui", arguments, "--db", db].filter { !$0.isEmpty }.joined(separator: " ")
        return try Tmux(command: command + (reportingExit ? "; echo EXIT=$?; sleep 30" : ""))
    }

    /// A config folder holding the test operator.
    static let operatorHome: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dienhinh-operator-\(UUID().uuidString)").path
        try! Operator(name: "Người kiểm thử", unit: "VKSTC.V16", role: "Kiểm thử").save(environment: ["DIENHINH_CONFIG_HOME": dir])
        return dir
    }()

    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Runs tmux with posix_spawn and waitpid: Foundation's Process never sees the exit of a client
    /// whose forked server keeps its inherited descriptors, so it would wait forever.
    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let command = (["tmux", "-L", socket] + args).map(Self.quote).joined(separator: " ")
        // Every session's programs find an operator set, so the terminal's first-start question (issue 14) is asked
        // only where a test gives its own empty DIENHINH_CONFIG_HOME.
        let argv = ["/bin/sh", "-c", "LANG=C.UTF-8 TMUX= DIENHINH_CONFIG_HOME=\(Self.quote(Self.operatorHome)) exec \(command) >\(Self.quote(out)) 2>/dev/null </dev/null"]
        var cargs = argv.map { strdup($0) } + [nil]
        defer { for a in cargs { free(a) } }
        // The test runner blocks or ignores some signals; a terminal program needs SIGWINCH and the
        // rest as a login shell would have them, so the spawned tmux starts with defaults.
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/bin/sh", nil, &attr, &cargs, environ)
        guard rc == 0 else { throw TmuxTimeout(screen: "posix_spawn failed: \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Types text literally (no key-name interpretation).
    func type(_ text: String) throws { try tmux(["send-keys", "-t", session, "-l", text]) }

    /// Sends raw bytes, written in hex ("ff", "e1 bb"), exactly as a terminal would deliver them.
    func bytes(_ hex: String) throws {
        try tmux(["send-keys", "-t", session, "-H"] + hex.split(separator: " ").map(String.init))
    }

    /// A left click at column x, row y (0-based), as a terminal reports it once the application asks for the
    /// mouse: the X10 bytes ESC [ M, the button (press, then release), then x and y, each offset by 33.
    func click(x: Int, y: Int) throws {
        for button in ["20", "23"] {
            try bytes(["1b", "5b", "4d", button, String(x + 33, radix: 16), String(y + 33, radix: 16)].joined(separator: " "))
        }
    }

    /// Sends named keys: Enter, Escape, Up, F1, C-c … A person is never faster than a few
    /// milliseconds between keys; after Escape wait out the terminal's escape delay so the next
    /// key is not read as part of an escape sequence.
    func keys(_ names: String...) throws { try send(keys: names) }

    private func send(keys names: [String]) throws {
        try tmux(["send-keys", "-t", session] + names)
        if names.last == "Escape" { Thread.sleep(forTimeInterval: 0.1) }
    }

    /// Types `text`, then waits for the screen to show `answer`; returns that screen.
    @discardableResult
    func type(_ text: String, thenWaitFor answer: String) throws -> String {
        try type(text)
        return try waitFor(answer)
    }

    /// Sends named keys, then waits for the screen to show `answer`; returns that screen.
    @discardableResult
    func keys(_ names: String..., thenWaitFor answer: String) throws -> String {
        try send(keys: names)
        return try waitFor(answer)
    }

    /// Types a command line at the shell and presses Enter.
    func enter(_ line: String) throws {
        try type(line)
        try keys("Enter")
    }

    /// Types a command line, presses Enter, then waits for the screen to show `answer`; returns that screen.
    @discardableResult
    func enter(_ line: String, thenWaitFor answer: String) throws -> String {
        try enter(line)
        return try waitFor(answer)
    }

    /// Adds council members on the members screen (`vm`), each with the keys that move the role field from
    /// "member" (Left twice: the chair; Right: the secretary), waiting for each to be said added.
    func addMembers(_ members: [(name: String, roleKeys: [String])]) throws {
        for (name, roleKeys) in members {
            try type("a", thenWaitFor: "Thêm thành viên")
            try type(name)
            try keys("Tab")
            if !roleKeys.isEmpty { try send(keys: roleKeys) }
            try keys("Enter", thenWaitFor: "Đã thêm \(name)")
        }
    }

    /// Quits the interface with `q` and waits for the shell to print `exit` (the `echo EXIT=$?` after it).
    @discardableResult
    func quit(expecting exit: String = "EXIT=0") throws -> String { try type("q", thenWaitFor: exit) }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", session]) }

    func resize(_ width: Int, _ height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Waits until the screen shows `text` (or the predicate holds); returns the screen seen last.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15) throws -> String {
        do {
            return try waitUntil(timeout: timeout) { $0.contains(text) }
        } catch var e as TmuxTimeout {
            e.waitingFor = text
            throw e
        }
    }

    @discardableResult
    func waitUntil(timeout: TimeInterval = 15, _ ok: (String) -> Bool) throws -> String {
        let end = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < end {
            last = try screen()
            if ok(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw TmuxTimeout(screen: last)
    }
}

struct TmuxTimeout: Error, CustomStringConvertible {
    var screen: String
    var waitingFor = ""
    var description: String { "timed out waiting for \"\(waitingFor)\"; the screen was:\n\(screen)" }
}

extension Tmux {
    /// `stty -a` saved as before.txt and after.txt in `dir` agree, but for line one (the window size).
    static func expectSameSettings(in dir: URL) throws {
        let after = try String(contentsOfFile: dir.path + "/after.txt", encoding: .utf8)
        let before = try String(contentsOfFile: dir.path + "/before.txt", encoding: .utf8)
        #expect(after.split(separator: "\n").dropFirst() == before.split(separator: "\n").dropFirst())
    }
}
