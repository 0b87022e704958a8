import Foundation

/// A dated step of a fostering plan (kế hoạch bồi dưỡng).
public struct Milestone: Codable, Equatable, Hashable, Sendable {
    /// ISO `YYYY-MM-DD`.
    public var date: String
    public var text: String
    public init(date: String, text: String) { self.date = date; self.text = TextFolding.nfc(text) }

    /// `DATE:TEXT` as the command line takes it (`2018-06-11:Báo cáo điển hình` or `11/06/2018:…`).
    public init?(argument: String) {
        guard let colon = argument.firstIndex(of: ":") else { return nil }
        let text = argument[argument.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        guard let d = FieldParsing.date(String(argument[..<colon])), !text.isEmpty else { return nil }
        self.init(date: d, text: text)
    }
}

/// III.1: registered with V16 before the deadline, or after it (flagged, never refused).
public enum RegistrationTiming: String, Codable, Equatable, Sendable {
    case onTime = "on_time"
    case late
}

/// A candidate registered by its unit to be built up as an exemplar over 2017–2020 (III.1).
public struct Registration: Codable, Equatable, Hashable, Sendable {
    public var candidateId: String
    public var unitCode: String
    public var kind: CandidateKind
    public var name: String
    /// ISO date the registration reached V16.
    public var date: String
    public var planText: String?
    public var milestones: [Milestone]

    public init(candidateId: String, unitCode: String, kind: CandidateKind, name: String, date: String, planText: String? = nil,
                milestones: [Milestone] = []) {
        self.candidateId = candidateId; self.unitCode = unitCode; self.kind = kind; self.name = name; self.date = date
        self.planText = planText; self.milestones = milestones
    }
}

/// The deadline rule of III.1: "trước ngày 20/5/2017" — on the 20th itself counts as on time
/// (the sector reads the date as the last day of the window).
public enum RegistrationRule {
    public static let deadline = "2017-05-20"

    public static func timing(of date: String, deadline: String = deadline) -> RegistrationTiming {
        date <= deadline ? .onTime : .late
    }
}

/// How a state-level proposal ended.
public enum ProposalOutcome: String, Codable, CaseIterable, Equatable, Sendable {
    case pending, approved, rejected
}

/// A proposal to the State for an award (I.1: each year, for those who qualify).
public struct Proposal: Codable, Equatable, Hashable, Sendable {
    public var candidateId: String
    public var award: AwardCode
    public var year: Int
    public var outcome: ProposalOutcome
    public var decision: String?
    public var name: String
    public var kind: CandidateKind
    public var unitCode: String

    public init(candidateId: String, award: AwardCode, year: Int, outcome: ProposalOutcome = .pending, decision: String? = nil,
                name: String, kind: CandidateKind, unitCode: String) {
        self.candidateId = candidateId; self.award = award; self.year = year; self.outcome = outcome; self.decision = decision
        self.name = name; self.kind = kind; self.unitCode = unitCode
    }

    /// The awards the State confers (a proposal goes above the sector): the plan's "cấp nhà nước".
    public static let stateAwards: [AwardCode] = [.AHLD, .HCDL, .HCLD, .CSTD_TQ, .BK_TTG, .CO_CP]
}

/// The channels of III.2–3; the codes are what `promote --channel` takes.
public enum PromotionChannel: String, Codable, CaseIterable, Equatable, Sendable {
    case bvpl, tapchi, truyenhinh, trangtin, local, unitweb

    /// Accepts the codes and a few spellings people type.
    public init?(text: String) {
        let f = TextFolding.fold(text).replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "_", with: "")
        switch f {
        case "bvpl", "baobaovephapluat": self = .bvpl
        case "tapchi", "tapchikiemsat", "tckt": self = .tapchi
        case "truyenhinh", "tv", "truyenhinhkiemsatnhandan": self = .truyenhinh
        case "trangtin", "web", "trangtindientuvksndtoicao", "website": self = .trangtin
        case "local", "diaphuong": self = .local
        case "unitweb", "unit", "donvi": self = .unitweb
        default: return nil
        }
    }
}

/// One piece of promotion of an exemplar in one channel.
public struct PromotionEntry: Codable, Equatable, Hashable, Sendable {
    public var id: Int64?
    public var candidateId: String
    public var channel: PromotionChannel
    public var date: String
    public var title: String
    public var reference: String?
    public init(id: Int64? = nil, candidateId: String, channel: PromotionChannel, date: String, title: String, reference: String? = nil) {
        self.id = id; self.candidateId = candidateId; self.channel = channel; self.date = date
        self.title = TextFolding.nfc(title); self.reference = reference
    }
}
