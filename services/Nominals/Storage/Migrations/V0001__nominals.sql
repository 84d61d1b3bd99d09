-- Nominals: one row per managed person. Dates are ISO-8601 text so that both SQLite and
-- PostgreSQL order them correctly; names and aliases are kept as given (Unicode).
CREATE TABLE nominals (
    id TEXT NOT NULL PRIMARY KEY,
    force_code TEXT NOT NULL,
    given_names TEXT NOT NULL,
    family_name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    date_of_birth TEXT NOT NULL,
    gender INTEGER NOT NULL,
    pnc_id TEXT NOT NULL,
    visor_reference TEXT NOT NULL,
    category INTEGER NOT NULL,
    management_status INTEGER NOT NULL,
    create_time TEXT NOT NULL,
    update_time TEXT NOT NULL,
    version BIGINT NOT NULL
);
-- Lists are force-scoped and keyset-paginated on id (UUIDv7, so newest first by id).
CREATE INDEX ix_nominals_force_id ON nominals (force_code, id);
