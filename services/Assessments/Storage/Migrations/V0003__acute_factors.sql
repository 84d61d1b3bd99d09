-- Acute factors (R-AS9): one row per recording, at a review of an assessment or before a home
-- visit. The entries are JSON text (an array of {Factor, Present, Note}, factors as the
-- contract's enum numbers) and times ISO-8601 text, so that the same SQL runs on SQLite and
-- PostgreSQL. Rows are never changed once written, so there is no version.
CREATE TABLE acute_factor_records (
    id TEXT NOT NULL PRIMARY KEY,
    force_code TEXT NOT NULL,
    nominal_id TEXT NOT NULL,
    occasion INTEGER NOT NULL,
    assessment_id TEXT NULL,
    home_visit TEXT NULL,
    entries TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    record_time TEXT NOT NULL,
    -- R-AS9, kept by storage too: a review names the assessment reviewed, a home visit names the visit, never both.
    CONSTRAINT ck_acute_factor_records_occasion
        CHECK ((occasion = 1 AND assessment_id IS NOT NULL AND home_visit IS NULL)
            OR (occasion = 2 AND home_visit IS NOT NULL AND assessment_id IS NULL))
);
-- Lists are per nominal, force-scoped and keyset-paginated on id (UUIDv7, so newest first by id).
CREATE INDEX ix_acute_factor_records_force_nominal_id ON acute_factor_records (force_code, nominal_id, id);
