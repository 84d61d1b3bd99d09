-- The name search index (SearchNominals, duplicate detection on CreateNominal). One row per key
-- of one of a nominal's names: name_index 0 is the primary name, 1.. the aliases in order, so a
-- multi-word search can require all its words to match the same name. key_kind: 'W' a normalised
-- word, 'P' a Double Metaphone code of a word, 'F' the normalised full primary name. Keys are
-- computed in the application (NameKeys) and written in the same transaction as the nominal;
-- nominals written before this table existed are indexed at start-up (NominalSearchBackfill).
CREATE TABLE nominal_name_keys (
    nominal_id TEXT NOT NULL,
    force_code TEXT NOT NULL,
    name_index INTEGER NOT NULL,
    key_kind TEXT NOT NULL,
    name_key TEXT NOT NULL,
    PRIMARY KEY (nominal_id, name_index, key_kind, name_key)
);
-- Searches are force-scoped lookups of exact keys; the index covers the columns they read.
CREATE INDEX ix_nominal_name_keys_lookup ON nominal_name_keys (force_code, key_kind, name_key, nominal_id, name_index);
-- Searches by identifier and date of birth, and the same-PNC duplicate check. Ending in id, each
-- also yields its matches newest first, so the planner has no reason to walk the whole force in
-- id order instead (which SQLite, without statistics, otherwise prefers).
CREATE INDEX ix_nominals_force_pnc ON nominals (force_code, pnc_id, id);
CREATE INDEX ix_nominals_force_dob ON nominals (force_code, date_of_birth, id);
CREATE INDEX ix_nominals_force_visor ON nominals (force_code, visor_reference, id);
