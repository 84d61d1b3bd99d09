-- Volume limits that hold across replicas (R-IC3): every replica of the service shares this
-- database, so the rate limit and the deduplication of concurrent enquiries live here, not in
-- process memory.

-- The per-agency rate limit as a sliding log: one row per call that left for the agency within the
-- window (older rows are deleted as calls are admitted), so at most the permit limit per agency.
CREATE TABLE agency_call_log (
    id TEXT NOT NULL PRIMARY KEY,
    agency INTEGER NOT NULL,
    call_time TEXT NOT NULL
);
CREATE INDEX ix_agency_call_log_window ON agency_call_log (agency, call_time);

-- An enquiry in flight: the replica that claimed it asks the agency; the same enquiry (force,
-- nominal, deduplication key) arriving meanwhile at any replica waits for its answer instead of
-- asking again. The claim lapses at claimed_until if its holder died.
CREATE TABLE enquiry_claims (
    force_code TEXT NOT NULL,
    nominal_id TEXT NOT NULL,
    subject_key TEXT NOT NULL,
    claimed_until TEXT NOT NULL,
    PRIMARY KEY (force_code, nominal_id, subject_key)
);
