-- R-AU2: every entry is sealed with HMAC-SHA256 under a key the database does not hold
-- (Audit:Keys:<key_id>), and records which key sealed it so keys can be rotated. Entries written
-- before this step keep key_id '' and their keyless SHA-256: they verify as they are, and only while
-- they lie at or below the legacy boundary that the first checkpoint (outside the database) records,
-- which the service writes at its first start with a key (services/Platform/Audit, README "Audit").
ALTER TABLE audit_log ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
