import Foundation

/// A review year's figures for one level or one region (the dashboard's and the review report's rows).
public struct FigureRow: Equatable, Sendable {
    /// A level code, or a High procuracy's unit code for a region (`VKSTC` for the SPP and its units).
    public var key: String
    public var label: String
    public var units: Int
    public var candidates: Int
    public var eligible: Int
    public var registered: Int
    public var nominated: Int
    /// Elected in a closed round of the year.
    public var selected: Int

    public init(key: String, label: String, units: Int = 0, candidates: Int = 0, eligible: Int = 0, registered: Int = 0,
                nominated: Int = 0, selected: Int = 0) {
        self.key = key; self.label = label; self.units = units; self.candidates = candidates; self.eligible = eligible
        self.registered = registered; self.nominated = nominated; self.selected = selected
    }

    public static func + (a: FigureRow, b: FigureRow) -> FigureRow {
        FigureRow(key: a.key, label: a.label, units: a.units + b.units, candidates: a.candidates + b.candidates,
                  eligible: a.eligible + b.eligible, registered: a.registered + b.registered, nominated: a.nominated + b.nominated,
                  selected: a.selected + b.selected)
    }
}

/// Everything the dashboard and the yearly review show for a review year.
public struct ReviewFigures: Equatable, Sendable {
    public var year: Int
    /// ISO date the phase and deadlines are measured from.
    public var asOf: String
    public var levels: [FigureRow]
    public var regions: [FigureRow]
    public var registrations: Int
    public var lateRegistrations: Int
    public var unitsWithoutRegistration: Int
    public var unitsTotal: Int
    /// The year's state-level proposals.
    public var proposals: [Proposal]
    /// The year's promotion entries per channel, in channel order.
    public var promotionByChannel: [(channel: PromotionChannel, count: Int)]
    public var ahld: AHLDTargetProgress
    public var phase: PlanPhase?
    public var nextDeadline: KeyDate?
    /// The plan in force in the review year (nil: none covers it), and the plans there are, for saying so.
    public var plan: PlanDefinition?
    public var plans: String = ""
    /// The sector-wide "closest to each award" list of the year's rule set (issue 17).
    public var closestToAwards: [ClosestToAward] = []

    public init(year: Int, asOf: String, levels: [FigureRow], regions: [FigureRow], registrations: Int, lateRegistrations: Int,
                unitsWithoutRegistration: Int, unitsTotal: Int, proposals: [Proposal],
                promotionByChannel: [(channel: PromotionChannel, count: Int)], ahld: AHLDTargetProgress, phase: PlanPhase?,
                nextDeadline: KeyDate?) {
        self.year = year; self.asOf = asOf; self.levels = levels; self.regions = regions; self.registrations = registrations
        self.lateRegistrations = lateRegistrations; self.unitsWithoutRegistration = unitsWithoutRegistration
        self.unitsTotal = unitsTotal; self.proposals = proposals; self.promotionByChannel = promotionByChannel
        self.ahld = ahld; self.phase = phase; self.nextDeadline = nextDeadline
    }

    public var total: FigureRow {
        levels.dropFirst().reduce(levels.first ?? FigureRow(key: "total", label: "")) { $0 + $1 }
    }

    public static func == (a: ReviewFigures, b: ReviewFigures) -> Bool {
        a.year == b.year && a.asOf == b.asOf && a.levels == b.levels && a.regions == b.regions && a.registrations == b.registrations
            && a.lateRegistrations == b.lateRegistrations && a.unitsWithoutRegistration == b.unitsWithoutRegistration
            && a.unitsTotal == b.unitsTotal && a.proposals == b.proposals
            && a.promotionByChannel.map(\.channel) == b.promotionByChannel.map(\.channel)
            && a.promotionByChannel.map(\.count) == b.promotionByChannel.map(\.count)
            && a.ahld == b.ahld && a.phase == b.phase && a.nextDeadline == b.nextDeadline
    }
}
