import Foundation

/// Cá nhân or tập thể: the two kinds of candidate the plan selects.
public enum CandidateKind: String, CaseIterable, Codable, Sendable {
    case individual, collective

    /// Accepts the contract's English codes and the Vietnamese words clerks type.
    public init?(text: String) {
        switch TextFolding.fold(text) {
        case "individual", "ca nhan": self = .individual
        case "collective", "tap the": self = .collective
        default: return nil
        }
    }
}

/// A person or a collective put forward as a possible exemplar.
public struct Candidate: Equatable, Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var kind: CandidateKind
    /// Full name with diacritics, NFC.
    public var name: String
    public var unitCode: String
    public var position: String?
    /// Holds a leadership or management post (individuals only): brings in clause 1.2a.leader.
    public var isLeader: Bool
    /// Attested compliance with the Party's policies and the State's laws (1.2a.base / 1.2b.base).
    public var compliesWithPolicy: Bool
    /// Collectives: internally united (1.2b.base).
    public var internallyUnited: Bool
    /// Collectives: Party and mass organisations clean and strong (1.2b.base).
    public var orgsCleanStrong: Bool
    /// For a leader: the collective they lead, when it is not simply their unit's collective record.
    public var collectiveId: String?

    public init(id: String, kind: CandidateKind, name: String, unitCode: String, position: String? = nil,
                isLeader: Bool = false, compliesWithPolicy: Bool = true, internallyUnited: Bool = false,
                orgsCleanStrong: Bool = false, collectiveId: String? = nil) {
        self.id = id
        self.kind = kind
        self.name = TextFolding.nfc(name)
        self.unitCode = unitCode
        self.position = position.map(TextFolding.nfc)
        self.isLeader = isLeader
        self.compliesWithPolicy = compliesWithPolicy
        self.internallyUnited = internallyUnited
        self.orgsCleanStrong = orgsCleanStrong
        self.collectiveId = collectiveId
    }
}

/// One line of a candidate's history: an award, a rating, an initiative, or a disciplinary action.
public struct Achievement: Equatable, Hashable, Sendable, Codable {
    /// Database row id; nil before it is stored.
    public var id: Int64?
    public var candidateId: String
    public var year: Int
    public var type: AwardCode
    /// Hạng 1, 2 or 3 for the types that have classes.
    public var awardClass: Int?
    /// For DOT_XUAT: the award it was proposed for.
    public var proposedAward: AwardCode?
    public var decisionNo: String?
    /// ISO `YYYY-MM-DD`.
    public var decisionDate: String?
    public var issuer: String?
    public var note: String?

    public init(id: Int64? = nil, candidateId: String, year: Int, type: AwardCode, awardClass: Int? = nil,
                proposedAward: AwardCode? = nil, decisionNo: String? = nil, decisionDate: String? = nil,
                issuer: String? = nil, note: String? = nil) {
        self.id = id
        self.candidateId = candidateId
        self.year = year
        self.type = type
        self.awardClass = awardClass
        self.proposedAward = proposedAward
        self.decisionNo = decisionNo
        self.decisionDate = decisionDate
        self.issuer = issuer
        self.note = note
    }
}
