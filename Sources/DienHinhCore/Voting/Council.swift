import Foundation

/// A council member's role. The raw values are the CLI contract (`council add-member --role`).
public enum CouncilRole: String, CaseIterable, Codable, Sendable {
    case chair
    case viceChair = "vice-chair"
    case member
    case secretary

    /// Whether a member in this role receives a ballot and counts toward quorum and thresholds.
    ///
    /// Decision: **every role votes, the secretary included.** In the sector's emulation and
    /// commendation council the secretary (thư ký) is the head of the Emulation and Commendation
    /// Department (V16), appointed to the council as its standing member (ủy viên thường trực
    /// kiêm thư ký): a full member, counted in "all council members" (Decree 91/2017, Art. 45(8)).
    /// Staff who only take notes are not council members and are not registered in the council.
    /// The property exists so a council whose regulations say otherwise can be modelled here
    /// without touching the counting code.
    public var isVoting: Bool {
        switch self {
        case .chair, .viceChair, .member, .secretary: return true
        }
    }

    /// Accepts the contract's codes and the Vietnamese words (`chủ tịch`, `phó chủ tịch`, `ủy viên`, `thư ký`).
    public init?(text: String) {
        if let exact = CouncilRole(rawValue: text) { self = exact; return }
        switch TextFolding.fold(text) {
        case "chair", "chu tich": self = .chair
        case "vice chair", "vicechair", "pho chu tich": self = .viceChair
        case "member", "uy vien", "thanh vien": self = .member
        case "secretary", "thu ky": self = .secretary
        default: return nil
        }
    }
}

/// A member of the emulation and commendation council.
public struct CouncilMember: Equatable, Hashable, Sendable, Codable, Identifiable {
    public var id: String
    /// Full name with diacritics, NFC.
    public var name: String
    public var role: CouncilRole

    public init(id: String, name: String, role: CouncilRole) {
        self.id = id
        self.name = TextFolding.nfc(name)
        self.role = role
    }

    public var isVoting: Bool { role.isVoting }

    /// The number of ballots a round issues: one per voting member, present or not
    /// (absent members vote in writing).
    public static func votingCount(_ members: [CouncilMember]) -> Int {
        members.filter(\.isVoting).count
    }
}

/// The attendance a meeting needs before a round may open: by default at least 2/3 of all members.
public struct Quorum: Hashable, Sendable, Codable {
    /// "At least" this fraction of the (voting) members must be present.
    public var fraction: Fraction

    public init(fraction: Fraction = .twoThirds) {
        self.fraction = fraction
    }

    public static let standard = Quorum()

    /// The smallest number present that meets the quorum: 21 members -> 14.
    public func requiredCount(members: Int) -> Int {
        max(1, fraction.atLeastCount(of: members))
    }

    /// Exact: for 2/3 this is `present * 3 >= members * 2`. A council with no members never has quorum.
    public func isMet(present: Int, members: Int) -> Bool {
        members > 0 && present >= 0 && present <= members && present >= requiredCount(members: members)
    }

    /// The static form the brief names: `Quorum.isMet(present:members:)` at the default 2/3.
    public static func isMet(present: Int, members: Int) -> Bool {
        Quorum.standard.isMet(present: present, members: members)
    }
}
