import DienHinhCore
import Foundation
import GRDB

extension AppDatabase {
    /// The review year's figures per level and per High-procuracy region, measured at `today` (ISO; injected,
    /// the store never reads the clock for this). Labels are in the given language (`english`).
    public func reviewFigures(year: Int, today: String, english: Bool = false, levelNames: [Level: String] = [:],
                              plan: PlanDefinition = .standard, judge: Bool = true) throws -> ReviewFigures {
        let units = try self.units(level: nil, includeRetired: true)
        let unitByCode = Dictionary(uniqueKeysWithValues: units.map { ($0.code, $0) })
        func region(_ code: String) -> String {
            guard let u = unitByCode[code] else { return "VKSTC" }
            switch u.level {
            case .supreme: return "VKSTC"
            case .high: return u.code
            case .provincial: return u.regionCode ?? "VKSTC"
            case .district, .regional: return u.parentCode.flatMap { unitByCode[$0]?.regionCode } ?? "VKSTC"
            }
        }
        let (cands, registered, nominated): ([(String, String)], Set<String>, Set<String>) = try read { db in
            let c = try Row.fetchAll(db, sql: "SELECT id, unit_code FROM candidate").map { ($0[0] as String, $0[1] as String) }
            let r = Set(try String.fetchAll(db, sql: "SELECT candidate_id FROM registration"))
            let n = Set(try String.fetchAll(db, sql: "SELECT candidate_id FROM nomination WHERE year = ?", arguments: [year]))
            return (c, r, n)
        }
        // `judge` false: no plan covers the year, so nobody is counted eligible by another period's rules.
        let eligible = judge ? Set(try verdicts(ids: nil, year: year, parameters: plan.parameters ?? .plan).filter(\.eligible).map(\.candidateId)) : []
        let selected = Set(try self.selected(year: year).map(\.result.id))
        var levelRows: [Level: FigureRow] = [:]
        var regionRows: [String: FigureRow] = [:]
        for l in SectorCalendar.levels(year: year) { levelRows[l] = FigureRow(key: l.rawValue, label: levelNames[l] ?? l.rawValue) }
        let regionOrder = ["VKSTC"] + units.filter { $0.level == .high }.map(\.code)
        for code in regionOrder {
            regionRows[code] = FigureRow(key: code, label: unitByCode[code]?.shortName ?? code)
        }
        for u in units where u.inForce(year: year) {
            levelRows[u.level, default: FigureRow(key: u.level.rawValue, label: levelNames[u.level] ?? u.level.rawValue)].units += 1
            regionRows[region(u.code), default: FigureRow(key: region(u.code), label: region(u.code))].units += 1
        }
        for (id, unitCode) in cands {
            let level = unitByCode[unitCode]?.level ?? Level(unitCode: unitCode) ?? .district
            let row = FigureRow(key: "", label: "", candidates: 1, eligible: eligible.contains(id) ? 1 : 0,
                                registered: registered.contains(id) ? 1 : 0, nominated: nominated.contains(id) ? 1 : 0,
                                selected: selected.contains(id) ? 1 : 0)
            levelRows[level] = levelRows[level, default: FigureRow(key: level.rawValue, label: levelNames[level] ?? level.rawValue)] + row
            let r = region(unitCode)
            regionRows[r] = (regionRows[r] ?? FigureRow(key: r, label: r)) + row
        }
        let rollup = try registrationRollup(deadline: plan.registrationDeadline)
        let regs = rollup.map(\.total).reduce(0, +)
        let promos = try promotions(year: year)
        let byChannel = PromotionChannel.allCases.map { ch in (channel: ch, count: promos.filter { $0.entry.channel == ch }.count) }
        let asOf = PlanDefinition.referenceDate(reviewYear: year, today: today)
        let next = plan.keyDates.filter { $0.date >= asOf }.sorted { $0.date < $1.date }.first
        return ReviewFigures(
            year: year, asOf: asOf, levels: SectorCalendar.levels(year: year).compactMap { levelRows[$0] },
            regions: regionOrder.compactMap { regionRows[$0] }, registrations: regs,
            lateRegistrations: rollup.map(\.late).reduce(0, +), unitsWithoutRegistration: rollup.filter(\.missing).count,
            unitsTotal: rollup.count, proposals: try proposals(year: year), promotionByChannel: byChannel,
            ahld: try ahldProgress(year: year, plan: plan), phase: plan.phase(on: asOf), nextDeadline: next)
    }
}
