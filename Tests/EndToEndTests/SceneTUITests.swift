import Foundation
import Testing

/// Scenes 2 and 3 of SCENARIOS.md at the terminal, from an empty council to the minutes, without one shell command
/// of the user's (issue 19): nominations with a refused third individual, 21 members added with PINs drawn onto
/// slips, a session with 17 present, a round set on the console's form, 17 ballots at the kiosk and 2 written
/// ones entered by the secretary, a tie across the last seat, its run-off in one key, the minutes on screen. The
/// command line only reads, to check what the screens did.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is needed for the end-to-end terminal tests"))
struct SceneTUITests {
    /// One ballot at a voting screen: the member (typed at the kiosk's pick), the rows to mark, review, then the
    /// prompts that follow (the member's PIN at the kiosk; the code and the secretary's PIN for a written one).
    static func ballot(_ t: Tmux, member: String, name: String, marks: Set<Int>, rows: Int, seats: Int) throws {
        try t.enter(member, thenWaitFor: "của \(name)")
        for i in 0..<rows {
            if marks.contains(i) { try t.keys("Space") }
            if i < rows - 1 { try t.keys("Down") }
        }
        try t.waitFor("Đã chọn \(marks.count)/\(seats)")
        try t.type("c", thenWaitFor: "Xem lại phiếu")
    }

    /// A member's ballot at the kiosk, signed with their PIN; the receipt is dismissed and the count moves on.
    static func kioskVote(_ t: Tmux, member: String, name: String, pin: String, marks: Set<Int>, rows: Int, seats: Int, count: Int) throws {
        try ballot(t, member: member, name: name, marks: marks, rows: rows, seats: seats)
        try t.keys("Enter", thenWaitFor: "Mã PIN:")
        try t.type(pin)
        try t.keys("Enter", thenWaitFor: "Mã biên nhận")
        try t.keys("Enter")
        try t.waitFor("Đã bỏ phiếu: \(count)/")
    }

    /// The ids of a count's tie, from its JSON.
    static func tied(_ json: [String: Any]) -> [String] {
        let candidates = json["candidates"] as? [[String: Any]] ?? []
        return candidates.filter { ($0["outcome"] as? String) == "tie" }.compactMap { $0["id"] as? String }
    }

