-- The DPA 2018 s.62 log (R-AU1, R-AU2). Append-only by API; tamper-evident by hash chain.
CREATE TABLE audit_log (
    sequence BIGINT NOT NULL PRIMARY KEY,
    operation INTEGER NOT NULL,
    rpc_method TEXT NOT NULL,
    actor TEXT NOT NULL,
    actor_force TEXT NOT NULL,
    actor_roles TEXT NOT NULL,
    occur_time TEXT NOT NULL,
    subject TEXT NOT NULL,
    subject_force TEXT NOT NULL,
    justification TEXT NOT NULL,
    recipients TEXT NOT NULL,
    trace_id TEXT NOT NULL,
    previous_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX ix_audit_log_subject ON audit_log (subject, sequence);

-- The head of the chain. Appending updates this one row first, which serialises appenders
-- (a row lock in PostgreSQL, the write lock in SQLite) and lets verification detect a cut tail.
CREATE TABLE audit_chain_head (
    id INTEGER NOT NULL PRIMARY KEY,
    last_sequence BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_chain_head (id, last_sequence, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Idempotent creates: the first response to each request_id, per method and caller force.
CREATE TABLE idempotency_keys (
    scope TEXT NOT NULL,
    request_id TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    resource_name TEXT NOT NULL,
    response TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (scope, request_id)
);
