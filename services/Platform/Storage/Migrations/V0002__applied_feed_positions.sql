-- The nominals change feed as this service has applied it: per named consumer, the sequence of the
-- last event applied, written in the unit of work that applied it. The feed delivers at least once
-- (the committed position in the nominals service lags behind); an event at or below this position
-- has been applied already and is skipped, so a re-delivery changes nothing.
CREATE TABLE applied_feed_positions (
    consumer TEXT NOT NULL PRIMARY KEY,
    last_sequence BIGINT NOT NULL,
    update_time TEXT NOT NULL
);
