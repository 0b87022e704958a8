import GRDB

/// Schema history. A migration never changes once shipped: add a new one instead.
extension AppDatabase {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-reference-candidates") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                CREATE TABLE unit (
                    code TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    short_name TEXT NOT NULL,
                    level TEXT NOT NULL CHECK (level IN ('supreme','high','provincial','district')),
                    parent_code TEXT REFERENCES unit(code),
                    region_code TEXT REFERENCES unit(code),
                    is_current INTEGER NOT NULL DEFAULT 1,
                    merged_into TEXT,
                    sort_order INTEGER NOT NULL,
                    folded TEXT NOT NULL
                );
                CREATE INDEX unit_by_level ON unit(level, sort_order);
                CREATE INDEX unit_by_parent ON unit(parent_code, sort_order);
                CREATE INDEX unit_by_region ON unit(region_code, sort_order);
                CREATE TABLE unit_alias (
                    code TEXT NOT NULL REFERENCES unit(code),
                    name TEXT NOT NULL,
                    valid_from TEXT,
                    valid_to TEXT
                );
                CREATE INDEX unit_alias_by_code ON unit_alias(code);
                CREATE TABLE award_type (
                    code TEXT PRIMARY KEY NOT NULL,
                    name_vi TEXT NOT NULL,
                    name_en TEXT NOT NULL,
                    has_classes INTEGER NOT NULL,
                    for_individual INTEGER NOT NULL,
                    for_collective INTEGER NOT NULL
                );
                CREATE TABLE candidate (
                    id TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('individual','collective')),
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    folded TEXT NOT NULL,
                    unit_code TEXT NOT NULL REFERENCES unit(code),
                    position TEXT,
                    is_leader INTEGER NOT NULL DEFAULT 0,
                    complies_with_policy INTEGER NOT NULL,
                    internally_united INTEGER NOT NULL DEFAULT 0,
                    orgs_clean_strong INTEGER NOT NULL DEFAULT 0,
                    collective_id TEXT,
                    entered_unit TEXT,
                    entered_by TEXT,
                    entered_at TEXT
                );
                CREATE INDEX candidate_by_unit ON candidate(unit_code, kind, name);
                CREATE TABLE achievement (
                    id INTEGER PRIMARY KEY,
                    candidate_id TEXT NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
                    year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
                    type TEXT NOT NULL REFERENCES award_type(code),
                    class INTEGER CHECK (class IN (1,2,3)),
                    proposed_award TEXT REFERENCES award_type(code),
                    decision_no TEXT,
                    decision_date TEXT,
                    issuer TEXT,
                    note TEXT,
                    entered_unit TEXT,
                    entered_by TEXT,
                    entered_at TEXT
                );
                CREATE INDEX achievement_by_candidate ON achievement(candidate_id, year);
                CREATE INDEX achievement_by_type ON achievement(type, year);
                """)
        }
        registerVoting(&m)
        registerBundles(&m)
        registerPlan(&m)
        registerEvidenceIndex(&m)
        registerUnitLifeSpans(&m)
        registerMergeCopies(&m)
        registerNominationOperator(&m)
        registerHistory(&m)
        registerTrust(&m)
        registerAwardRules(&m)
        registerConsultation(&m)
        registerRoundAward(&m)
        registerBlocs(&m)
        registerMemberUnitConflicts(&m)
        registerUnitVersion(&m)
        return m
    }
}
