-- Reactive management decisions (R-RM1 to R-RM4, R-RM7): the officer's proposal, its criteria as
-- last evaluated (JSON text: criterion, pass or fail, rule, reason, records), and the supervisor's
-- approval or rejection. state: 1 proposed, 2 refused, 3 approved, 4 rejected. There is no
-- force_code: a decision's force is its nominal's, joined in on every read, so a transfer takes the
-- decisions along. professional_judgement is '' unless given (R-RM3); decide_time '' until decided.
CREATE TABLE reactive_decisions (
    id TEXT NOT NULL PRIMARY KEY,
    nominal_id TEXT NOT NULL,
    state INTEGER NOT NULL,
    reasons TEXT NOT NULL,
    professional_judgement TEXT NOT NULL,
    criteria TEXT NOT NULL,
    window_start TEXT NOT NULL,
    pending_discharge_exception INTEGER NOT NULL,
    return_after_significant_change INTEGER NOT NULL,
    proposed_by TEXT NOT NULL,
    propose_time TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decide_time TEXT NOT NULL,
    rejection_reason TEXT NOT NULL,
    update_time TEXT NOT NULL,
    version BIGINT NOT NULL
);
-- A nominal's decisions, newest first (ids are UUIDv7).
CREATE INDEX ix_reactive_decisions_nominal ON reactive_decisions (nominal_id, id);
