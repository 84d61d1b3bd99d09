-- The victim creates are now idempotent through the one mechanism, idempotency_keys, by
-- reference: a key stores the request's hash and the created resource's name but no response
-- (''), and a replay reads the victim record again, so no victim detail is copied out of the
-- victim_* tables (R-VI2) and an erasure leaves none behind (R-AU1). The keys written before this
-- step are copied, with the scopes the service now uses (one key per request id under the nominal,
-- or under the victim for a contact action, as the V0040 unique indexes had it), so that a retry
-- of a request made before the upgrade still replays.
-- The request_id and request_hash columns of the victim tables and their unique indexes are
-- deliberately NOT dropped here: dropping an indexed column needs a table rebuild on SQLite, and
-- nothing reads them any more. New rows leave request_id null (the unique indexes allow any
-- number of nulls) and request_hash empty.
INSERT INTO idempotency_keys (scope, request_id, request_hash, resource_name, response, created_at)
SELECT 'CreateVictim:' || nominal_id, request_id, request_hash,
       'nominals/' || nominal_id || '/victims/' || id, '', create_time
FROM victim_records
WHERE request_id IS NOT NULL;

INSERT INTO idempotency_keys (scope, request_id, request_hash, resource_name, response, created_at)
SELECT 'RecordContactAction:' || victim_id, request_id, request_hash,
       'nominals/' || nominal_id || '/victims/' || victim_id || '/contactActions/' || id, '', record_time
FROM victim_contact_actions
WHERE request_id IS NOT NULL;

INSERT INTO idempotency_keys (scope, request_id, request_hash, resource_name, response, created_at)
SELECT 'RecordReviewApplication:' || nominal_id, request_id, request_hash,
       'nominals/' || nominal_id || '/reviewApplications/' || id, '', record_time
FROM victim_review_applications
WHERE request_id IS NOT NULL;
