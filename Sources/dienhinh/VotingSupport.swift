import ArgumentParser
import DienHinhCore
import DienHinhResources
import DienHinhStore
import Foundation

// Nominations (clause 1.4) and council voting (VOTING.md). Exit codes: 65 bad ballot or input, an unknown id
// included; 69 refused by a rule. Every refusal leaves the database unchanged.

extension ThresholdBase: ExpressibleByArgument {}
extension ConflictRule: ExpressibleByArgument {}

func votingMessage(_ e: VotingError, _ s: Strings) -> String {
    // A full quota names its holders with the kind in the user's words; everything else is worded by the store.
    if case let .nomination(.quotaFull(kind, limit, holders)) = e {
        return s("nominate.quota_full", s("kind.\(kind.rawValue)").lowercased(), limit,
                 holders.map { "\($0.name) (\($0.candidateId))" }.joined(separator: ", "))
    }
    return e.message.text(s)
}

/// The PIN from standard input: the first line, without its line ending. Never echoed or logged.
func readPIN(_ s: Strings) throws -> String {
    let data = FileHandle.standardInput.readDataToEndOfFile()
    let text = String(decoding: data, as: UTF8.self)
    let line = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).first.map(String.init) ?? ""
    let pin = line.hasSuffix("\r") ? String(line.dropLast()) : line
    guard !pin.isEmpty else { throw refusal(Failure.badInput, s("council.pin_missing")) }
    return pin
}

func requirePinStdin(_ flag: Bool, _ s: Strings) throws {
    if !flag { throw refusal(Failure.usage, s("council.pin_stdin_required")) }
}

/// `--by MEMBER_ID --pin-stdin`: the chair or the secretary signing an act with their own PIN.
struct SignOptions: ParsableArguments {
    @Option(help: helpText("help.sign.by")) var by: String?
    @Flag(help: helpText("help.sign.pin-stdin")) var pinStdin = false

    func signer(_ s: Strings) throws -> Signer {
        guard let by else { throw refusal(Failure.usage, s("sign.by_required")) }
        try requirePinStdin(pinStdin, s)
        return Signer(member: by, pin: try readPIN(s))
    }

    /// A signed act: the signer and their PIN read first (nothing is opened without them), then the act's store
    /// call and output through `GlobalOptions.run`.
    func act(_ global: GlobalOptions, _ body: (AppDatabase, Signer, Strings) throws -> Void) throws {
        let s = global.strings
        let signer = try signer(s)
        try global.run(secret: true) { db in try body(db, signer, s) }
    }
}

/// `ID,ID,...` into ids; an empty text is a blank ballot.
/// Ids given as "A,B" or by repeating the option: every one is kept (ArgumentParser keeps only the last value of a
/// single-value option, which silently dropped approvals from `vote --approve A --approve B`).
func idList(_ text: String) -> [String] {
    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

func percentText(_ c: CandidateResult, _ s: Strings) -> String {
    let t = c.percentText + "%"
    return s.language == .vi ? t.replacingOccurrences(of: ".", with: ",") : t
}

/// Writes a PIN slip for the secretary to print and seal: owner-only (0600), the path said, the PIN never printed.
func writeSlip(_ slip: MemberSlip, to path: String, _ db: AppDatabase, _ s: Strings) throws {
    let data = try OfficialDocuments(builder: ReportBuilder(db: db, strings: s, today: ISODate.today())).pinSlips([slip])
    try OutputFile.write(data, to: path, strings: s)
    chmod(path, 0o600)
    Console.out(s("council.slip_written", slip.member.id, path))
}

/// The session a command reads or acts on.
struct OnSession: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: helpText("help.common.session")) var session: String
}

/// The round a command reads or acts on. All of a round is secret (its ballots, voters and count), so the
/// database is opened as for a secret act.
struct OnRound: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: helpText("help.common.round")) var round: String

    func run(_ body: (AppDatabase, String, Strings) throws -> Void) throws {
        try global.run(secret: true) { db, s in try body(db, round, s) }
    }
}

/// An act on a round signed by the chair or the secretary: the round, then `--by` and `--pin-stdin`.
struct SignedRoundAct: ParsableArguments {
    @OptionGroup var on: OnRound
    @OptionGroup var sign: SignOptions

    func run(_ body: (AppDatabase, String, Signer, Strings) throws -> Void) throws {
        try sign.act(on.global) { db, signer, s in try body(db, on.round, signer, s) }
    }
}
