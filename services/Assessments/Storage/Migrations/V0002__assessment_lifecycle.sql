-- Issue 9: computed tool outcomes, ARMS ratings, group levels, victims considered, risk to
-- children and the lifecycle (submit, return, countersign, supersede, disclose).
-- The CHECK constraints change, and neither SQLite nor PostgreSQL can alter a CHECK the same way,
-- so the table is rebuilt: renamed aside, created anew, its rows copied, the old one dropped.
-- Scores, ratings and lists are JSON text (snake_case names, the contract's enum numbers), stored
-- with the tool versions they were computed with and read back as stored, never recomputed.
ALTER TABLE assessments RENAME TO assessments_v1;
DROP INDEX ix_assessments_force_nominal_id;

CREATE TABLE assessments (
    id TEXT NOT NULL PRIMARY KEY,
    force_code TEXT NOT NULL,
    nominal_id TEXT NOT NULL,
    kind INTEGER NOT NULL,
    osp_inputs TEXT NULL,
    osp_scores TEXT NULL,
    tool_outcome INTEGER NOT NULL,
    final_level INTEGER NOT NULL,
    group_levels TEXT NOT NULL,
    likelihood TEXT NOT NULL,
    frequency TEXT NOT NULL,
    extent TEXT NOT NULL,
    static_factors TEXT NOT NULL,
    dynamic_factors TEXT NOT NULL,
    override_rationale TEXT NOT NULL,
    override_justification TEXT NOT NULL,
    arms TEXT NULL,
    victims TEXT NOT NULL,
    risk_to_children TEXT NOT NULL,
    author TEXT NOT NULL,
    state INTEGER NOT NULL,
    submit_time TEXT NULL,
    returns TEXT NOT NULL,
    countersigned_by TEXT NULL,
    countersign_time TEXT NULL,
    superseded_by TEXT NULL,
    disclosures TEXT NOT NULL,
    -- 1 for a row written before issue 9, whose tool outcome the assessor typed (read as recorded).
    typed_tool_outcome INTEGER NOT NULL,
    create_time TEXT NOT NULL,
    update_time TEXT NOT NULL,
    version BIGINT NOT NULL,
    CONSTRAINT ck_assessments_kind CHECK (kind IN (1, 2)),
    -- R-AS2: the tool outcome is computed from OSP inputs (none without them), except on old rows.
    CONSTRAINT ck_assessments_tool_outcome_computed
        CHECK (typed_tool_outcome = 1 OR (osp_scores IS NULL AND tool_outcome = 0) OR (osp_scores IS NOT NULL AND tool_outcome BETWEEN 1 AND 4)),
    -- R-AS2: an ARMS has its OSP inputs and ARMS ratings; only an ARMS has ARMS ratings.
    CONSTRAINT ck_assessments_arms_complete
        CHECK (typed_tool_outcome = 1 OR kind <> 1 OR (osp_inputs IS NOT NULL AND arms IS NOT NULL)),
    CONSTRAINT ck_assessments_arms_only_for_arms CHECK (kind = 1 OR arms IS NULL),
    -- R-AS3, kept by storage too: an overall level that departs from the tool outcome has its reasons.
    CONSTRAINT ck_assessments_override_reasoned
        CHECK (tool_outcome = 0 OR tool_outcome = final_level OR (override_rationale <> '' AND override_justification <> '')),
    -- R-AS8: countersigned exactly when a countersignature is recorded...
    CONSTRAINT ck_assessments_countersigned_when_signed
        CHECK ((state = 2 AND countersigned_by IS NOT NULL AND countersign_time IS NOT NULL)
            OR (state IN (1, 3, 4) AND countersigned_by IS NULL AND countersign_time IS NULL)),
    -- ...and never by the author, however the user id is spelt.
    CONSTRAINT ck_assessments_countersigner_not_author
        CHECK (countersigned_by IS NULL OR lower(trim(countersigned_by)) <> lower(trim(author))),
    -- Only a countersigned assessment is superseded, and never by itself.
    CONSTRAINT ck_assessments_superseded_when_countersigned
        CHECK (superseded_by IS NULL OR (state = 2 AND superseded_by <> id))
);

-- Old rows read as recorded: an ARMS stays an ARMS, any other typed tool (OASys SRP, OSP/DC or
-- OSP/IIC typed by hand) is a risk of serious harm assessment; the typed tool outcome and any
-- override stay as they were (R-AS3: both kept), with no OSP inputs, scores or ARMS ratings;
-- each affected group named gets the overall level (the only level they had); no victims
-- consideration or risk-to-children conclusion was recorded then.
INSERT INTO assessments (id, force_code, nominal_id, kind, osp_inputs, osp_scores, tool_outcome, final_level, group_levels,
    likelihood, frequency, extent, static_factors, dynamic_factors, override_rationale, override_justification, arms,
    victims, risk_to_children, author, state, submit_time, returns, countersigned_by, countersign_time, superseded_by,
    disclosures, typed_tool_outcome, create_time, update_time, version)
SELECT id, force_code, nominal_id,
    CASE WHEN tool = 1 THEN 1 ELSE 2 END,
    NULL, NULL, tool_outcome, final_level,
    CASE WHEN affected_groups = '[]' THEN '[]'
        ELSE '[{"group":' || replace(substr(affected_groups, 2, length(affected_groups) - 2), ',', ',"level":' || final_level || '},{"group":')
            || ',"level":' || final_level || '}]' END,
    likelihood, frequency, extent, static_factors, dynamic_factors, override_rationale, override_justification, NULL,
    '{"consideration":"","victim_ids":[]}', '{"conclusion":0,"information_sources":[],"rationale":""}',
    author, state, NULL, '[]', countersigned_by, countersign_time, NULL, '[]', 1, create_time, update_time, version
FROM assessments_v1;

-- Of several countersigned old rows of one nominal and kind, each is superseded by the next one
-- countersigned after it, so that only the latest is current.
UPDATE assessments SET superseded_by = (
    SELECT later.id FROM assessments later
    WHERE later.nominal_id = assessments.nominal_id AND later.kind = assessments.kind AND later.state = 2
        AND (later.countersign_time > assessments.countersign_time
            OR (later.countersign_time = assessments.countersign_time AND later.id > assessments.id))
    ORDER BY later.countersign_time, later.id
    LIMIT 1)
WHERE state = 2;

DROP TABLE assessments_v1;

-- Lists are per nominal, force-scoped and keyset-paginated on id (UUIDv7, so newest first by id).
CREATE INDEX ix_assessments_force_nominal_id ON assessments (force_code, nominal_id, id);
