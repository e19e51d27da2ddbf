-- Schema 8: notifications (D8). The outbox's messages, each with its state, what it says, who it
-- goes to and the invitation it carries, as it will go out; the message templates a user changed
-- (the others are the built-in ones); and, per invitation UID, the last SEQUENCE given, so every
-- reschedule raises it (the UID is the calendar export's, `deploy-REL-1@<plan_uid>`).

CREATE TABLE message (
    id            INTEGER PRIMARY KEY,
    trigger       TEXT NOT NULL,
    release_key   TEXT,
    activity      TEXT NOT NULL,
    state         TEXT NOT NULL
                  CHECK (state IN ('pending', 'approved', 'sending', 'sent', 'failed', 'discarded', 'check')),
    subject       TEXT NOT NULL,
    body          TEXT NOT NULL,
    recipients    TEXT NOT NULL,          -- JSON: [{email, name, code, role, why}]
    sender        TEXT NOT NULL,          -- JSON: {email, name}
    invite        TEXT,                   -- JSON: {uid, sequence, method, ics}
    message_id    TEXT NOT NULL UNIQUE,
    facts         TEXT NOT NULL,          -- JSON: [[placeholder, value]]
    topic         TEXT,                   -- what a newer message on the same topic replaces
    made_at       TEXT NOT NULL,
    made_by       TEXT NOT NULL,
    edited        INTEGER NOT NULL DEFAULT 0 CHECK (edited IN (0, 1)),
    approved_at   TEXT,
    approved_by   TEXT,
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_attempt  TEXT,
    error         TEXT,
    sent_at       TEXT,
    reply         TEXT
) STRICT;
CREATE INDEX message_state ON message (state);
CREATE INDEX message_topic ON message (topic) WHERE state = 'pending';

CREATE TABLE message_template (
    trigger      TEXT PRIMARY KEY,
    subject      TEXT NOT NULL,
    body         TEXT NOT NULL,
    auto_approve INTEGER NOT NULL DEFAULT 0 CHECK (auto_approve IN (0, 1))
) STRICT;

CREATE TABLE invite_sequence (
    uid      TEXT PRIMARY KEY,
    sequence INTEGER NOT NULL
) STRICT;
