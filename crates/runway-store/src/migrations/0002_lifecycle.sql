-- Schema 2: the release lifecycle (D2, D3): every move, decision and piece of evidence as an
-- append-only event per release, and the stack of edits that can be undone and redone (D10).
-- The plan's policy lives in meta under the key 'policy' (JSON; absent means the defaults).

CREATE TABLE event (
    id         INTEGER PRIMARY KEY,
    release_id INTEGER NOT NULL REFERENCES release (id),
    at         TEXT NOT NULL,
    by         TEXT NOT NULL,
    role       TEXT,
    type       TEXT NOT NULL,
    data       TEXT NOT NULL CHECK (json_valid(data)),
    reason     TEXT NOT NULL DEFAULT '',
    conditions TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX event_release ON event (release_id, id);

CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
    SELECT RAISE(ABORT, 'decisions and evidence are never changed: record a revocation instead');
END;

CREATE TRIGGER event_no_delete BEFORE DELETE ON event
BEGIN
    SELECT RAISE(ABORT, 'decisions and evidence are never deleted: record a revocation instead');
END;

-- Ordinary edits, newest last: `undone` ones form the redo stack. A new edit drops the redo stack.
CREATE TABLE undo (
    id        INTEGER PRIMARY KEY,
    audit_seq INTEGER NOT NULL UNIQUE REFERENCES audit (seq),
    undone    INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
) STRICT;

CREATE INDEX undo_state ON undo (undone, id);
