-- Assessments: one row per risk assessment. Dates are ISO-8601 text and lists are JSON text
-- (arrays of the contract's enum numbers) so that the same SQL runs on SQLite and PostgreSQL.
CREATE TABLE assessments (
    id TEXT NOT NULL PRIMARY KEY,
    force_code TEXT NOT NULL,
    nominal_id TEXT NOT NULL,
    tool INTEGER NOT NULL,
    tool_outcome INTEGER NOT NULL,
    final_level INTEGER NOT NULL,
    affected_groups TEXT NOT NULL,
    likelihood TEXT NOT NULL,
    frequency TEXT NOT NULL,
    extent TEXT NOT NULL,
    static_factors TEXT NOT NULL,
    dynamic_factors TEXT NOT NULL,
    override_rationale TEXT NOT NULL,
    override_justification TEXT NOT NULL,
    author TEXT NOT NULL,
    state INTEGER NOT NULL,
    countersigned_by TEXT NULL,
    countersign_time TEXT NULL,
    create_time TEXT NOT NULL,
    update_time TEXT NOT NULL,
    version BIGINT NOT NULL,
    -- R-AS3, kept by storage too: no override without its rationale and justification.
    CONSTRAINT ck_assessments_override_reasoned
        CHECK (tool_outcome = final_level OR (override_rationale <> '' AND override_justification <> '')),
    -- R-AS8: the author never countersigns their own assessment.
    CONSTRAINT ck_assessments_countersigner_not_author
        CHECK (countersigned_by IS NULL OR countersigned_by <> author)
);
-- Lists are per nominal, force-scoped and keyset-paginated on id (UUIDv7, so newest first by id).
CREATE INDEX ix_assessments_force_nominal_id ON assessments (force_code, nominal_id, id);
