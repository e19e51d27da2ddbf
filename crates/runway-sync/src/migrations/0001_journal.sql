-- Schema 1: the journal. One row per operation of one replica of one portfolio; `seq` is the
-- server's order, the high-water mark a replica pulls after.
CREATE TABLE runway_meta (
    one_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one_row),
    schema_version INTEGER NOT NULL
);
INSERT INTO runway_meta (schema_version) VALUES (0);

CREATE TABLE runway_op (
    seq BIGSERIAL PRIMARY KEY,
    portfolio TEXT NOT NULL,
    id TEXT NOT NULL,
    replica TEXT NOT NULL,
    counter BIGINT NOT NULL,
    body TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (portfolio, id)
);
CREATE INDEX runway_op_portfolio_seq ON runway_op (portfolio, seq);
