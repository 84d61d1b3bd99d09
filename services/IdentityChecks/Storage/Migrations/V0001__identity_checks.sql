-- Identity checks. Times are ISO-8601 UTC text ("O" format), so they sort as text in both backends.

-- Validated, mapped agency answers (never the raw bytes): the deduplication source (R-IC3) and
-- the record of what each agency said.
CREATE TABLE agency_enquiries (
    id TEXT NOT NULL PRIMARY KEY,
    nominal_id TEXT NOT NULL,
    force_code TEXT NOT NULL,
    agency INTEGER NOT NULL,
    operation TEXT NOT NULL,
    -- SHA-256 of agency, operation and identifier: the deduplication key.
    subject_key TEXT NOT NULL,
    ground INTEGER NOT NULL,
    found INTEGER NOT NULL,
    -- The contract message as protobuf JSON.
    result TEXT NOT NULL,
    enquired_by TEXT NOT NULL,
    answer_time TEXT NOT NULL
);
CREATE INDEX ix_agency_enquiries_dedup ON agency_enquiries (force_code, nominal_id, subject_key, answer_time);

-- Marker requests (R-IC2, R-IC5). The payload and idempotency key are fixed at creation.
CREATE TABLE marker_requests (
    id TEXT NOT NULL PRIMARY KEY,
    nominal_id TEXT NOT NULL,
    force_code TEXT NOT NULL,
    agency INTEGER NOT NULL,
    ground INTEGER NOT NULL,
    document_number TEXT NOT NULL,
    state INTEGER NOT NULL,
    marker_id TEXT NOT NULL,
    agency_outcome TEXT NOT NULL,
    rejection_reason TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    last_failure TEXT NOT NULL,
    next_attempt_time TEXT NULL,
    requested_by TEXT NOT NULL,
    create_time TEXT NOT NULL,
    update_time TEXT NOT NULL,
    deliver_time TEXT NULL,
    idempotency_key TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL
);
CREATE INDEX ix_marker_requests_nominal ON marker_requests (force_code, nominal_id, id);

-- Credential checks (R-IC2): what each check observed, what it found new, and whether the
-- officer has been told.
CREATE TABLE credential_checks (
    id TEXT NOT NULL PRIMARY KEY,
    nominal_id TEXT NOT NULL,
    force_code TEXT NOT NULL,
    ground INTEGER NOT NULL,
    pnc_id TEXT NOT NULL,
    driving_licence_number TEXT NOT NULL,
    passport_number TEXT NOT NULL,
    observations TEXT NOT NULL,
    agency_results TEXT NOT NULL,
    discrepancies TEXT NOT NULL,
    earlier_checks_compared INTEGER NOT NULL,
    notification_state INTEGER NOT NULL,
    work_item TEXT NOT NULL,
    checked_by TEXT NOT NULL,
    check_time TEXT NOT NULL
);
CREATE INDEX ix_credential_checks_nominal ON credential_checks (force_code, nominal_id, id);

-- The durable outbox (R-IC5): one row per delivery owed to another system. A worker claims a due
-- row by setting lease_until; a worker that dies leaves the lease to run out, and the row is
-- claimed again. Rows are kept once done, as the delivery record.
CREATE TABLE outbox (
    id TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    reference_id TEXT NOT NULL,
    force_code TEXT NOT NULL,
    done INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_time TEXT NOT NULL,
    lease_until TEXT NULL,
    last_failure TEXT NOT NULL,
    create_time TEXT NOT NULL,
    done_time TEXT NULL
);
CREATE INDEX ix_outbox_due ON outbox (done, next_attempt_time);

-- Yearly scheduled check sets (R-RM5); the checks are a JSON list.
CREATE TABLE check_sets (
    id TEXT NOT NULL PRIMARY KEY,
    nominal_id TEXT NOT NULL,
    force_code TEXT NOT NULL,
    due_date TEXT NOT NULL,
    state INTEGER NOT NULL,
    checks TEXT NOT NULL,
    cancel_reason TEXT NOT NULL,
    next_check_set_id TEXT NOT NULL,
    scheduled_by TEXT NOT NULL,
    create_time TEXT NOT NULL,
    complete_time TEXT NULL,
    next_run_time TEXT NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX ix_check_sets_nominal ON check_sets (force_code, nominal_id, due_date);
CREATE INDEX ix_check_sets_due ON check_sets (state, next_run_time);
