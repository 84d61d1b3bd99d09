-- The nominals change feed moves onto the platform's outbox tables (platform V0003), under feed
-- 'nominals', with its sequences, event ids and consumer positions unchanged.
INSERT INTO outbox_events (feed, sequence, event_id, event_type, record_id, nominal_id, force_code, occur_time, due_date, attributes)
SELECT 'nominals', sequence, event_id, event_type, nominal_id, nominal_id, force_code, occur_time, arms_due_date, attributes
FROM nominal_events;
INSERT INTO outbox_heads (feed, last_sequence) SELECT 'nominals', last_sequence FROM nominal_event_head;
INSERT INTO outbox_consumer_positions (feed, consumer, last_sequence, update_time)
SELECT 'nominals', consumer, last_sequence, update_time FROM feed_positions;
DROP TABLE nominal_events;
DROP TABLE nominal_event_head;
DROP TABLE feed_positions;
