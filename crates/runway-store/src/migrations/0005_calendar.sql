-- Schema 5: the forward schedule of changes (D6). Environments get a capacity and say which of a
-- release's dates book them; change windows (freeze, blackout, maintenance, green zone) with
-- their scope and RFC 5545 recurrence; environment bookings made by hand. The plan's time zone
-- lives in meta under 'time_zone' (absent: the zone the plan was first opened in is written
-- there by the app), and 'plan_uid' names the plan in iCalendar UIDs.

ALTER TABLE environment ADD COLUMN capacity INTEGER NOT NULL DEFAULT 1 CHECK (capacity BETWEEN 1 AND 99);
ALTER TABLE environment ADD COLUMN booked_by TEXT CHECK (booked_by IN ('test', 'deployment', 'nothing'));

CREATE TABLE change_window (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    kind       TEXT NOT NULL CHECK (kind IN ('freeze', 'blackout', 'maintenance', 'green_zone')),
    reason     TEXT NOT NULL DEFAULT '',
    -- {"applications": [...], "environments": [...], "cis": [...]}; all empty: the whole portfolio.
    scope      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(scope)),
    -- Local times in the plan's time zone, ISO 8601 without offset; the end is exclusive.
    start_at   TEXT NOT NULL,
    end_at     TEXT NOT NULL,
    all_day    INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
    -- An RFC 5545 RRULE value (FREQ=WEEKLY;BYDAY=TU,TH), or NULL for a window that happens once.
    recurrence TEXT,
    -- EXDATE: the local starts of occurrences left out, as a JSON array.
    exceptions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(exceptions)),
    CHECK (end_at > start_at)
) STRICT;

CREATE TABLE booking (
    id             INTEGER PRIMARY KEY,
    environment_id INTEGER NOT NULL REFERENCES environment (id),
    start_at       TEXT NOT NULL,
    end_at         TEXT NOT NULL,
    purpose        TEXT NOT NULL CHECK (length(trim(purpose)) > 0),
    booked_by      TEXT NOT NULL DEFAULT '',
    release_id     INTEGER REFERENCES release (id) ON DELETE SET NULL,
    CHECK (end_at > start_at)
) STRICT;

CREATE INDEX booking_environment ON booking (environment_id, start_at);
CREATE INDEX booking_release ON booking (release_id);

INSERT OR IGNORE INTO meta (key, value) VALUES ('plan_uid', lower(hex(randomblob(16))));
