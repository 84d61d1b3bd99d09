-- Interventions: one row per intervention. Dates are ISO-8601 text and lists are JSON text
-- (arrays of the contract's enum numbers) so that the same SQL runs on SQLite and PostgreSQL.
CREATE TABLE interventions (
    id TEXT NOT NULL PRIMARY KEY,
    force_code TEXT NOT NULL,
    nominal_id TEXT NOT NULL,
    kind INTEGER NOT NULL,
    intervention_type INTEGER NOT NULL,
    description TEXT NOT NULL,
    objective TEXT NOT NULL,
    enforcement TEXT NOT NULL,
    suitability TEXT NOT NULL,
    lawfulness_and_proportionality TEXT NOT NULL,
    echr_articles_considered TEXT NOT NULL,
    negative_consequences TEXT NOT NULL,
    author TEXT NOT NULL,
    create_time TEXT NOT NULL,
    update_time TEXT NOT NULL,
    version BIGINT NOT NULL,
    -- R-MG8, kept by storage too: no intervention without its systematic analysis.
    CONSTRAINT ck_interventions_analysis_recorded
        CHECK (objective <> '' AND enforcement <> '' AND suitability <> ''
               AND lawfulness_and_proportionality <> '' AND negative_consequences <> '')
);
-- Lists are per nominal, force-scoped and keyset-paginated on id (UUIDv7, so newest first by id).
CREATE INDEX ix_interventions_force_nominal_id ON interventions (force_code, nominal_id, id);
