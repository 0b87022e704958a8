import DienHinhApp
import DienHinhCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import TerminalKit

/// Drives the app: keys in, update, effects run, view drawn through a `Terminal` (any backend).
public final class AppLoop {
    public private(set) var state: AppState
    let runner: EffectRunner

    public init(state: AppState, runner: EffectRunner) {
        self.state = state
        self.runner = runner
    }

    /// Feeds one message and every message its effects answer with.
    public func send(_ msg: Msg) {
        perform(App.update(&state, msg))
    }


    /// A search asked for while more typing is waiting: run only the last one, before any key that acts on results.
    private var pendingSearch: Effect?

    /// A form's draft asked for while more keys are waiting: only the last is written, before the next draw
    /// (so what the screen shows is on disk) and before any other effect (a save must not be followed by it).
    private var pendingDraft: Effect?

    func flushDraft() {
        if let e = pendingDraft {
            pendingDraft = nil
            if let answer = runner.run(e) { send(answer) }
        }
    }

    func perform(_ effects: [Effect]) {
        for e in effects {
            if case .search = e { pendingSearch = e; continue }
            if case .forms(.saveDraft) = e { pendingDraft = e; continue }
            flushDraft()
            if let answer = runner.run(e) { send(answer) }
        }
    }

    func flushSearch() {
        if let e = pendingSearch {
            pendingSearch = nil
            if let answer = runner.run(e) { send(answer) }
        }
    }

    /// Keys that only edit the query can run ahead of search results; any other key needs them first.
    static func editsText(_ key: Key) -> Bool {
        switch key {
        case .char, .backspace, .delete, .left, .right, .home, .end: true
        default: false
        }
    }

    func handle(_ keys: [Key], size: () -> Size) {
        for k in keys {
            if !Self.editsText(k) { flushSearch() }
            if k == .resize { send(.resized(size())); continue }
            send(.key(k))
            if state.quitting { flushDraft(); return }
        }
        flushDraft()
        flushSearch()
    }

    public func start() {
        perform(App.start(state))
        perform(FormsScreens.startEffects)
        flushSearch()
    }

    /// Applies keys one after another, as `render --keys` and tests do; `<Resize>` keeps the size.
    public func press(_ keys: [Key]) {
        let size = state.size
        handle(keys, size: { size })
    }

    /// Changes the screen size, as a terminal resize does.
    public func resize(_ size: Size) { send(.resized(size)) }

    /// The interactive loop: draw, wait for a key, drain what else is waiting, repeat until quit.
    /// Consecutive reads that failed at once: the terminal is gone when they pile up.
    private var readFailures = 0

    /// Leaves the loop as `q` would.
    func quit() { perform(App.quit(&state)) }

    public func run(terminal: Terminal) {
        start()
        while !state.quitting {
            if terminal.size != state.size { send(.resized(terminal.size)) }
            terminal.draw(App.view(state))
            // Live screens (the chair's console, a kiosk) poll for other terminals' votes twice a second.
            let live = VotingScreens.wantsTicks(state)
            let asked = DispatchTime.now().uptimeNanoseconds
            guard let first = terminal.readKey(timeoutMilliseconds: live ? 500 : -1) else {
                // A wait that ends at once with nothing is not a key: the terminal is gone (hung up, or
                // this process was put in the background). Don't spin; after a second of it, leave.
                let waited = (DispatchTime.now().uptimeNanoseconds - asked) / 1_000_000
                if !live || waited < 400 {
                    readFailures += 1
                    if readFailures >= 20 { quit(); break }
                    usleep(50_000)
                    continue
                }
                readFailures = 0
                send(.tick)
                continue
            }
            readFailures = 0
            var keys = [first]
            // Input faster than frames (paste, key repeat): handle it all before the next draw.
            while keys.count < 512, let more = terminal.readKey(timeoutMilliseconds: 0) { keys.append(more) }
            handle(keys, size: { terminal.size })
        }
    }
}

extension AppLoop {
    /// Opens a profile directly (for `render profile ID` and tests).
    public func openProfile(_ id: String) {
        perform(App.openProfile(&state, id: id))
    }
}
