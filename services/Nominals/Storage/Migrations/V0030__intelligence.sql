-- Intelligence about nominals (R-ID2, R-ID4), recorded by officers of any force. The assessment
-- for significant change (R-RM6) is set once, as JSON text; '' until then.
CREATE TABLE intelligence (
    id TEXT NOT NULL PRIMARY KEY,
    nominal_id TEXT NOT NULL,
    source INTEGER NOT NULL,
    other_agency TEXT NOT NULL,
    text TEXT NOT NULL,
    observe_time TEXT NOT NULL,
    location TEXT NOT NULL,
    risk_of_serious_harm INTEGER NOT NULL,
    recorded_by TEXT NOT NULL,
    recorder_force TEXT NOT NULL,
    record_time TEXT NOT NULL,
    assessment TEXT NOT NULL
);
-- A nominal's intelligence, newest first (ids are UUIDv7).
CREATE INDEX ix_intelligence_nominal ON intelligence (nominal_id, id);

-- Recorded non-cooperation (R-MG7).
CREATE TABLE non_cooperation (
    id TEXT NOT NULL PRIMARY KEY,
    nominal_id TEXT NOT NULL,
    kind INTEGER NOT NULL,
    details TEXT NOT NULL,
    occur_time TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    record_time TEXT NOT NULL
);
CREATE INDEX ix_non_cooperation_nominal ON non_cooperation (nominal_id, id);

-- Work items in officers' and supervisors' queues. The force is not stored: an item belongs to
-- its nominal's owning force, read by joining nominals, so a transfer moves it with the nominal.
-- queue: 1 officer (assignee set), 2 supervisors (assignee_role 'supervisor'), 3 unassigned.
CREATE TABLE work_items (
    id TEXT NOT NULL PRIMARY KEY,
    nominal_id TEXT NOT NULL,
    kind INTEGER NOT NULL,
    urgent INTEGER NOT NULL,
    state INTEGER NOT NULL,
    queue INTEGER NOT NULL,
    assignee TEXT NOT NULL,
    assignee_role TEXT NOT NULL,
    reference TEXT NOT NULL,
    summary_code TEXT NOT NULL,
    create_time TEXT NOT NULL,
    created_by TEXT NOT NULL,
    acknowledge_time TEXT NOT NULL,
    acknowledged_by TEXT NOT NULL,
    close_time TEXT NOT NULL,
    closed_by TEXT NOT NULL,
    outcome TEXT NOT NULL,
    version BIGINT NOT NULL
);
-- Queue listings: urgent first, then oldest first.
CREATE INDEX ix_work_items_assignee ON work_items (assignee, state, urgent, id);
CREATE INDEX ix_work_items_queue ON work_items (queue, state, urgent, id);
CREATE INDEX ix_work_items_nominal ON work_items (nominal_id);
