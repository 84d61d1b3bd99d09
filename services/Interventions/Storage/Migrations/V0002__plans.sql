-- Risk management plans (R-MG3, R-MG4, R-MG5, R-VI1, R-MR1, R-RM4): one row per plan version.
-- Dates are ISO-8601 text and what is only read with its version (objectives, actions with their
-- completions, returns) is JSON text, so that the same SQL runs on SQLite and PostgreSQL; what
-- storage checks or queries (kind, number, state, author, countersignature, supersession) are columns.
CREATE TABLE plans (
    id TEXT NOT NULL PRIMARY KEY,
    force_code TEXT NOT NULL,
    nominal_id TEXT NOT NULL,
    kind INTEGER NOT NULL,
    plan_version INTEGER NOT NULL,
    revises TEXT NULL,
    state INTEGER NOT NULL,
    summary TEXT NOT NULL,
    objectives TEXT NOT NULL,
    actions TEXT NOT NULL,
    victim_safety TEXT NOT NULL,
    victims_identified INTEGER NOT NULL,
    review_date TEXT NULL,
    author TEXT NOT NULL,
    submit_time TEXT NULL,
    returns TEXT NOT NULL,
    countersigned_by TEXT NULL,
    countersign_time TEXT NULL,
    superseded_by TEXT NULL,
    create_time TEXT NOT NULL,
    update_time TEXT NOT NULL,
    version BIGINT NOT NULL,
    -- R-VI1, kept by storage too: every plan says how victims' safety is planned for.
    CONSTRAINT ck_plans_victim_safety CHECK (victim_safety <> ''),
    -- R-MR1: the author never countersigns their own plan.
    CONSTRAINT ck_plans_countersigner_not_author
        CHECK (countersigned_by IS NULL OR LOWER(countersigned_by) <> LOWER(author))
);
-- Lists are per nominal, force-scoped and keyset-paginated on id (UUIDv7, so newest first by id).
CREATE INDEX ix_plans_force_nominal_id ON plans (force_code, nominal_id, id);
-- One version number per nominal and kind: two revisions of one version cannot both be written.
CREATE UNIQUE INDEX ux_plans_nominal_kind_version ON plans (nominal_id, kind, plan_version);
