import GRDB

/// Nominations (clause 1.4) and council voting (VOTING.md). Frozen once shipped.
///
/// Secrecy is structural: `voter_roll` (who voted) and `ballot` (what was voted) share no column;
/// `ballot` is WITHOUT ROWID, keyed by a random id, and has no time, no member, no "written" flag.
extension AppDatabase {
    static func registerVoting(_ m: inout DatabaseMigrator) {
        m.registerMigration("v2-voting") { db in
            try db.execute(sql: """
                CREATE TABLE nomination (
                    candidate_id TEXT NOT NULL REFERENCES candidate(id),
                    year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
                    unit_code TEXT NOT NULL REFERENCES unit(code),
                    kind TEXT NOT NULL CHECK (kind IN ('individual','collective')),
                    override_reason TEXT CHECK (override_reason IS NULL OR length(trim(override_reason)) > 0),
                    nominated_at TEXT NOT NULL,
                    PRIMARY KEY (candidate_id, year)
                );
                CREATE INDEX nomination_by_unit ON nomination(year, unit_code, kind);

                CREATE TABLE council_member (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    role TEXT NOT NULL CHECK (role IN ('chair','vice-chair','member','secretary')),
                    pin_salt BLOB NOT NULL CHECK (length(pin_salt) = 16),
                    pin_hash BLOB NOT NULL CHECK (length(pin_hash) = 32),
                    pin_rounds INTEGER NOT NULL CHECK (pin_rounds >= 1),
                    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1))
                );

                CREATE TABLE council_session (
                    id TEXT PRIMARY KEY NOT NULL,
                    year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
                    title TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
                    opened_at TEXT NOT NULL,
                    closed_at TEXT
                );

                CREATE TABLE attendance (
                    session_id TEXT NOT NULL REFERENCES council_session(id),
                    member_id TEXT NOT NULL REFERENCES council_member(id),
                    PRIMARY KEY (session_id, member_id)
                ) WITHOUT ROWID;

                CREATE TABLE round (
                    id TEXT PRIMARY KEY NOT NULL,
                    session_id TEXT NOT NULL REFERENCES council_session(id),
                    number INTEGER NOT NULL CHECK (number >= 1),
                    kind TEXT NOT NULL CHECK (kind IN ('regular','runoff')),
                    previous_round_id TEXT REFERENCES round(id),
                    runoff_reason TEXT CHECK (runoff_reason IN ('tie','unfilled')),
                    min_seats INTEGER NOT NULL CHECK (min_seats >= 1),
                    max_seats INTEGER NOT NULL CHECK (max_seats >= min_seats),
                    threshold TEXT NOT NULL,
                    base TEXT NOT NULL CHECK (base IN ('members','present')),
                    strictly_more INTEGER NOT NULL CHECK (strictly_more IN (0,1)),
                    quorum TEXT NOT NULL,
                    members_at_open INTEGER NOT NULL CHECK (members_at_open > 0),
                    present_at_open INTEGER NOT NULL CHECK (present_at_open BETWEEN 0 AND members_at_open),
                    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed','certified')),
                    opened_at TEXT NOT NULL,
                    closed_at TEXT,
                    result_json TEXT,
                    UNIQUE (session_id, number),
                    CHECK ((kind = 'runoff') = (previous_round_id IS NOT NULL)),
                    CHECK ((status = 'open') = (result_json IS NULL))
                );
                -- One open round per session; a result is followed up by at most one run-off.
                CREATE UNIQUE INDEX round_one_open ON round(session_id) WHERE status = 'open';
                CREATE UNIQUE INDEX round_one_runoff ON round(previous_round_id) WHERE previous_round_id IS NOT NULL;

                -- The shortlist, copied at opening so later edits to candidates cannot change a ballot.
                CREATE TABLE round_candidate (
                    round_id TEXT NOT NULL REFERENCES round(id),
                    candidate_id TEXT NOT NULL REFERENCES candidate(id),
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('individual','collective')),
                    unit_code TEXT NOT NULL,
                    PRIMARY KEY (round_id, candidate_id),
                    UNIQUE (round_id, position)
                ) WITHOUT ROWID;

                -- The members issued a ballot when the round opened (the voting members then).
                CREATE TABLE round_elector (
                    round_id TEXT NOT NULL REFERENCES round(id),
                    member_id TEXT NOT NULL REFERENCES council_member(id),
                    PRIMARY KEY (round_id, member_id)
                ) WITHOUT ROWID;

                -- Who has voted: one row per member and round (the primary key is the one-ballot rule).
                -- No time column; no row id (arrival order is not kept).
                CREATE TABLE voter_roll (
                    round_id TEXT NOT NULL,
                    member_id TEXT NOT NULL,
                    written INTEGER NOT NULL CHECK (written IN (0,1)),
                    entered_by TEXT REFERENCES council_member(id),
                    CHECK ((written = 1) = (entered_by IS NOT NULL)),
                    PRIMARY KEY (round_id, member_id),
                    FOREIGN KEY (round_id, member_id) REFERENCES round_elector(round_id, member_id)
                ) WITHOUT ROWID;

                -- What was voted: a random id, the sorted choices (JSON array) and the receipt code.
                -- No member, no time, no row id, no written flag; stored in random-id order.
                CREATE TABLE ballot (
                    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),
                    round_id TEXT NOT NULL REFERENCES round(id),
                    choices TEXT NOT NULL,
                    receipt TEXT NOT NULL
                ) WITHOUT ROWID;

                -- Every action, in a SHA-256 hash chain. Never holds a ballot's id, choices or receipt.
                CREATE TABLE audit_log (
                    seq INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    detail TEXT NOT NULL,
                    prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL UNIQUE
                );
                """)
        }
        registerVotingSigned(&m)
    }
}
