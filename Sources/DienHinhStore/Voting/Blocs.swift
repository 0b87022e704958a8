import DienHinhCore
import Foundation
import GRDB

/// An emulation cluster (cụm thi đua) or bloc (khối thi đua) for a year: its member units and the lead unit.
/// The sector flag is voted by the bloc's members (Thông tư 01/2019/TT-VKSTC Art. 20: at least 80% of them), in
/// a session of the bloc, with the same rounds, ballots, receipts and audit as the council's (issue 17).
public struct EmulationBloc: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable { case cluster = "cum", bloc = "khoi" }

    public var code: String
    public var name: String
    public var kind: Kind
    public var year: Int
    public var leadUnit: String
    /// Member units by code, in the order they were given.
    public var units: [String]
    public var delegates: [BlocDelegate]

    /// Member units that have no delegate yet: the bloc cannot vote until every member has one.
    public var unitsWithoutDelegate: [String] {
        let have = Set(delegates.map(\.unitCode))
        return units.filter { !have.contains($0) }
    }
}

/// The person who votes for a member unit in its bloc: a voting member of the bloc's body with a PIN of their own.
/// The lead unit's delegate chairs the bloc's sessions.
public struct BlocDelegate: Equatable, Sendable {
    public var member: CouncilMember
    public var unitCode: String
}

/// Who votes in a session: the sector council, or an emulation bloc's delegates for a year.
public enum VotingBody: Equatable, Sendable {
    case council
    case bloc(code: String, year: Int)
}

extension AppDatabase {
    /// Frozen once shipped: add a new migration instead of editing this one.
    static func registerBlocs(_ m: inout DatabaseMigrator) {
        m.registerMigration("v8-i17-emulation-blocs") { db in
            try db.execute(sql: """
                CREATE TABLE emulation_bloc (
                    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 1 AND 32),
                    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
                    kind TEXT NOT NULL CHECK (kind IN ('cum','khoi'))
                );
                CREATE TABLE bloc_year (
                    bloc_code TEXT NOT NULL REFERENCES emulation_bloc(code),
                    year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
                    lead_unit TEXT NOT NULL REFERENCES unit(code),
                    PRIMARY KEY (bloc_code, year)
                ) WITHOUT ROWID;
                CREATE TABLE bloc_unit (
                    bloc_code TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    unit_code TEXT NOT NULL REFERENCES unit(code),
                    position INTEGER NOT NULL,
                    PRIMARY KEY (bloc_code, year, unit_code),
                    FOREIGN KEY (bloc_code, year) REFERENCES bloc_year(bloc_code, year)
                ) WITHOUT ROWID;
                -- A unit emulates in one bloc a year.
                CREATE UNIQUE INDEX bloc_unit_once ON bloc_unit(year, unit_code);
                -- A delegate is a council_member row of the bloc's body, never of the council's.
                CREATE TABLE bloc_delegate (
                    member_id TEXT PRIMARY KEY NOT NULL REFERENCES council_member(id),
                    bloc_code TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    unit_code TEXT NOT NULL,
                    UNIQUE (bloc_code, year, unit_code),
                    FOREIGN KEY (bloc_code, year, unit_code) REFERENCES bloc_unit(bloc_code, year, unit_code)
                ) WITHOUT ROWID;
                CREATE TABLE bloc_session (
                    session_id TEXT PRIMARY KEY NOT NULL REFERENCES council_session(id),
                    bloc_code TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    FOREIGN KEY (bloc_code, year) REFERENCES bloc_year(bloc_code, year)
                ) WITHOUT ROWID;
                -- A proposal the bloc's certified vote put forward, with the round it rests on.
                CREATE TABLE proposal_round (
                    candidate_id TEXT NOT NULL,
                    award TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    round_id TEXT NOT NULL REFERENCES round(id),
                    PRIMARY KEY (candidate_id, award, year),
                    FOREIGN KEY (candidate_id, award, year) REFERENCES proposal(candidate_id, award, year) ON DELETE CASCADE
                ) WITHOUT ROWID;
                """)
        }
    }

    // MARK: Defining blocs

