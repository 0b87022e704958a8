import Foundation
import Testing

/// The levels screen states the plan's criteria only for a year the plan covers (issue 16: nothing silently
/// applies the 2017–2020 rules to a later year).
@Suite struct LevelsPlanNoteTests {
    @Test func criteriaOnlyUnderAPlanThatCoversTheYear() throws {
        let db = try Binary.tempDir().appendingPathComponent("d.sqlite").path
        #expect(try Binary.run(["init", "--demo", "--scale", "small", "--db", db]).status == 0)
        let in2020 = try Binary.run(["render", "browse", "--db", db, "--size", "120x30", "--year", "2020"]).stdout
        #expect(in2020.contains("Tiêu chuẩn lựa chọn theo mục 1.2"))
        #expect(!in2020.contains("Không có kế hoạch"))
        let in2025 = try Binary.run(["render", "browse", "--db", db, "--size", "120x30", "--year", "2025"]).stdout
        #expect(in2025.contains("Không có kế hoạch nào áp dụng cho năm 2025"))
        #expect(!in2025.contains("Tiêu chuẩn lựa chọn theo mục 1.2"))
    }
}
