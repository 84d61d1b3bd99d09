-- The obligations ledger (R-MR4): every due item about a nominal. A row is never overwritten:
-- only its state moves from open (1) to satisfied (2) or waived (3). arises_on is the day it
-- becomes an obligation (the day it was raised, or later for a scheduled one such as the six-week
-- ARMS of R-AS5); until then it is not listed, and it may be withdrawn (deleted). announced is 1
-- once its arising is on the change feed. A trigger raises at most one obligation per nominal.
CREATE TABLE obligations (
    id TEXT NOT NULL PRIMARY KEY,
    nominal_id TEXT NOT NULL,
    kind INTEGER NOT NULL,
    state INTEGER NOT NULL,
    trigger_code TEXT NOT NULL,
    trigger_key TEXT NOT NULL,
    trigger_record TEXT NOT NULL,
    trigger_date TEXT NOT NULL,
    due_date TEXT NOT NULL,
    arises_on TEXT NOT NULL,
    announced INTEGER NOT NULL,
    satisfied_by TEXT NOT NULL,
    waive_reason TEXT NOT NULL,
    closed_by TEXT NOT NULL,
    close_time TEXT NOT NULL,
    create_time TEXT NOT NULL,
    version INTEGER NOT NULL,
    UNIQUE (nominal_id, trigger_key)
);
-- A nominal's obligations by due date; the overdue lists; the sweep of scheduled ones.
CREATE INDEX ix_obligations_nominal ON obligations (nominal_id, due_date, id);
CREATE INDEX ix_obligations_state_due ON obligations (state, due_date, id);
CREATE INDEX ix_obligations_unannounced ON obligations (announced, arises_on);
