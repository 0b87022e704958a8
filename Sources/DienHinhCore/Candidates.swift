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

/// What makes two records one achievement when counting: the same candidate, type, year and class under the
/// same decision (its number, or its date when it has no number). Two copies of one decision are one
/// achievement however they arrived (a re-sent file, a bundle merged twice). A record with neither a number nor
/// a date has no identity: it is counted on its own and flagged for the secretariat when it looks like another.
public struct AchievementIdentity: Hashable, Sendable {
    public var candidateId: String
    public var type: AwardCode
    public var year: Int
    public var awardClass: Int?
    /// "no:<number>" or "date:<YYYY-MM-DD>".
    public var decision: String
}

extension Achievement {
    public var identity: AchievementIdentity? {
        let decision: String
        if let no = Self.decisionKey(decisionNo) { decision = "no:" + no }
        else if let date = decisionDate, !date.isEmpty { decision = "date:" + date }
        else { return nil }
        return AchievementIdentity(candidateId: candidateId, type: type, year: year, awardClass: awardClass, decision: decision)
    }

    /// "562/QĐ-VKS", " 562 / qđ-vks ": one decision. Spaces and letter case are how it was typed, not which it is.
    static func decisionKey(_ no: String?) -> String? {
        guard let no, !no.isEmpty else { return nil }
        // Scalar properties, not CharacterSet: a bundle merge computes this for every record it compares.
        var kept = String.UnicodeScalarView()
        // (CharacterSet.whitespaces is the space separators and tab.)
        // ASCII's only space separator is the space itself: the property table is looked up for other letters only.
        for s in no.unicodeScalars where !(s == "\t" || (s.isASCII ? s == " " : s.properties.generalCategory == .spaceSeparator)) {
            kept.append(s)
        }
        let key = String(kept).uppercased()
        return key.isEmpty ? nil : key
    }

    /// The same achievement and every detail alike (issuer, note, proposed award, date): a copy to skip, not a
    /// conflict to decide.
    public func isCopy(of other: Achievement) -> Bool {
        copyKey != nil && copyKey == other.copyKey
    }

    /// What `isCopy(of:)` compares, hashable, so a merge finds copies in a set rather than record by record.
    public var copyKey: AchievementCopyKey? {
        identity.map { AchievementCopyKey(identity: $0, proposedAward: proposedAward, decisionDate: decisionDate ?? "",
                                          issuer: issuer ?? "", note: note ?? "") }
    }
}

public struct AchievementCopyKey: Hashable, Sendable {
    public var identity: AchievementIdentity
    public var proposedAward: AwardCode?
    public var decisionDate: String
    public var issuer: String
    public var note: String
}

/// Records of one achievement found more than once in a candidate's history: counted once, and said so.
public struct RecordCopies: Equatable, Hashable, Sendable, Codable {
    public var type: AwardCode
    public var year: Int
    public var decisionNo: String?
    public var decisionDate: String?
    /// How many records there were (2 or more); the verdict counted one.
    public var count: Int

    public init(type: AwardCode, year: Int, decisionNo: String?, decisionDate: String?, count: Int) {
        self.type = type
        self.year = year
        self.decisionNo = decisionNo
        self.decisionDate = decisionDate
        self.count = count
    }
}
