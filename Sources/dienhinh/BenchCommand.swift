import ArgumentParser
import DienHinhApp
import DienHinhCore
import DienHinhDemo
import DienHinhRuntime
import DienHinhStore
import Foundation
import TerminalKit

/// In-process measurements for `make bench` (scripts/bench.py): printed as one JSON object.
/// Hidden from help: it is a tool for the benchmark suite, not for council members.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: abstractText("help.bench.abstract"),
                                                    shouldDisplay: false)

    @OptionGroup var global: GlobalOptions
    @Option(help: helpText("help.bench.size")) var size: String = "120x40"
    @Option(help: helpText("help.bench.verdicts-only")) var verdictsOnly: Int?
    @Option(help: helpText("help.bench.award-paths-only")) var awardPathsOnly: Int?

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e6 }

    static func cpu() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
    }

    /// CPU time of every thread of the process so far (the verdicts use both cores, and free on a third thread).
    static func processCPU() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
    }

    static func percentile(_ xs: [Double], _ p: Double) -> Double {
        let s = xs.sorted()
        guard !s.isEmpty else { return 0 }
        return s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))]
    }

    static func residentMB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
        return kb / 1024
    }

    func run() throws {
        var out: [String: Double] = [:]
        if let n = verdictsOnly {
            try global.run { db in
                let year = try db.defaultReviewYear()
                var wall: [Double] = [], cpu: [Double] = [], all: [Double] = []
                for _ in 0..<n {
                    let (t, c, p) = (Self.now(), Self.cpu(), Self.processCPU())
                    _ = try db.verdicts(ids: nil, year: year)
                    wall.append(Self.now() - t)
                    cpu.append(Self.cpu() - c)
                    all.append(Self.processCPU() - p)
                }
                // CPU time of this thread and of the whole process as well: steadier than wall time on a busy machine.
                Console.json("{\"verdicts_all_ms\": \(Self.percentile(wall, 0.5)), \"verdicts_all_cpu_ms\": \(Self.percentile(cpu, 0.5)), "
                             + "\"verdicts_all_process_cpu_ms\": \(Self.percentile(all, 0.5))}")
            }
            // The return above leaves only the closure: without this one the whole bench ran after it.
            return
        }
        if let n = awardPathsOnly {
            try global.run { db in
                let year = try db.defaultReviewYear()
                var wall: [Double] = [], all: [Double] = []
                for _ in 0..<n {
                    let (t, p) = (Self.now(), Self.processCPU())
                    _ = try db.awardPaths(year: year)
                    wall.append(Self.now() - t)
                    all.append(Self.processCPU() - p)
                }
                Console.json("{\"award_paths_all_ms\": \(Self.percentile(wall, 0.5)), \"award_paths_all_process_cpu_ms\": \(Self.percentile(all, 0.5))}")
            }
            return
        }
        let dims = size.split(separator: "x").compactMap { Int($0) }
        let screen = Size(width: dims.first ?? 120, height: dims.last ?? 40)

        // First frame: open the database, load the levels, draw every cell once.
        let t0 = Self.now()
        try global.run { db in
            let year = try db.defaultReviewYear()
            let backend = TestBackend(size: screen, recording: false)
            let terminal = Terminal(backend: backend)
            let loop = AppLoop(state: AppState(year: year, size: screen), runner: EffectRunner(db: db))
            loop.start()
            terminal.draw(App.view(loop.state))
            out["first_frame_ms"] = Self.now() - t0

            // Typing searches over every candidate: update, effects (the search), view and diff per key. Six set queries
            // and the first two words of every 500th candidate's name, about 400 keys: enough for the 99th percentile
            // to be more than the second-slowest key.
            var perKey: [Double] = []
            let names = try db.read { try String.fetchAll($0, sql: "SELECT name FROM candidate ORDER BY id") }
            let sampled = stride(from: 0, to: names.count, by: 500).map {
                TextFolding.fold(names[$0]).split(separator: " ").prefix(2).joined(separator: " ")
            }
            for query in ["nguyen van duc", "tran thi hong", "nghe an", "hoa binh", "kiem sat vien", "le minh"] + sampled {
                loop.press([.char("/")])
                terminal.draw(App.view(loop.state))
                for ch in query {
                    let t = Self.now()
                    loop.press([.char(ch)])
                    terminal.draw(App.view(loop.state))
                    perKey.append(Self.now() - t)
                }
                loop.press([.escape])
                terminal.draw(App.view(loop.state))
            }
            out["keystroke_median_ms"] = Self.percentile(perKey, 0.5)
            out["keystroke_p99_ms"] = Self.percentile(perKey, 0.99)
            out["keystroke_max_ms"] = perKey.max() ?? 0
            out["keystrokes"] = Double(perKey.count)

            // Browse keys on a loaded list (no store work): moving the selection.
            loop.press(try KeyScript.parse("4<Enter>"))
            terminal.draw(App.view(loop.state))
            var moves: [Double] = []
            for _ in 0..<200 {
                let t = Self.now()
                loop.press([.down])
                terminal.draw(App.view(loop.state))
                moves.append(Self.now() - t)
            }
            out["move_median_ms"] = Self.percentile(moves, 0.5)
            out["move_p99_ms"] = Self.percentile(moves, 0.99)
            out["resident_mb"] = Self.residentMB()

            // Before the sector-wide figures: their histories are freed on another thread afterwards, which would
            // otherwise be timed here (at 10x a second of freeing on the other core, and the allocator's lock).
            (out["rejudge_after_save_ms"], out["rejudge_after_save_cpu_ms"]) = try Self.rejudgeAfterSave(db, year: year, screen: screen)

            // Verdicts for every candidate, in process.
            // The median of three, like every other figure: one run on these shared machines swings by half.
            var verdictTimes: [Double] = []
            for _ in 0..<3 {
                let tv = Self.now()
                let verdicts = try db.verdicts(ids: nil, year: year)
                verdictTimes.append(Self.now() - tv)
                out["verdicts_count"] = Double(verdicts.count)
            }
            out["verdicts_all_ms"] = Self.percentile(verdictTimes, 0.5)

            // Award paths for everyone under the review year's law, as the dashboard's "closest to each award" reads them.
            var pathTimes: [Double] = []
            for _ in 0..<3 {
                let tp = Self.now()
                let paths = try db.awardPaths(year: year)
                pathTimes.append(Self.now() - tp)
                out["award_paths_count"] = Double(paths?.paths.count ?? 0)
            }
            out["award_paths_all_ms"] = Self.percentile(pathTimes, 0.5)

            // A tally: 25 members, 300 candidates, ballots of up to 10 marks.
            var rng = DemoRandom(seed: 7)
            let shortlist = (0..<300).map { ShortlistEntry(id: "C\($0)", name: "Ứng viên \($0)", kind: .individual, unitCode: "VKST.01") }
            let ballots = (0..<25).map { _ in
                Ballot(approvals: Set((0..<rng.int(11)).map { _ in "C\(rng.int(300))" }))
            }
            var tallies: [Double] = []
            for _ in 0..<50 {
                let t = Self.now()
                _ = try Tally.count(roundId: "bench", parameters: .selection, members: 25, present: 25, shortlist: shortlist, valid: ballots)
                tallies.append(Self.now() - t)
            }
            out["tally_median_ms"] = Self.percentile(tallies, 0.5)

            let data = try JSONSerialization.data(withJSONObject: out, options: [.sortedKeys])
            Console.json(String(decoding: data, as: UTF8.self))
        }
    }

    /// Saving a record typed in the entry form, as the app does it: Ctrl-S saves through the form's store call and
    /// re-reads and redraws the profile under the form; going back re-reads and redraws the unit's candidate list.
    /// The form is typed outside the timing. Median of nine; the records are deleted afterwards so the database
    /// is as it was for the figures measured after this one.
    /// Wall and this thread's CPU time (steadier when other work shares the cores), medians.
    static func rejudgeAfterSave(_ db: AppDatabase, year: Int, screen: Size) throws -> (Double, Double) {
        struct Unexpected: Error, CustomStringConvertible { var description: String }
        let terminal = Terminal(backend: TestBackend(size: screen, recording: false))
        let loop = AppLoop(state: AppState(year: year, size: screen), runner: EffectRunner(db: db))
        loop.start()
        // A unit found by name, its second candidate's profile.
        loop.press(try KeyScript.parse("/nghi loc<Enter>j<Enter>"))
        guard case .profile(let p) = loop.state.screen, p.data != nil else {
            throw Unexpected(description: "bench: no profile to add records to (\(loop.state.screen))")
        }
        terminal.draw(App.view(loop.state))
        var times: [Double] = [], cpuTimes: [Double] = []
        // Each run's four steps: the save with the profile re-read, its drawing, the way back with the list re-read, its drawing.
        var steps: [[Double]] = []
        for i in 0..<9 {
            loop.press(try KeyScript.parse("r<Tab>sang kien<Enter><Tab><Tab>BENCH-\(i)/QĐ<Tab>12/03/\(year)<Tab><Tab>Đo hiệu năng"))
            guard case .form = loop.state.screen else { throw Unexpected(description: "bench: the record form did not open") }
            let before = try db.achievementCount()
            let (t, c) = (now(), cpu())
            loop.press([.ctrl("s")])
            let saved = now()
            terminal.draw(App.view(loop.state))
            let drawn = now()
            loop.press([.escape])
            let back = now()
            terminal.draw(App.view(loop.state))
            times.append(now() - t)
            cpuTimes.append(cpu() - c)
            steps.append([saved - t, drawn - saved, back - drawn, t + times[times.count - 1] - back])
            guard try db.achievementCount() == before + 1, case .candidates = loop.state.screen else {
                throw Unexpected(description: "bench: the record was not saved (\(loop.state.message ?? "no message"))")
            }
            loop.press([.enter])
            terminal.draw(App.view(loop.state))
        }
        if ProcessInfo.processInfo.environment["DIENHINH_BENCH_PARTS"] != nil {
            // Diagnosis only: each store call the two screens make, timed alone.
            let id = p.id
            func part(_ name: String, _ body: () throws -> Void) rethrows {
                let t = now()
                for _ in 0..<5 { try body() }
                FileHandle.standardError.write(Data("\(name) \((now() - t) / 5) ms\n".utf8))
            }
            for (k, name) in ["save", "drawProfile", "back", "drawList"].enumerated() {
                FileHandle.standardError.write(Data("step \(name) \(percentile(steps.map { $0[k] }, 0.5)) ms\n".utf8))
            }
            let unit = try db.candidate(id)?.unitCode ?? ""
            try part("candidate") { _ = try db.candidate(id) }
            try part("verdict") { _ = try db.verdict(id: id, year: year) }
            try part("unitOfCandidate") { _ = try db.unit(ofCandidate: id, year: year) }
            try part("awardPath") { _ = try db.awardPath(id: id, year: year) }
            try part("achievements") { _ = try db.achievements(of: id) }
            try part("predecessorRecords") { _ = try db.predecessorRecords(of: id) }
            try part("provenance") { _ = try db.provenance(ofCandidate: id) }
            try part("recordHistory") { _ = try db.recordHistory(of: id) }
            try part("plans") { _ = try db.plans() }
            try part("structure") { _ = try db.structure() }
            try part("unitList") { _ = try db.candidates(CandidateFilter(unitCode: unit, year: year)) }
            let ids = try db.candidates(CandidateFilter(unitCode: unit, year: year)).map(\.candidate.id)
            try part("unitVerdicts") { _ = try db.verdicts(ids: ids, year: year) }
            try part("provenance.local") { _ = Provenance.local() }
            try part("saveDraft") { try db.saveDraft(kind: "bench", key: "bench", json: "{}") }
            try part("saveDraftAndStructure") { try db.saveDraft(kind: "bench", key: "bench", json: "{}"); _ = try db.structure() }
            try part("saveDraftAndProfileVerdict") { try db.saveDraft(kind: "bench", key: "bench", json: "{}"); _ = try db.verdict(id: id, year: year) }
            try part("saveDraftAndUnitVerdicts") { try db.saveDraft(kind: "bench", key: "bench", json: "{}"); _ = try db.verdicts(ids: ids, year: year) }
            try db.discardDraft(kind: "bench", key: "bench")
            var saved: [Int64] = []
            try part("saveAchievement") {
                saved.append(try db.saveAchievement(Achievement(candidateId: id, year: year, type: .SANG_KIEN, decisionNo: "BENCH-PART-\(saved.count)/QĐ")))
            }
            try part("deleteAchievement") { try db.deleteAchievement(saved.removeLast()) }
            try part("likelyDuplicates") { _ = try db.likelyDuplicates(of: Achievement(candidateId: id, year: year, type: .SANG_KIEN)) }
            try part("openProfileAndBack") { loop.press([.enter]); terminal.draw(App.view(loop.state)); loop.press([.escape]) }
        }
        let added = try db.read { try Int64.fetchAll($0, sql: "SELECT id FROM achievement WHERE decision_no LIKE 'BENCH-%/QĐ'") }
        for id in added { try db.deleteAchievement(id) }
        return (percentile(times, 0.5), percentile(cpuTimes, 0.5))
    }
}