    @Test func fromAnEmptyCouncilToTheMinutes() throws {
        let (dir, db) = try Binary.database("scene.sqlite")
        let year = 2019
        let all = try Binary.json(["candidates", "--year", "\(year)", "--json"], db: db) as! [[String: Any]]
        let eligible = all.filter { $0["eligible"] as? Bool == true }
        let names = Dictionary(grouping: all.compactMap { $0["name"] as? String }, by: { $0 })
        func unique(_ c: [String: Any]) -> Bool { names[c["name"] as! String]?.count == 1 }
        // A unit with three eligible individuals the search finds by name, and one individual of each of three others.
        let byUnit = Dictionary(grouping: eligible.filter { $0["kind"] as? String == "individual" && unique($0) }, by: { $0["unit_code"] as! String })
        let units = byUnit.keys.sorted()
        let unit = try #require(units.first { byUnit[$0]!.count >= 3 })
        let three = byUnit[unit]!
        let others = units.filter { $0 != unit }.prefix(3).map { byUnit[$0]![0] }
        #expect(others.count == 3)

        let t = try Tmux.interface(db: db, year: year)
        func nominate(_ c: [String: Any], expect answer: String) throws {
            try t.type("/" + (c["name"] as! String), thenWaitFor: c["unit_name"] as! String)
            try t.keys("Enter", thenWaitFor: "[\(c["id"] as! String)]")
            try t.type("N", thenWaitFor: "Giới thiệu ứng viên")
            try t.keys("Enter", thenWaitFor: answer)
            if answer != "Đã giới thiệu" { try t.keys("Escape") }
            try t.keys("Escape")
            try t.keys("Escape", thenWaitFor: "Chọn cấp")
        }
        for c in Array(three.prefix(2)) + others { try nominate(c, expect: "Đã giới thiệu") }
        // The unit's third individual: refused, by name of who fills the quota; nothing written.
        try nominate(three[2], expect: "Đã đủ chỉ tiêu")
        let noms = try Binary.json(["nominations", "--year", "\(year)", "--json"], db: db) as! [[String: Any]]
        #expect(noms.count == 5 && !noms.contains { $0["id"] as? String == three[2]["id"] as? String })

        // Twenty-one members: the chair, the secretary, nineteen members; the PINs drawn onto slips.
        try t.type("vm", thenWaitFor: "Thành viên Hội đồng (0)")
        let memberNames = (1...21).map { "Thành viên số \($0)" }
        let roleKeys = [["Left", "Left"], ["Right"]] + Array(repeating: [], count: memberNames.count - 2)
        try t.addMembers(zip(memberNames, roleKeys).map { ($0, $1) })
        var pins: [String] = [], codes: [String] = []
        for i in 1...21 {
            let text = try SecretariatTUITests.slipText(dir.path + "/phieu-ma-pin-m\(String(format: "%02d", i)).docx")
            pins.append(String(try #require(text.firstMatch(of: /Mã PIN: (\d{6,})/)).1))
            codes.append(String(try #require(text.firstMatch(of: /khi vắng mặt\): ([A-Z0-9-]+)/)).1))
        }
        func id(_ i: Int) -> String { "M" + String(format: "%02d", i) }

        // The session, opened with the chair's PIN; 17 arrive.
        try t.keys("Escape", thenWaitFor: "Chưa có phiên họp")
        try t.type("o", thenWaitFor: "Mã PIN của \(memberNames[0])")
        try t.type(pins[0])
        try t.keys("Enter", thenWaitFor: "Đã mở phiên họp S\(year)-1")
        try t.type("a", thenWaitFor: "Có mặt 0/21")
        for _ in 1...17 { try t.keys("Space") }
        try t.waitFor("Có mặt 17/21 thành viên, cần ít nhất 14 — đủ túc số")
        try t.keys("Enter", thenWaitFor: "Mã PIN của \(memberNames[1])")
        try t.type(pins[1])
        try t.keys("Enter", thenWaitFor: "Đã ghi 17 người có mặt")
        try t.quit()

        // The chair's console: the round's parameters on its form (2 to 3 seats), then opened with the chair's PIN.
        let session = "S\(year)-1"
        let chair = try Tmux.tui("--console \(session)", db: db)
        try chair.waitFor("17/21 có mặt")
        try chair.type("P", thenWaitFor: "Tham số vòng bỏ phiếu tới")
        try chair.keys("C-u")
        try chair.type("2")
        try chair.keys("Tab", "C-u")
        try chair.type("3", thenWaitFor: "cần ít nhất 11 phiếu đồng ý")
        try chair.keys("Enter")
        try chair.type("o", thenWaitFor: "Xác nhận")
        try chair.type("y", thenWaitFor: "Enter ghi quyết định")
        try chair.type(pins[0])
        try chair.keys("Enter", thenWaitFor: "Vòng \(session)-R1 — đang mở")

        /// The chair closes a round with their PIN; its result, once the whole count shows.
        func close(_ round: String, elected: Int) throws -> String {
            try chair.type("x", thenWaitFor: "Đóng vòng \(round)")
            try chair.type("y", thenWaitFor: "Enter ghi quyết định")
            try chair.enter(pins[0])
            return try chair.waitUntil { $0.contains("Kết quả kiểm phiếu vòng \(round)") && $0.contains("Trúng cử (\(elected))") }
        }

        // Seventeen ballots at the kiosk. All mark the first two rows; members 1–10 the third, 8–17 the fourth.
        let kiosk = try Tmux.tui("--kiosk open", db: db)
        try kiosk.waitFor("M21")
        for i in 1...17 {
            var marks: Set<Int> = [0, 1]
            if i <= 10 { marks.insert(2) } else { marks.insert(3) }
            if (8...10).contains(i) { marks = [0, 2, 3] }
            try Self.kioskVote(kiosk, member: id(i), name: memberNames[i - 1], pin: pins[i - 1], marks: marks, rows: 5, seats: 3, count: i)
        }
        // Two written ballots of absent members, entered by the secretary: the member's code, the secretary's PIN.
        for (i, marks) in [(20, Set([0, 1, 2])), (21, Set([0, 1, 3]))] {
            try chair.type("w", thenWaitFor: "M21")
            try Self.ballot(chair, member: id(i), name: memberNames[i - 1], marks: marks, rows: 5, seats: 3)
            try chair.keys("Enter", thenWaitFor: "Mã phiếu văn bản của \(memberNames[i - 1])")
            try chair.type(codes[i - 1])
            try chair.keys("Enter", thenWaitFor: "Mã PIN")
            try chair.type(pins[1])
            try chair.keys("Enter", thenWaitFor: "Mã biên nhận")
            try chair.keys("Enter")
        }
        try chair.waitFor("Đã bỏ phiếu: 19/")

        // Closed: rows 1–2 have 19, rows 3 and 4 tie at 11 across the third seat; the run-off opens in one key.
        let result = try close("\(session)-R1", elected: 2)
        #expect(result.contains("văn bản 2"), "\(result)")
        #expect(result.contains("Hoà phiếu cho 1 ghế"))
        let json = try Binary.json(["round", "result", "\(session)-R1", "--json"], db: db) as! [String: Any]
        let candidates = json["candidates"] as! [[String: Any]]
        func named(_ id: String) -> String { candidates.first { $0["id"] as? String == id }?["name"] as? String ?? id }
        #expect((json["elected"] as? [String])?.count == 2)
        // The screen's figures are the count's: 19 ballots, two of them written.
        #expect(result.contains("Phiếu phát ra 21, thu về 19 (văn bản 2), hợp lệ 19"))
        try chair.type("n", thenWaitFor: "Mở vòng bỏ phiếu tiếp theo sau vòng \(session)-R1?")
        try chair.type("y", thenWaitFor: "Enter ghi quyết định")
        try chair.type(pins[0])
        try chair.keys("Enter", thenWaitFor: "Vòng \(session)-R2 — đang mở")
        let tied = Self.tied(json)
        #expect(tied.count == 2)
        try kiosk.keys("F10")

        // The run-off between the two: eleven mark the first, the others the second.
        let kiosk2 = try Tmux.tui("--kiosk open", db: db)
        try kiosk2.waitFor("M21")
        for i in 1...17 {
            try Self.kioskVote(kiosk2, member: id(i), name: memberNames[i - 1], pin: pins[i - 1], marks: [i <= 11 ? 0 : 1], rows: 2, seats: 1,
                               count: i)
        }
        try chair.waitFor("Đã bỏ phiếu: 17/")
        let runoff = try close("\(session)-R2", elected: 1)
        let json2 = try Binary.json(["round", "result", "\(session)-R2", "--json"], db: db) as! [String: Any]
        let winner = try #require((json2["elected"] as? [String])?.first)
        #expect(runoff.contains("Trúng cử (1): \(named(winner))"))
        // The minutes, on screen from the result.
        let minutes = try chair.type("m", thenWaitFor: "BIÊN BẢN")
        #expect(minutes.contains("\(session)-R2"), "\(minutes)")
        try chair.keys("F10")
        try kiosk2.keys("F10")
        let selected = try Binary.succeeds(["report", "selected", "--year", "\(year)"], db: db).stdout
        for id in (json["elected"] as! [String]) + [winner] { #expect(selected.contains(named(id)), "\(selected)") }
        #expect(try Binary.run(["audit", "verify", "--db", db]).status == 0)
    }
}
