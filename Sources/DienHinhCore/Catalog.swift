import Foundation

/// The award and record catalog of DOMAIN.md; the raw values are the interchange codes.
public enum AwardCode: String, CaseIterable, Codable, Sendable, Comparable {
    case AHLD, HCDL, HCLD, BK_TTG, BK_VKSTC, BK_UBND, BK_DOANTHE
    case CSTD_TQ, CSTD_NGANH, CSTD_CS, HTXSNV, SANG_KIEN, DOAN_THE, GIAI_THUONG, DOT_XUAT, KY_LUAT
    case CO_CP, CO_NGANH, CO_KHOI, VUOT_CHI_TIEU, TTLDXS

    public static func < (lhs: AwardCode, rhs: AwardCode) -> Bool { lhs.catalogIndex < rhs.catalogIndex }

    /// Position in the catalog (DOMAIN.md's order): a dense index for arrays and ordering, no hashing.
    public var catalogIndex: Int {
        switch self {
        case .AHLD: 0
        case .HCDL: 1
        case .HCLD: 2
        case .BK_TTG: 3
        case .BK_VKSTC: 4
        case .BK_UBND: 5
        case .BK_DOANTHE: 6
        case .CSTD_TQ: 7
        case .CSTD_NGANH: 8
        case .CSTD_CS: 9
        case .HTXSNV: 10
        case .SANG_KIEN: 11
        case .DOAN_THE: 12
        case .GIAI_THUONG: 13
        case .DOT_XUAT: 14
        case .KY_LUAT: 15
        case .CO_CP: 16
        case .CO_NGANH: 17
        case .CO_KHOI: 18
        case .VUOT_CHI_TIEU: 19
        case .TTLDXS: 20
        }
    }

    /// Orders (huân chương) come in classes 1–3.
    public var hasClasses: Bool { self == .HCDL || self == .HCLD }
    /// DOT_XUAT names the award it was proposed for.
    public var carriesProposedAward: Bool { self == .DOT_XUAT }
    /// The awards a DOT_XUAT may be proposed for (1.2a.7).
    public static let proposableAwards: [AwardCode] = [.HCLD, .BK_TTG, .BK_VKSTC]
    /// A record that counts against, not for.
    public var isNegative: Bool { self == .KY_LUAT }
    /// Annual ratings: at most one a year.
    public var isOncePerYear: Bool { self == .HTXSNV || self == .VUOT_CHI_TIEU }

    /// Which kinds of candidate may hold this record.
    public func applies(to kind: CandidateKind) -> Bool {
        switch self {
        case .CSTD_TQ, .CSTD_NGANH, .CSTD_CS, .HTXSNV, .DOAN_THE, .GIAI_THUONG, .DOT_XUAT, .KY_LUAT:
            kind == .individual
        case .CO_CP, .CO_NGANH, .CO_KHOI, .VUOT_CHI_TIEU, .TTLDXS:
            kind == .collective
        default:
            true
        }
    }

    /// Weight for "latest award" and sorting by distinction: state honours first.
    public var prestige: Int {
        switch self {
        case .AHLD: 100
        case .HCDL: 90
        case .HCLD: 80
        case .CSTD_TQ: 75
        case .CO_CP: 70
        case .BK_TTG: 65
        case .CSTD_NGANH, .CO_NGANH: 60
        case .BK_VKSTC, .BK_UBND, .BK_DOANTHE, .CO_KHOI: 50
        case .DOT_XUAT: 45
        case .CSTD_CS, .TTLDXS: 40
        case .SANG_KIEN, .VUOT_CHI_TIEU: 30
        case .HTXSNV, .GIAI_THUONG, .DOAN_THE: 20
        case .KY_LUAT: 0
        }
    }
}
