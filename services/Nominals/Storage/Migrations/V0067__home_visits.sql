-- Home visits (R-AS9, R-MG7, R-RM5): planned, then recorded once with their outcome. The force is
-- not stored: a visit belongs to its nominal's owning force, read by joining nominals, so a
-- transfer takes the visits along. Times are StoredTime text; planned_date is yyyy-MM-dd.
-- state: 1 planned, 2 completed, 3 refused entry, 4 no access, 5 cancelled (HomeVisitState).
CREATE TABLE home_visits (
    id TEXT NOT NULL PRIMARY KEY,
    nominal_id TEXT NOT NULL,
    state INTEGER NOT NULL,
    planned_date TEXT NOT NULL,
    officer TEXT NOT NULL,
    purpose TEXT NOT NULL,
    visit_time TEXT NOT NULL,
    observations TEXT NOT NULL,
    outcome_note TEXT NOT NULL,
    acute_factor_record TEXT NOT NULL,
    non_cooperation TEXT NOT NULL,
    intelligence TEXT NOT NULL,
    planned_by TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    create_time TEXT NOT NULL,
    update_time TEXT NOT NULL,
    version BIGINT NOT NULL
);
-- A nominal's visits, newest planned date first.
CREATE INDEX ix_home_visits_nominal ON home_visits (nominal_id, planned_date, id);
