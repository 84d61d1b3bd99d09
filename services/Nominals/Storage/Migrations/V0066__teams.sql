-- Teams of officers in a force (R-MR3: overdue work is listed per officer, team and force).
-- display_name_key is the display name trimmed and upper-cased by the service (the same on
-- SQLite and PostgreSQL, unlike their lower()), so a name is unique in a force ignoring case.
CREATE TABLE teams (
    id TEXT NOT NULL PRIMARY KEY,
    force_code TEXT NOT NULL,
    display_name TEXT NOT NULL,
    display_name_key TEXT NOT NULL,
    create_time TEXT NOT NULL,
    update_time TEXT NOT NULL,
    version BIGINT NOT NULL,
    CONSTRAINT uq_teams_force_display_name UNIQUE (force_code, display_name_key)
);
-- Members in the order they joined (position). An officer is in at most one team of a force:
-- the unique (force_code, officer) keeps it even against two concurrent additions. The overdue
-- list by team looks members up by (team_id, officer), the primary key.
CREATE TABLE team_members (
    team_id TEXT NOT NULL REFERENCES teams (id),
    force_code TEXT NOT NULL,
    officer TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (team_id, officer),
    CONSTRAINT uq_team_members_force_officer UNIQUE (force_code, officer)
);