    /// Defines (or, before its first session, redefines) a bloc's membership for a year: its units, the lead among
    /// them. Audited. Refused once the bloc has met that year, so a vote is never counted against another roll.
    public func defineBloc(code: String, name: String, kind: EmulationBloc.Kind, year: Int, lead: String, units: [String]) throws {
        let code = code.trimmingCharacters(in: .whitespaces).uppercased()
        let clean = TextFolding.cleaned(name)
        guard !code.isEmpty, code.count <= 32, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            throw VotingError.badBlocCode(code)
        }
        guard !clean.isEmpty else { throw VotingError.emptyName }
        var seen = Set<String>()
        let members = units.filter { seen.insert($0).inserted }
        guard members.count >= 2 else { throw VotingError.blocTooSmall(code) }
        guard members.contains(lead) else { throw VotingError.leadNotMember(unit: lead, bloc: code) }
        try immediate { db in
            for u in members where try Bool.fetchOne(db, sql: "SELECT 1 FROM unit WHERE code = ?", arguments: [u]) != true {
                throw VotingError.unknownUnit(u)
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM bloc_session WHERE bloc_code = ? AND year = ?", arguments: [code, year]) == true {
                throw VotingError.blocHasMet(bloc: code, year: year)
            }
            if let (u, other) = try Row.fetchOne(db, sql: """
                SELECT unit_code, bloc_code FROM bloc_unit WHERE year = ? AND bloc_code <> ? AND unit_code IN (SELECT value FROM json_each(?))
                """, arguments: [year, code, try JSONText.encode(members)]).map({ ($0[0] as String, $0[1] as String) }) {
                throw VotingError.unitInOtherBloc(unit: u, bloc: other)
            }
            let kept = Set(try String.fetchAll(db, sql: "SELECT unit_code FROM bloc_delegate WHERE bloc_code = ? AND year = ?",
                                               arguments: [code, year]))
            if let dropped = kept.subtracting(members).sorted().first { throw VotingError.delegateOfDroppedUnit(unit: dropped, bloc: code) }
            // The lead's delegate is enrolled as the chair: once delegates exist the lead stays.
            if !kept.isEmpty, let was = try String.fetchOne(db, sql: "SELECT lead_unit FROM bloc_year WHERE bloc_code = ? AND year = ?",
                                                          arguments: [code, year]), was != lead {
                throw VotingError.blocLeadFixed(bloc: code, lead: was)
            }
            try db.execute(sql: "INSERT INTO emulation_bloc (code, name, kind) VALUES (?,?,?) ON CONFLICT(code) DO UPDATE SET name = excluded.name, kind = excluded.kind",
                           arguments: [code, clean, kind.rawValue])
            try db.execute(sql: "INSERT INTO bloc_year (bloc_code, year, lead_unit) VALUES (?,?,?) ON CONFLICT(bloc_code, year) DO UPDATE SET lead_unit = excluded.lead_unit",
                           arguments: [code, year, lead])
            try db.execute(sql: "DELETE FROM bloc_unit WHERE bloc_code = ? AND year = ? AND unit_code NOT IN (SELECT unit_code FROM bloc_delegate WHERE bloc_code = ? AND year = ?)",
                           arguments: [code, year, code, year])
            for (i, u) in members.enumerated() {
                try db.execute(sql: "INSERT INTO bloc_unit (bloc_code, year, unit_code, position) VALUES (?,?,?,?) ON CONFLICT(bloc_code, year, unit_code) DO UPDATE SET position = excluded.position",
                               arguments: [code, year, u, i + 1])
            }
            try Audit.append(db, actor: Self.operatorName, action: "bloc.define", detail: [
                "bloc": code, "name": clean, "kind": kind.rawValue, "year": String(year), "lead": lead,
                "units": members.joined(separator: ","),
            ])
        }
    }

    /// Enrols the delegate of a member unit with a PIN the application draws (the slip carries it). The lead unit's
    /// delegate is the bloc's chair; `secretary` makes another unit's delegate the one who keeps the roll.
    public func enrolDelegate(bloc: String, year: Int, unit: String, name: String, secretary: Bool = false) throws -> MemberSlip {
        try enrolDelegate(bloc: bloc, year: year, unit: unit, name: name, secretary: secretary, pin: PINHash.generate(),
                          pinRounds: try pinRounds())
    }

    func enrolDelegate(bloc: String, year: Int, unit: String, name: String, secretary: Bool, pin: String, pinRounds: Int) throws -> MemberSlip {
        let bloc = bloc.uppercased()
        let lead = try read { db -> String in
            guard let lead = try String.fetchOne(db, sql: "SELECT lead_unit FROM bloc_year WHERE bloc_code = ? AND year = ?",
                                                 arguments: [bloc, year]) else { throw VotingError.unknownBloc(bloc, year: year) }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM bloc_unit WHERE bloc_code = ? AND year = ? AND unit_code = ?",
                                    arguments: [bloc, year, unit]) == true else { throw VotingError.unitNotInBloc(unit: unit, bloc: bloc) }
            return lead
        }
        if secretary, unit == lead { throw VotingError.leadIsChair(unit: unit, bloc: bloc) }
        let role: CouncilRole = unit == lead ? .chair : secretary ? .secretary : .member
        // The delegate belongs to the unit they represent: their own unit's collective is flagged on their ballot.
        var slip = try enrol(name: name, role: role, pin: pin, unit: unit, pinRounds: pinRounds) { db, member in
            if let other = try String.fetchOne(db, sql: "SELECT member_id FROM bloc_delegate WHERE bloc_code = ? AND year = ? AND unit_code = ?",
                                               arguments: [bloc, year, unit]) {
                throw VotingError.delegateExists(unit: unit, bloc: bloc, member: other)
            }
            if secretary, try Bool.fetchOne(db, sql: """
                SELECT 1 FROM bloc_delegate d JOIN council_member m ON m.id = d.member_id
                WHERE d.bloc_code = ? AND d.year = ? AND m.role = 'secretary' AND m.active = 1
                """, arguments: [bloc, year]) == true {
                throw VotingError.blocHasSecretary(bloc: bloc)
            }
            try db.execute(sql: "INSERT INTO bloc_delegate (member_id, bloc_code, year, unit_code) VALUES (?,?,?,?)",
                           arguments: [member, bloc, year, unit])
            try Audit.append(db, actor: Self.operatorName, action: "bloc.delegate",
                             detail: ["bloc": bloc, "year": String(year), "unit": unit, "member": member])
        }
        slip.pin = pin
        return slip
    }

    /// The blocs of a year (every year when nil), by code, each with its units and delegates.
    public func blocs(year: Int? = nil) throws -> [EmulationBloc] {
        try read { db in try Self.blocs(db, year: year) }
    }

    static func blocs(_ db: Database, year: Int?, code: String? = nil) throws -> [EmulationBloc] {
        var sql = "SELECT b.code, b.name, b.kind, y.year, y.lead_unit FROM bloc_year y JOIN emulation_bloc b ON b.code = y.bloc_code WHERE 1"
        var args: [DatabaseValueConvertible] = []
        if let year { sql += " AND y.year = ?"; args.append(year) }
        if let code { sql += " AND b.code = ?"; args.append(code) }
        return try Row.fetchAll(db, sql: sql + " ORDER BY y.year, b.code", arguments: StatementArguments(args)).map { r in
            let (code, year): (String, Int) = (r["code"], r["year"])
            let units = try String.fetchAll(db, sql: "SELECT unit_code FROM bloc_unit WHERE bloc_code = ? AND year = ? ORDER BY position",
                                            arguments: [code, year])
            let delegates = try Row.fetchAll(db, sql: """
                SELECT m.id, m.name, m.role, d.unit_code FROM bloc_delegate d JOIN council_member m ON m.id = d.member_id
                WHERE d.bloc_code = ? AND d.year = ? AND m.active = 1 ORDER BY length(m.id), m.id
                """, arguments: [code, year]).map {
                BlocDelegate(member: CouncilMember(id: $0[0], name: $0[1], role: CouncilRole(rawValue: $0[2]) ?? .member), unitCode: $0[3])
            }
            return EmulationBloc(code: code, name: r["name"], kind: EmulationBloc.Kind(rawValue: r["kind"]) ?? .bloc, year: year,
                                 leadUnit: r["lead_unit"], units: units, delegates: delegates)
        }
    }

    // MARK: The bloc's sessions

    /// Opens a meeting of a bloc for a year, signed by its chair (the lead unit's delegate). Refused until every
    /// member unit has a delegate: the base of the bloc's vote is all its members. Returns the id (`KHOI1-2019-1`).
    public func openBlocSession(bloc: String, year: Int, title: String, by chair: Signer) throws -> String {
        let bloc = bloc.uppercased()
        return try signed(by: chair, as: .chair) { db in
            guard let b = try Self.blocs(db, year: year, code: bloc).first else { throw VotingError.unknownBloc(bloc, year: year) }
            guard try Self.body(db, member: chair.member) == .bloc(code: bloc, year: year) else {
                throw VotingError.otherBody(member: chair.member, body: bloc)
            }
            if !b.unitsWithoutDelegate.isEmpty { throw VotingError.blocRollIncomplete(bloc: bloc, units: b.unitsWithoutDelegate) }
            if let open = try String.fetchOne(db, sql: """
                SELECT s.id FROM council_session s JOIN bloc_session b ON b.session_id = s.id
                WHERE b.bloc_code = ? AND b.year = ? AND s.status = 'open'
                """, arguments: [bloc, year]) {
                throw VotingError.sessionAlreadyOpen(year: year, session: open)
            }
            let n = (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM bloc_session WHERE bloc_code = ? AND year = ?", arguments: [bloc, year]) ?? 0) + 1
            let id = "\(bloc)-\(year)-\(n)"
            try db.execute(sql: "INSERT INTO council_session (id, year, title, status, opened_at, opened_by) VALUES (?,?,?,'open',?,?)",
                           arguments: [id, year, TextFolding.nfc(title), Audit.now(), chair.member])
            try db.execute(sql: "INSERT INTO bloc_session (session_id, bloc_code, year) VALUES (?,?,?)", arguments: [id, bloc, year])
            try Audit.append(db, actor: chair.member, action: "session.open",
                             detail: ["session": id, "year": String(year), "title": title, "bloc": bloc])
            return id
        }
    }

    /// The body a session belongs to.
    static func body(_ db: Database, session: String) throws -> VotingBody {
        try Row.fetchOne(db, sql: "SELECT bloc_code, year FROM bloc_session WHERE session_id = ?", arguments: [session])
            .map { .bloc(code: $0[0], year: $0[1]) } ?? .council
    }

    static func body(_ db: Database, member: String) throws -> VotingBody {
        try Row.fetchOne(db, sql: "SELECT bloc_code, year FROM bloc_delegate WHERE member_id = ?", arguments: [member])
            .map { .bloc(code: $0[0], year: $0[1]) } ?? .council
    }

    public func body(session: String) throws -> VotingBody {
        try read { db in try Self.body(db, session: session) }
    }

    /// A council member acts only in the council's sessions, a bloc's delegate only in that bloc's.
    static func requireBody(_ db: Database, _ member: String, session: String) throws {
        let body = try body(db, session: session)
        guard try Self.body(db, member: member) == body else {
            if case .bloc(let code, _) = body { throw VotingError.otherBody(member: member, body: code) }
            throw VotingError.otherBody(member: member, body: "")
        }
    }

    /// The shortlist of a bloc's vote: the collectives of its member units, in the bloc's order.
    static func blocShortlist(_ db: Database, bloc: String, year: Int) throws -> [ShortlistEntry] {
        try Row.fetchAll(db, sql: """
            SELECT c.id, c.name, c.kind, c.unit_code FROM bloc_unit b JOIN candidate c ON c.unit_code = b.unit_code AND c.kind = 'collective'
            WHERE b.bloc_code = ? AND b.year = ? ORDER BY b.position, c.name, c.id
            """, arguments: [bloc, year]).map {
            ShortlistEntry(id: $0["id"], name: $0["name"], kind: .collective, unitCode: $0["unit_code"])
        }
    }

    /// The certified vote of a bloc puts its elected forward for the award: a pending proposal each, with the
    /// round it rests on, so the council and the profile see where it came from.
    static func proposeFromBlocRound(_ db: Database, round: String, result: RoundResult, actor: String) throws {
        guard let award = try String.fetchOne(db, sql: "SELECT award FROM round_award WHERE round_id = ?", arguments: [round]),
              let kind = AwardRule.record(forAward: award) else { return }
        guard case .bloc(let bloc, let year) = try body(db, session: roundHead(db, round).session) else { return }
        for id in result.elected {
            try db.execute(sql: """
                INSERT INTO proposal (candidate_id, award, year, outcome) VALUES (?,?,?,'pending')
                ON CONFLICT(candidate_id, award, year) DO NOTHING
                """, arguments: [id, kind.type.rawValue, year])
            try db.execute(sql: "INSERT OR REPLACE INTO proposal_round (candidate_id, award, year, round_id) VALUES (?,?,?,?)",
                           arguments: [id, kind.type.rawValue, year, round])
            try Audit.append(db, actor: actor, action: "bloc.propose",
                             detail: ["round": round, "bloc": bloc, "candidate": id, "award": kind.type.rawValue, "year": String(year)])
        }
    }

    /// The certified round of a bloc that put a candidate forward for an award in a year, if any.
    public func proposingRound(candidate: String, award: AwardCode, year: Int) throws -> String? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT round_id FROM proposal_round WHERE candidate_id = ? AND award = ? AND year = ?",
                                arguments: [candidate, award.rawValue, year])
        }
    }
}
