import Foundation
import Testing

/// The `p` key in the real terminal: the signed documents written as Word next to the database.
@Suite(.serialized, .enabled(if: Tmux.available, "tmux is needed for the end-to-end terminal tests"))
struct DocumentsTUITests {
    @Test func pWritesTheReviewReportAndAProfile() throws {
        let (dir, db) = try Binary.database("docs.sqlite")
        let t = try Tmux.shell()
        try t.enter("DIENHINH_DB=\(db) \(Binary.path) --year 2019; echo EXIT=$?", thenWaitFor: "Chọn cấp")
        // The dashboard: the yearly review report.
        try t.type("b", thenWaitFor: "x xuất báo cáo")
        try t.type("p", thenWaitFor: "Đã ghi: ")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/bao-cao-tong-ket-2019.docx"))
        // A profile: that candidate's page.
        try t.keys("Escape", thenWaitFor: "Chọn cấp")
        try t.type("/nghi loc", thenWaitFor: "VKSND huyện Nghi Lộc")
        try t.keys("Enter", thenWaitFor: "ứng viên")
        try t.keys("Enter", thenWaitFor: "Tiêu chuẩn 1.2")
        let crumb = try t.screen().split(separator: "\n")[1]
        let s = try t.type("p", thenWaitFor: "Đã ghi: ")
        #expect(!s.contains("Không ghi được"))
        let written = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("ho-so-tom-tat-") }
        #expect(written.count == 1 && written[0].hasSuffix("-2019.docx"), "\(written) after \(crumb)")
        #expect(written.allSatisfy { !$0.contains(" ") && $0.unicodeScalars.allSatisfy(\.isASCII) })
        try t.quit()
    }

    /// The nominations' roll-up (`n` on the levels): the help lists `p`, and `p` writes the nominations report as Word
    /// next to the database, the status line saying where; the file holds the nominee put forward from the CLI.
    @Test func pOnTheRollupWritesTheNominations() throws {
        let (dir, db) = try Binary.database("rollup.sqlite")
        try Binary.succeeds(["nominate", "CN-H429-0001", "--year", "2019", "--override-reason", "thử"], db: db)
        let t = try Tmux.shell()
        try t.enter("DIENHINH_DB=\(db) \(Binary.path) --year 2019; echo EXIT=$?", thenWaitFor: "Chọn cấp")
        try t.type("n", thenWaitFor: "Tổng hợp giới thiệu năm 2019")
        let help = try t.type("?", thenWaitFor: "Phím tắt")
        #expect(help.contains("ghi văn bản Word"))
        try t.type("?", thenWaitFor: "Tổng hợp giới thiệu năm 2019")
        let s = try t.type("p", thenWaitFor: "Đã ghi: ")
        let path = dir.path + "/tong-hop-gioi-thieu-2019.docx"
        // The status line says where (the path is cut to the line's width).
        #expect(s.contains("Đã ghi: " + dir.path), "\(s)")
        #expect(FileManager.default.fileExists(atPath: path))
        let (status, xml) = try Binary.shell(["unzip", "-p", path, "word/document.xml"])
        #expect(status == 0 && xml.contains("TỔNG HỢP GIỚI THIỆU ĐIỂN HÌNH TIÊN TIẾN") && xml.contains("(CN-H429-0001)"))
        try t.quit()
    }
}
