-- Management state. Queried columns (officer, review flag) are columns; the histories and
-- sub-records that are only ever read with their nominal are JSON text, which both backends store.
ALTER TABLE nominals ADD COLUMN addresses TEXT NOT NULL DEFAULT '[]';
ALTER TABLE nominals ADD COLUMN mosovo_officer TEXT NOT NULL DEFAULT '';
ALTER TABLE nominals ADD COLUMN flagged_for_review INTEGER NOT NULL DEFAULT 0;
ALTER TABLE nominals ADD COLUMN management TEXT NOT NULL DEFAULT '{}';
CREATE INDEX ix_nominals_caseload ON nominals (force_code, mosovo_officer, id);

-- The change feed (a transactional outbox): events are written in the same transaction as the
-- change that causes them, numbered by claiming the next value on the head row, so the feed is
-- gap-free and totally ordered. A broker publisher could later read from here instead.
CREATE TABLE nominal_events (
    sequence BIGINT NOT NULL PRIMARY KEY,
    event_id TEXT NOT NULL,
    event_type INTEGER NOT NULL,
    nominal_id TEXT NOT NULL,
    force_code TEXT NOT NULL,
    occur_time TEXT NOT NULL,
    arms_due_date TEXT NOT NULL,
    attributes TEXT NOT NULL
);
CREATE TABLE nominal_event_head (
    id INTEGER NOT NULL PRIMARY KEY,
    last_sequence BIGINT NOT NULL
);
INSERT INTO nominal_event_head (id, last_sequence) VALUES (1, 0);

-- Named consumers' positions, so that a consumer resumes where it left off after any restart.
CREATE TABLE feed_positions (
    consumer TEXT NOT NULL PRIMARY KEY,
    last_sequence BIGINT NOT NULL,
    update_time TEXT NOT NULL
);

-- Transfers between forces: started by the sending force, accepted by the receiving one.
CREATE TABLE transfers (
    id TEXT NOT NULL PRIMARY KEY,
    nominal_id TEXT NOT NULL,
    sending_force TEXT NOT NULL,
    receiving_force TEXT NOT NULL,
    reason TEXT NOT NULL,
    state INTEGER NOT NULL,
    started_by TEXT NOT NULL,
    start_time TEXT NOT NULL,
    accepted_by TEXT NOT NULL,
    accept_time TEXT NOT NULL
);
CREATE INDEX ix_transfers_sending ON transfers (sending_force, id);
CREATE INDEX ix_transfers_receiving ON transfers (receiving_force, id);
CREATE INDEX ix_transfers_nominal ON transfers (nominal_id);
