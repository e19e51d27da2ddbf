-- Schema 1: the release record (D1), its reference data, and the append-only audit log (D10).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE application (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
) STRICT;

CREATE TABLE environment (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    production INTEGER NOT NULL DEFAULT 0 CHECK (production IN (0, 1))
) STRICT;

CREATE TABLE person (
    id           INTEGER PRIMARY KEY,
    email        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name         TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL
) STRICT;

CREATE TABLE rfc (
    id     INTEGER PRIMARY KEY,
    key    TEXT NOT NULL UNIQUE,
    title  TEXT NOT NULL,
    status TEXT NOT NULL
) STRICT;

CREATE TABLE ci (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    kind           TEXT NOT NULL,
    application_id INTEGER REFERENCES application (id)
) STRICT;

CREATE TABLE release (
    id                  INTEGER PRIMARY KEY,
    key                 TEXT NOT NULL UNIQUE,
    title               TEXT NOT NULL CHECK (length(trim(title)) > 0),
    kind                TEXT NOT NULL,
    unit                TEXT NOT NULL,
    status              TEXT NOT NULL,
    owner_id            INTEGER REFERENCES person (id),
    manager_id          INTEGER REFERENCES person (id),
    window_start        TEXT,
    window_end          TEXT,
    risk                TEXT NOT NULL,
    acceptance_criteria TEXT NOT NULL DEFAULT '',
    backout_plan        TEXT NOT NULL DEFAULT '',
    backout_tested      INTEGER NOT NULL DEFAULT 0 CHECK (backout_tested IN (0, 1)),
    notes               TEXT NOT NULL DEFAULT '',
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    CHECK ((window_start IS NULL) = (window_end IS NULL)),
    CHECK (window_end IS NULL OR window_end > window_start)
) STRICT;

CREATE TABLE release_application (
    release_id     INTEGER NOT NULL REFERENCES release (id) ON DELETE CASCADE,
    application_id INTEGER NOT NULL REFERENCES application (id),
    PRIMARY KEY (release_id, application_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE release_environment (
    release_id     INTEGER NOT NULL REFERENCES release (id) ON DELETE CASCADE,
    environment_id INTEGER NOT NULL REFERENCES environment (id),
    PRIMARY KEY (release_id, environment_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE release_rfc (
    release_id INTEGER NOT NULL REFERENCES release (id) ON DELETE CASCADE,
    rfc_id     INTEGER NOT NULL REFERENCES rfc (id),
    PRIMARY KEY (release_id, rfc_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE release_ci (
    release_id INTEGER NOT NULL REFERENCES release (id) ON DELETE CASCADE,
    ci_id      INTEGER NOT NULL REFERENCES ci (id),
    version    TEXT NOT NULL CHECK (length(trim(version)) > 0),
    PRIMARY KEY (release_id, ci_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE milestone (
    id            INTEGER PRIMARY KEY,
    release_id    INTEGER NOT NULL REFERENCES release (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL,
    planned_start TEXT NOT NULL,
    planned_end   TEXT NOT NULL,
    actual_start  TEXT,
    actual_end    TEXT,
    CHECK (planned_end >= planned_start)
) STRICT;

CREATE INDEX milestone_release ON milestone (release_id);
CREATE INDEX release_rfc_rfc ON release_rfc (rfc_id);
CREATE INDEX release_ci_ci ON release_ci (ci_id);

-- The audit log: one row per change, chained by SHA-256 (hash covers the row and prev_hash).
CREATE TABLE audit (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    before     TEXT,
    after      TEXT,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
) STRICT;

CREATE INDEX audit_entity ON audit (entity, entity_key);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be changed');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be deleted');
END;
