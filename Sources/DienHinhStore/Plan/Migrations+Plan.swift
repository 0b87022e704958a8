import GRDB

/// Schema for the plan's life cycle: registrations (III.1), the activity checklist (2), state-level
/// proposals (I.1) and promotion (III.2–3). Frozen once shipped: add a new migration instead.
extension AppDatabase {
    static func registerPlan(_ m: inout DatabaseMigrator) {
        m.registerMigration("v3-plan-registrations-proposals-promotion") { db in
            try db.execute(sql: """
                CREATE TABLE registration (
                    candidate_id TEXT PRIMARY KEY NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
                    date TEXT NOT NULL,
                    plan_text TEXT,
                    registered_at TEXT
                );
                CREATE TABLE registration_milestone (
                    id INTEGER PRIMARY KEY,
                    candidate_id TEXT NOT NULL REFERENCES registration(candidate_id) ON DELETE CASCADE,
                    date TEXT NOT NULL,
                    text TEXT NOT NULL
                );
                CREATE INDEX registration_milestone_by_candidate ON registration_milestone(candidate_id, date);
                CREATE TABLE plan_activity_done (
                    activity_id TEXT NOT NULL,
                    unit_code TEXT NOT NULL REFERENCES unit(code),
                    date TEXT NOT NULL,
                    note TEXT,
                    PRIMARY KEY (activity_id, unit_code)
                );
                CREATE TABLE proposal (
                    candidate_id TEXT NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
                    award TEXT NOT NULL REFERENCES award_type(code),
                    year INTEGER NOT NULL CHECK (year BETWEEN 1945 AND 2100),
                    outcome TEXT NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending','approved','rejected')),
                    decision TEXT,
                    PRIMARY KEY (candidate_id, award, year)
                );
                CREATE INDEX proposal_by_year ON proposal(year, award);
                CREATE TABLE promotion (
                    id INTEGER PRIMARY KEY,
                    candidate_id TEXT NOT NULL REFERENCES candidate(id) ON DELETE CASCADE,
                    channel TEXT NOT NULL CHECK (channel IN ('bvpl','tapchi','truyenhinh','trangtin','local','unitweb')),
                    date TEXT NOT NULL,
                    title TEXT NOT NULL CHECK (length(title) > 0),
                    reference TEXT
                );
                CREATE INDEX promotion_by_candidate ON promotion(candidate_id, date);
                """)
        }
    }
}
