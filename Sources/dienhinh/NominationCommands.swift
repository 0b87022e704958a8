import ArgumentParser
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

// Nominations (clause 1.4): 1 collective and 2 individuals per unit and year.

// MARK: - Nominations

/// The candidate a nomination is for and its year, as `nominate` and `withdraw` take them.
struct Nominee: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: helpText("help.common.id")) var id: String
    @Option(help: helpText("help.common.year")) var year: Int

    /// The candidate's name, said once the act is done (the id, if the name cannot be read).
    func name(_ db: AppDatabase) -> String { (try? db.candidate(id))??.name ?? id }
}

struct Nominate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nominate", abstract: abstractText("help.nominate.abstract"))

    @OptionGroup var nominee: Nominee
    @Option(help: helpText("help.nominate.override-reason")) var overrideReason: String?

    func run() throws {
        try nominee.global.run { db, s in
            let (id, year) = (nominee.id, nominee.year)
            let n = try db.nominate(candidateId: id, year: year, overrideReason: overrideReason)
            Console.out(s("nominate.done", nominee.name(db), id, n.unitCode, year))
            if let r = n.overrideReason { Console.out(s("nominate.override", r)) }
        }
    }
}

struct Withdraw: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw", abstract: abstractText("help.withdraw.abstract"))

    @OptionGroup var nominee: Nominee
    @Option(help: helpText("help.withdraw.reason")) var reason: String

    func run() throws {
        try nominee.global.run { db, s in
            let (id, year) = (nominee.id, nominee.year)
            try db.withdrawNomination(candidateId: id, year: year, reason: reason)
            Console.out(s("withdraw.cli_done", nominee.name(db), id, year, reason))
        }
    }
}

struct Nominations: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "nominations", abstract: abstractText("help.nominations.abstract"))

    @OptionGroup var global: GlobalOptions
    @Option(help: helpText("help.common.year")) var year: Int
    @Flag(help: helpText("help.common.json")) var json = false

    struct Item: Encodable {
        var id: String, name: String, kind: String, unit_code: String, unit_name: String, year: Int
        var eligible: Bool, override_reason: String?
        var nominated_by: String?, nominated_unit: String?, nominated_at: String?
    }

    /// "nhập bởi Nguyễn Thị Hạnh (VKSH.429)", or nothing for a nomination made before it was recorded.
    static func nominatedBy(_ n: NominationListing, _ s: Strings) -> String {
        n.nominatedBy.user.map { s("nominate.by", $0, n.nominatedBy.unitCode ?? "?") } ?? ""
    }

    func run() throws {
        try global.run { db, s in
            let list = try db.nominations(year: year)
            try Console.answer(json: json) {
                list.map {
                    Item(id: $0.nomination.candidateId, name: $0.name, kind: $0.nomination.kind.rawValue, unit_code: $0.nomination.unitCode,
                         unit_name: $0.unitName, year: year, eligible: $0.eligible, override_reason: $0.nomination.overrideReason,
                         nominated_by: $0.nominatedBy.user, nominated_unit: $0.nominatedBy.unitCode, nominated_at: $0.nominatedBy.at)
                }
            } text: {
                Console.out(table(list.map {
                    [$0.nomination.candidateId, s("kind.\($0.nomination.kind.rawValue)"), $0.name, $0.unitName,
                     $0.eligible ? s("nominate.eligible") : s("nominate.not_eligible_short"), $0.nomination.overrideReason ?? "",
                     Self.nominatedBy($0, s)]
                }))
                Console.out(s("nominate.count", list.count, year))
            }
        }
    }
}
