-- Interventions over time (R-MG10): status (1 PLANNED, 2 ACTIVE, 3 ENDED, the contract's numbers)
-- with its start and end dates ('' until set), the plan actions delivered, the status history
-- and the breaches (JSON text, oldest first). Interventions recorded before this migration
-- become PLANNED with no history. Same SQL on SQLite and PostgreSQL.
ALTER TABLE interventions ADD COLUMN status INTEGER NOT NULL DEFAULT 1;
ALTER TABLE interventions ADD COLUMN start_date TEXT NOT NULL DEFAULT '';
ALTER TABLE interventions ADD COLUMN end_date TEXT NOT NULL DEFAULT '';
ALTER TABLE interventions ADD COLUMN plan_actions TEXT NOT NULL DEFAULT '[]';
ALTER TABLE interventions ADD COLUMN status_history TEXT NOT NULL DEFAULT '[]';
ALTER TABLE interventions ADD COLUMN breaches TEXT NOT NULL DEFAULT '[]';
