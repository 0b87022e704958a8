import DienHinhCore

/// What a demo candidate's history is built to show, judged for review year 2020 with the plan's
/// default parameters (N = 2 consecutive HTXSNV years, M = 2 initiatives, flags in 2 consecutive
/// years within 2011–2016).
///
/// Eligible archetypes are eligible through exactly one qualifying clause: their background
/// records are drawn so that no other clause is met by accident. Failing archetypes each miss for
/// one distinct reason. Most also hold for 2019; the exceptions are noted.
public enum DemoArchetype: String, CaseIterable, Sendable, Codable {
    // Individuals, eligible (1.2a.base met, exactly one of 1.2a.1–7, and a leader's collective eligible).
    /// 1.2a.1: a Huân chương Lao động.
    case labourOrder
    /// 1.2a.2: a Bằng khen of the Prime Minister.
    case primeMinisterCertificate
    /// 1.2a.3: a Bằng khen of the SPP, a provincial People's Committee or a central mass organisation.
    case certificate
    /// 1.2a.4: Chiến sỹ thi đua toàn quốc.
    case nationalFighter
    /// 1.2a.5: Chiến sỹ thi đua ngành.
    case sectorFighter
    /// 1.2a.6: an HTXSNV run of 2–5 years ending in 2020, 2–3 initiatives, a mass-organisation or prize record.
    case sustained
    /// 1.2a.7: a DOT_XUAT proposed for HCLD, BK_TTG or BK_VKSTC.
    case oneOff

    // Individuals, not eligible.
    /// 1.2a.6 one year short: HTXSNV in 2020 only (joined 2019), initiatives and mass-org present.
    case runOneYearShort
    /// 1.2a.6 broken by a gap: HTXSNV up to 2018 and in 2020, none in 2019.
    case runGapYear
    /// 1.2a.6 run ends in 2019, none in 2020 (so eligible for review year 2019).
    case runEndedYearBefore
    /// 1.2a.6 with one initiative only.
    case oneInitiativeShort
    /// 1.2a.6 with no DOAN_THE and no GIAI_THUONG.
    case noMassOrgOrPrize
    /// Has a qualifying record but 1.2a.base is not attested.
    case notAttested
    /// Disciplined (KY_LUAT) in 2020, not attested; the reason a collective of the unit fails 1.2b.1.
    case disciplined
    /// A leader whose own records qualify but whose collective fails 1.2b (1.2a.leader not met).
    case leaderCollectiveFails
    /// Ordinary history: ratings, basic-level emulation titles, no qualifying clause.
    case nothingYet

    // Collectives, eligible (1.2b.base met and exactly one of 1.2b.1–4).
    /// 1.2b.1: VUOT_CHI_TIEU and an initiative in 2020, no disciplined staff in 2020.
    case collectiveYear
    /// 1.2b.2: Anh hùng Lao động (rare).
    case collectiveHero
    /// 1.2b.3: a Huân chương Độc lập or Lao động.
    case collectiveOrder
    /// 1.2b.4: flags in 2–3 consecutive years within 2011–2016.
    case collectiveFlags

    // Collectives, not eligible.
    /// Flags in 2016 and 2017: only 2016 falls in the window.
    case flagsStraddleWindow
    /// Flags in the window but never in consecutive years.
    case flagsNotConsecutive
    /// VUOT_CHI_TIEU in 2020 but no initiative that year.
    case yearWithoutInitiative
    /// VUOT_CHI_TIEU and an initiative in 2020, but a staff member of the unit was disciplined in 2020.
    case disciplinedStaff
    /// Qualifying records, but an attestation of 1.2b.base is missing.
    case collectiveNotAttested
    /// Ordinary history: ratings, certificates, TTLDXS, no qualifying clause.
    case collectiveNothingYet

    public var kind: CandidateKind {
        switch self {
        case .labourOrder, .primeMinisterCertificate, .certificate, .nationalFighter, .sectorFighter, .sustained,
             .oneOff, .runOneYearShort, .runGapYear, .runEndedYearBefore, .oneInitiativeShort, .noMassOrgOrPrize,
             .notAttested, .disciplined, .leaderCollectiveFails, .nothingYet:
            .individual
        default:
            .collective
        }
    }

    /// The verdict the data is built to produce for review year 2020.
    public var eligibleIn2020: Bool {
        switch self {
        case .labourOrder, .primeMinisterCertificate, .certificate, .nationalFighter, .sectorFighter, .sustained,
             .oneOff, .collectiveYear, .collectiveHero, .collectiveOrder, .collectiveFlags:
            true
        default:
            false
        }
    }

    /// The clause the archetype is about: the one it meets, or the one it narrowly misses.
    public var clause: Clause {
        switch self {
        case .labourOrder: .individualLabourOrder
        case .primeMinisterCertificate: .individualPrimeMinister
        case .certificate: .individualCertificate
        case .nationalFighter: .individualNationalFighter
        case .sectorFighter: .individualSectorFighter
        case .sustained, .runOneYearShort, .runGapYear, .runEndedYearBefore, .oneInitiativeShort, .noMassOrgOrPrize,
             .nothingYet:
            .individualSustained
        case .oneOff: .individualOneOff
        case .notAttested, .disciplined: .individualBase
        case .leaderCollectiveFails: .individualLeader
        case .collectiveYear, .yearWithoutInitiative, .disciplinedStaff, .collectiveNothingYet: .collectiveYear
        case .collectiveHero: .collectiveHero
        case .collectiveOrder: .collectiveOrder
        case .collectiveFlags, .flagsStraddleWindow, .flagsNotConsecutive: .collectiveFlags
        case .collectiveNotAttested: .collectiveBase
        }
    }

    public static let individual: [DemoArchetype] = allCases.filter { $0.kind == .individual }
    public static let collective: [DemoArchetype] = allCases.filter { $0.kind == .collective }
}
