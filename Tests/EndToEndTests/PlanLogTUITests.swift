import Foundation
import Testing

/// The secretariat keeps the plan's logs in the real terminal (issue 19, part 6): a late registration with its
/// fostering plan, a refused proposal and an accepted one, typed in tmux and read back by the command line.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is needed for the terminal test"))
struct PlanLogTUITests {
    @Test func registrationAndProposalTypedAtTheTerminal() throws {
        let (_, db) = try Binary.database("planlog-\(UUID().uuidString.prefix(8)).sqlite")
        let t = try Tmux.interface(db: db, year: 2019)
        try t.type("t", thenWaitFor: "Theo dõi thực hiện Kế hoạch, năm 2019")
        try t.type("a", thenWaitFor: "Đăng ký xây dựng điển hình tiên tiến (III.1)")
        try t.type("CN-H424-0005")
        try t.keys("Tab")
        try t.type("22/06/2017")
        try t.keys("Tab")
        try t.type("Bồi dưỡng qua phong trào thi đua")
        try t.keys("Tab")
        try t.type("11/06/2018: Sơ kết", thenWaitFor: "Sơ kết")
        let saved = try t.keys("Enter", thenWaitFor: "Đã đăng ký xây dựng điển hình tiên tiến")
        #expect(saved.contains("CN-H424-0005  Trần Thị Thảo (cá nhân) — VKSND huyện Anh Sơn MUỘN"), "\(saved)")
        // A collective's flag for a person: refused in words, on the form, nothing written.
        try t.keys("Tab")
        try t.type("a", thenWaitFor: "Đề nghị khen thưởng cấp Nhà nước (I.1)")
        try t.type("CN-H424-0005")
        try t.keys("Tab", "Left")
        try t.keys("Enter", thenWaitFor: "Không thể đề nghị Cờ thi đua của Chính phủ cho cá nhân")
        try t.keys("Right", "Right", "Right")
        try t.keys("Enter", thenWaitFor: "Đề nghị Huân chương Lao động cho Trần Thị Thảo")
        try t.keys("Escape")
        try t.quit()
        let regs = try JSONSerialization.jsonObject(with: Data(try Binary.run(["registrations", "--json", "--db", db]).stdout.utf8)) as! [[String: Any]]
        let reg = try #require(regs.first { $0["id"] as? String == "CN-H424-0005" })
        #expect(reg["timing"] as? String == "late" && reg["date"] as? String == "2017-06-22")
        #expect(reg["plan"] as? String == "Bồi dưỡng qua phong trào thi đua")
        let props = try JSONSerialization.jsonObject(with: Data(try Binary.run(["proposals", "--year", "2019", "--json", "--db", db]).stdout.utf8))
        let list = (props as? [String: Any])?["proposals"] as? [[String: Any]] ?? (props as? [[String: Any]] ?? [])
        #expect(list.map { $0["award"] as? String } == ["HCLD"], "\(props)")
    }
}
