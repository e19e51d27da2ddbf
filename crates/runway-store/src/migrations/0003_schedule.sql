-- Schema 3: dependencies between milestones or releases and between CIs (D5), and named
-- baselines of the planned dates (D4).

CREATE TABLE dependency (
    id              INTEGER PRIMARY KEY,
    from_release_id INTEGER NOT NULL REFERENCES release (id) ON DELETE CASCADE,
    from_milestone  TEXT,
    to_release_id   INTEGER NOT NULL REFERENCES release (id) ON DELETE CASCADE,
    to_milestone    TEXT,
    kind            TEXT NOT NULL CHECK (kind IN ('fs', 'ss', 'ff', 'sf')),
    lag_days        INTEGER NOT NULL DEFAULT 0 CHECK (abs(lag_days) <= 3650)
) STRICT;

CREATE UNIQUE INDEX dependency_ends ON dependency (
    from_release_id, coalesce(from_milestone, ''), to_release_id, coalesce(to_milestone, '')
);
CREATE INDEX dependency_to ON dependency (to_release_id);

CREATE TABLE ci_dependency (
    ci_id         INTEGER NOT NULL REFERENCES ci (id),
    depends_on_id INTEGER NOT NULL REFERENCES ci (id),
    PRIMARY KEY (ci_id, depends_on_id),
    CHECK (ci_id <> depends_on_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE baseline (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    taken_at TEXT NOT NULL
) STRICT;

CREATE TABLE baseline_milestone (
    baseline_id   INTEGER NOT NULL REFERENCES baseline (id) ON DELETE CASCADE,
    release_key   TEXT NOT NULL,
    kind          TEXT NOT NULL,
    planned_start TEXT NOT NULL,
    planned_end   TEXT NOT NULL,
    PRIMARY KEY (baseline_id, release_key, kind)
) STRICT, WITHOUT ROWID;
