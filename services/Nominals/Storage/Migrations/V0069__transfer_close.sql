-- A pending transfer ends without a move: cancelled by the sending force (state 3) or rejected by
-- the receiving force (state 4), with who, when and why. '' until then.
ALTER TABLE transfers ADD COLUMN closed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE transfers ADD COLUMN close_time TEXT NOT NULL DEFAULT '';
ALTER TABLE transfers ADD COLUMN close_reason TEXT NOT NULL DEFAULT '';
