-- The victim compartment (R-VI2): victim contact information lives only in victim_* tables,
-- written and read only by VictimStore for VictimsService, and never joined into a nominal
-- query. Rows hang off their nominal: VictimStore, as an erasure participant, deletes them when
-- the nominal is erased, and the foreign keys make a nominal that still has victim rows
-- impossible to delete, so an erasure can never leave victim data behind. The owning force is
-- not copied here: it is the nominal's, so victims follow their nominal on a transfer.
CREATE TABLE victim_records (
    id TEXT NOT NULL PRIMARY KEY,
    nominal_id TEXT NOT NULL REFERENCES nominals (id),
    -- The create's idempotency key and a hash of its request (AIP-155), kept here rather than in
    -- the shared idempotency table, whose stored responses would otherwise hold victim data.
    request_id TEXT,
    request_hash TEXT NOT NULL,
    given_names TEXT NOT NULL,
    family_name TEXT NOT NULL,
    phone TEXT NOT NULL,
    email TEXT NOT NULL,
    postal_address TEXT NOT NULL,
    preferred_channel INTEGER NOT NULL,
    relationship_to_offender TEXT NOT NULL,
    contact_wishes INTEGER NOT NULL,
    contact_wishes_note TEXT NOT NULL,
    wishes_history TEXT NOT NULL,
    assessment_considerations TEXT NOT NULL,
    safety_measures TEXT NOT NULL,
    review_notification_registered INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    create_time TEXT NOT NULL,
    update_time TEXT NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX ix_victim_records_nominal ON victim_records (nominal_id, id);
CREATE UNIQUE INDEX ux_victim_records_request ON victim_records (nominal_id, request_id);

-- Contacts made with a victim (R-VI3): only those the victim's wishes allowed are ever written.
CREATE TABLE victim_contact_actions (
    id TEXT NOT NULL PRIMARY KEY,
    victim_id TEXT NOT NULL REFERENCES victim_records (id),
    nominal_id TEXT NOT NULL,
    request_id TEXT,
    request_hash TEXT NOT NULL,
    kind INTEGER NOT NULL,
    purpose TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    record_time TEXT NOT NULL
);
CREATE INDEX ix_victim_contact_actions_victim ON victim_contact_actions (victim_id, id);
CREATE UNIQUE INDEX ux_victim_contact_actions_request ON victim_contact_actions (victim_id, request_id);

-- Review applications of indefinite registrants (R-NT2) and the victims listed for notification
-- when each was recorded (R-VI4), as a JSON list of victim ids.
CREATE TABLE victim_review_applications (
    id TEXT NOT NULL PRIMARY KEY,
    nominal_id TEXT NOT NULL REFERENCES nominals (id),
    request_id TEXT,
    request_hash TEXT NOT NULL,
    application_date TEXT NOT NULL,
    review_eligibility_date TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    record_time TEXT NOT NULL,
    notified_victim_ids TEXT NOT NULL
);
CREATE INDEX ix_victim_review_applications_nominal ON victim_review_applications (nominal_id, id);
CREATE UNIQUE INDEX ux_victim_review_applications_request ON victim_review_applications (nominal_id, request_id);
