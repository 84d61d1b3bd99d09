-- Change feeds (a transactional outbox), one mechanism for every service that publishes one
-- (OutboxFeed): events are written in the transaction of the change that causes them, numbered
-- per feed by claiming the next value on the feed's head row, so each feed is gap-free and totally
-- ordered. record_id is the record the event is about (the nominal itself on the nominals feed,
-- the assessment on the assessments feed); due_date is a date the feed's contract carries beside
-- the attributes (the nominals feed's arms_due_date), empty otherwise.
CREATE TABLE outbox_events (
    feed TEXT NOT NULL,
    sequence BIGINT NOT NULL,
    event_id TEXT NOT NULL,
    event_type INTEGER NOT NULL,
    record_id TEXT NOT NULL,
    nominal_id TEXT NOT NULL,
    force_code TEXT NOT NULL,
    occur_time TEXT NOT NULL,
    due_date TEXT NOT NULL,
    attributes TEXT NOT NULL,
    PRIMARY KEY (feed, sequence)
);
CREATE INDEX ix_outbox_events_force ON outbox_events (feed, force_code, sequence);
CREATE TABLE outbox_heads (
    feed TEXT NOT NULL PRIMARY KEY,
    last_sequence BIGINT NOT NULL
);

-- Named consumers' committed positions on this service's feed, so that a consumer resumes where
-- it left off after any restart.
CREATE TABLE outbox_consumer_positions (
    feed TEXT NOT NULL,
    consumer TEXT NOT NULL,
    last_sequence BIGINT NOT NULL,
    update_time TEXT NOT NULL,
    PRIMARY KEY (feed, consumer)
);

-- The applied positions of the feeds this service follows are kept per feed now that a service
-- may follow more than one (the nominals service follows the assessments feed); every position
-- kept so far was on the nominals feed.
CREATE TABLE applied_feed_positions_by_feed (
    feed TEXT NOT NULL,
    consumer TEXT NOT NULL,
    last_sequence BIGINT NOT NULL,
    update_time TEXT NOT NULL,
    PRIMARY KEY (feed, consumer)
);
INSERT INTO applied_feed_positions_by_feed (feed, consumer, last_sequence, update_time)
SELECT 'nominals', consumer, last_sequence, update_time FROM applied_feed_positions;
DROP TABLE applied_feed_positions;
ALTER TABLE applied_feed_positions_by_feed RENAME TO applied_feed_positions;
