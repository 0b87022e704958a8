import Foundation
import Testing

/// `dienhinh path` and `dienhinh rules` as a secretary runs them (issue 17).
@Suite struct AwardPathCLITests {
    /// Two people of one unit: CSTĐ cơ sở 2017, 2018, 2019, and 2016, 2018, 2019.
    static func database() throws -> String {
        try Binary.imported("path.sqlite",
                            candidates: "id,kind,name,unit_code,position,complies_with_policy\n"
                                + "CN-P1,individual,Nguyễn Văn Đức,VKSH.429,Kiểm sát viên,true\n"
                                + "CN-P2,individual,Trần Thị Hà,VKSH.429,Kiểm sát viên,true\n",
                            records: [2017, 2018, 2019].map { "CN-P1,\($0),CSTD_CS,,,\($0)1/QĐ-VKS,,," }
                                + [2016, 2018, 2019].map { "CN-P2,\($0),CSTD_CS,,,\($0)2/QĐ-VKS,,," }).db
    }

    static func step(_ json: String, _ award: String) throws -> [String: Any] {
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        return try #require(list.first { $0["award"] as? String == award })
    }

    @Test func threeInARowMeetTheSectorTitleAndAGapSaysWhatIsMissing() throws {
        let db = try Self.database()
        let met = try Self.step(try Binary.succeeds(["path", "CN-P1", "--year", "2019", "--json"], db: db).stdout, "CSTD_NGANH")
        #expect(met["met"] as? Bool == true)
        #expect(met["period"] as? String == "2017-2023")
        #expect((met["evidence"] as? [[String: Any]])?.compactMap { $0["year"] as? Int } == [2017, 2018, 2019])
        let source = try #require(met["source"] as? [String: Any])
        #expect((source["article"] as? String)?.hasPrefix("Điều") == true)
        #expect((source["document"] as? String)?.isEmpty == false)
        #expect(met["earliest_year"] as? Int == 2019)
        let vote = try #require(met["vote"] as? [String: Any])
        #expect(vote["share_exact"] as? String == "9/10")

        let short = try Self.step(try Binary.succeeds(["path", "CN-P2", "--year", "2019", "--json"], db: db).stdout, "CSTD_NGANH")
        #expect(short["met"] as? Bool == false)
        let missing = try #require((short["missing"] as? [[String: Any]])?.first)
        #expect(missing["condition"] as? String == "consecutive")
        #expect(missing["has"] as? [Int] == [2018, 2019])
        #expect(missing["needs"] as? [Int] == [2020])
        #expect(short["earliest_year"] as? Int == 2020)

        // The words a secretary reads: what there is, what is needed, and the article.
        let text = try Binary.succeeds(["path", "CN-P2", "--year", "2019"], db: db).stdout
        #expect(text.contains("3 năm liên tục đạt Chiến sỹ thi đua cơ sở: có 2018, 2019; cần 2020"))
        #expect(text.contains("Điều 16"))
        let english = try Binary.succeeds(["path", "CN-P2", "--year", "2019", "--lang", "en"], db: db).stdout
        #expect(english.contains("has 2018, 2019; needs 2020"))
    }

    @Test func theYearPicksTheRuleSetAndAnUnknownCandidateIsExit66() throws {
        let db = try Self.database()
        let y2024 = try Binary.succeeds(["path", "CN-P1", "--year", "2024", "--json"], db: db).stdout
        #expect(try Self.step(y2024, "CSTD_NGANH")["period"] as? String == "2024")
        #expect(try Binary.succeeds(["path", "CN-P1", "--year", "2016"], db: db).stdout.contains("Chưa có bộ quy định khen thưởng cho năm 2016"))
        #expect(try Binary.succeeds(["path", "CN-P1", "--year", "2016", "--json"], db: db).stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        let unknown = try Binary.run(["path", "CN-NONE", "--db", db])
        #expect(unknown.status == 66)
    }

    @Test func onlyAnUnconfirmedNumberIsSetAndTheListSaysWhoSetIt() throws {
        let db = try Self.database()
        let list = try Binary.succeeds(["rules", "list", "--year", "2019"], db: db).stdout
        #expect(list.contains("Quy định khen thưởng giai đoạn 2017-2023"))
        #expect(list.contains("chưa xác nhận được từ văn bản"))
        // CSTĐ ngành's three years are read from the circular: the law's number is refused (exit 69).
        let refused = try Binary.run(["rules", "set", "CSTD_NGANH", "--period", "2017-2023", "--requirement", "1", "--value", "2", "--db", db])
        #expect(refused.status == 69)
        #expect(refused.stderr.contains("đã được xác nhận"))
        // Tập thể lao động xuất sắc's count could not be confirmed: it may be set, and the list shows it.
        try Binary.succeeds(["rules", "set", "TTLDXS", "--kind", "collective", "--period", "2017-2023", "--requirement", "1", "--value", "2"], db: db)
        let after = try Binary.succeeds(["rules", "list", "--year", "2019"], db: db).stdout
        #expect(after.contains("Đã sửa: giai đoạn 2017-2023, Tập thể lao động xuất sắc, điều kiện 1 = 2"))
        #expect(try Binary.sqlite(db, "SELECT count(*) FROM audit_log WHERE action = 'rules.set_parameter'") == "1")
        let bad = try Binary.run(["rules", "set", "CSTD_NGANH", "--period", "1999", "--requirement", "1", "--value", "2", "--db", db])
        #expect(bad.status == 66)
    }
}

/// docs/AWARD-RULES.md shows the rules a secretary checks against the texts: it must be what the data says.
@Suite struct AwardRulesDocTests {
    @Test func theDocumentedTablesAreTheShippedRules() throws {
        let (_, db) = try Binary.database("doc.sqlite", demo: false)
        let generated = try Binary.succeeds(["rules", "list", "--markdown"], db: db).stdout
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let doc = try String(contentsOf: repo.appendingPathComponent("docs/AWARD-RULES.md"), encoding: .utf8)
        let begin = try #require(doc.range(of: "<!-- rules:begin -->\n")), end = try #require(doc.range(of: "<!-- rules:end -->"))
        #expect(String(doc[begin.upperBound..<end.lowerBound]) == generated,
                "docs/AWARD-RULES.md is out of date: regenerate it with `dienhinh rules list --markdown`")
    }
}
