-- Schema 7: stakeholders (D8). Distribution lists with a purpose, their members in order (a
-- person, or another list: never itself, directly or through others, which the core checks) and
-- what each list follows (a release, or an application's every release).

CREATE TABLE distribution_list (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) BETWEEN 1 AND 80),
    purpose TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE list_member (
    list_id        INTEGER NOT NULL REFERENCES distribution_list (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    person_id      INTEGER REFERENCES person (id),
    member_list_id INTEGER REFERENCES distribution_list (id),
    CHECK ((person_id IS NULL) <> (member_list_id IS NULL)),
    PRIMARY KEY (list_id, position)
) STRICT;
CREATE INDEX list_member_list ON list_member (member_list_id) WHERE member_list_id IS NOT NULL;

CREATE TABLE list_follow (
    list_id        INTEGER NOT NULL REFERENCES distribution_list (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    release_id     INTEGER REFERENCES release (id) ON DELETE CASCADE,
    application_id INTEGER REFERENCES application (id),
    CHECK ((release_id IS NULL) <> (application_id IS NULL)),
    PRIMARY KEY (list_id, position)
) STRICT;
