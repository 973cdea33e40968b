-- Pipeline definitions: a named DAG of steps, kept as the JSON it was defined with.
CREATE TABLE pipeline (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL UNIQUE,
    definition text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Per-subject event sequence: 1, 2, 3 ... without gaps, taken in the change's transaction.
CREATE TABLE event_sequence (
    subject  text PRIMARY KEY,
    last_seq bigint NOT NULL
);

-- Transactional outbox: written with the change, sent after commit, swept when a send was not confirmed.
CREATE TABLE outbox_event (
    id         uuid PRIMARY KEY,
    type       text        NOT NULL,
    subject    text        NOT NULL,
    seq        bigint      NOT NULL,
    time       timestamptz NOT NULL,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL,
    sent_at    timestamptz
);
CREATE INDEX outbox_event_unsent_idx ON outbox_event (created_at) WHERE sent_at IS NULL;
