-- Schema 9: several release managers, one portfolio (issue 20). Every object a merge can name has
-- a stable, globally unique id (`object`: its uid next to its entity and natural key), and every
-- write appends to the change journal (`op`): one operation per changed field, link or existence,
-- with its object's uid, its author, a hybrid logical clock, the value it replaced and the
-- operations on the same field its author had seen (`parents`). The journal is insert-only; an
-- operation is marked `superseded` once a later one names it as a parent, so the heads of a
-- field (more than one: a conflict) are found by an index. The plan's replica id, portfolio id
-- and clock live in `meta`.

CREATE TABLE object (
    uid    TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    key    TEXT NOT NULL,
    UNIQUE (entity, key)
) STRICT;

CREATE TABLE op (
    seq        INTEGER PRIMARY KEY,         -- the order this plan received it in
    id         TEXT NOT NULL UNIQUE,        -- '<replica>:<counter>', or 'base:<hash>' for a state before the journal
    replica    TEXT NOT NULL,
    counter    INTEGER NOT NULL,
    hlc        TEXT NOT NULL,               -- sortable: '<ms since 1970, 15 digits>.<logical, 5 digits>'
    author     TEXT NOT NULL,
    object     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    field      TEXT NOT NULL,               -- '@' is the object's existence
    value      TEXT,                        -- JSON; NULL: removed
    prev       TEXT,                        -- JSON of the value it replaced, as its author saw it
    parents    TEXT NOT NULL,               -- JSON array of op ids
    audit_seq  INTEGER,                     -- the audit entry of the local write that made it
    superseded INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1))
) STRICT;

CREATE INDEX op_heads ON op (object, field) WHERE superseded = 0;
CREATE INDEX op_object ON op (object);
CREATE INDEX op_replica ON op (replica, counter);
-- The keys releases claim (made with one, or renamed), and the releases a dependency joins: a
-- merge finds the releases that claim a key, and the dependencies of a release, by index.
CREATE INDEX op_made_key ON op (json_extract(value, '$.key')) WHERE entity = 'release' AND field = '@';
CREATE INDEX op_renamed ON op (value) WHERE entity = 'release' AND field = 'key';
CREATE INDEX op_dep_from ON op (json_extract(value, '$.from.release')) WHERE entity = 'dependency' AND field = '@';
CREATE INDEX op_dep_to ON op (json_extract(value, '$.to.release')) WHERE entity = 'dependency' AND field = '@';

CREATE TRIGGER op_no_delete BEFORE DELETE ON op
BEGIN
    SELECT RAISE(ABORT, 'the change journal is insert-only');
END;

CREATE TRIGGER op_no_update BEFORE UPDATE OF id, replica, counter, hlc, author, object, entity, field, value, prev, parents ON op
BEGIN
    SELECT RAISE(ABORT, 'the change journal is insert-only');
END;
