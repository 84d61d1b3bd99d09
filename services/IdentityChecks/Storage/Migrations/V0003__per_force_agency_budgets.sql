-- Per-force agency budgets (R-IC3): each call in the sliding log names the force it was made for,
-- so one force's calls cannot use up an agency's whole limit and lock every other force out.
ALTER TABLE agency_call_log ADD COLUMN force_code TEXT NOT NULL DEFAULT '';
CREATE INDEX ix_agency_call_log_force_window ON agency_call_log (agency, force_code, call_time);
