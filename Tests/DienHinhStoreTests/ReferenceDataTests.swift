import DienHinhCore
@testable import DienHinhStore
import Foundation
import Testing

@Suite struct ReferenceDataTests {
    @Test func levelCounts() throws {
        let db = try makeDatabase()
        // The structure of 2020 (today's is in UnitsThroughTimeTests).
        try expectUnitsOf2020(db)
        let supreme = try db.units(level: .supreme)
        #expect(supreme.count >= 20)
        #expect(supreme.first?.code == "VKSTC")
        #expect(supreme.contains { $0.code == "VKSTC.V16" })
        // Merged-away districts are kept for old records.
        let all = try db.units(level: .district, includeRetired: true)
        #expect(all.count == 707 + 6)
        #expect(all.first { $0.code == "VKSH.151" }?.mergedInto == "VKSH.148")
    }

    @Test func everySharedUnitCodeResolves() throws {
        let db = try makeDatabase()
        for (file, prefix) in [("provinces.csv", "VKST."), ("districts.csv", "VKSH."), ("districts_history_2017_2020.csv", "VKSH.")] {
            let parsed = CSVReader.read(try Data(contentsOf: referenceFile(file)), file: file)
            #expect(parsed.errors.isEmpty)
            #expect(!parsed.rows.isEmpty)
            for row in parsed.rows {
                let code = prefix + row.fields[0]
                #expect(try db.unit(code) != nil, "\(file): \(code) does not resolve")
            }
        }
    }

    @Test func regionsAndParents() throws {
        let db = try makeDatabase()
        #expect(try db.subunits(of: "VKSCC.HN").count == 28)
        #expect(try db.subunits(of: "VKSCC.DN").count == 12)
        #expect(try db.subunits(of: "VKSCC.HCM").count == 23)
        let nghean = try db.subunits(of: "VKST.40")
        #expect(nghean.contains { $0.code == "VKSH.429" && $0.name == "VKSND huyện Nghi Lộc" })
        #expect(try db.unit("VKST.40")?.name == "VKSND tỉnh Nghệ An")
    }

    @Test func catalogHasEveryCode() throws {
        let ref = ReferenceData.shipped
        #expect(ref.awards.count == AwardCode.allCases.count)
        #expect(ref.award(.HCLD).classes)
        #expect(!ref.award(.CO_CP).individual)
        #expect(ref.award(.HTXSNV).vi == "Hoàn thành xuất sắc nhiệm vụ")
    }
}
