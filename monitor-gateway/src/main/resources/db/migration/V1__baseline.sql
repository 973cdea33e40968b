-- Alert rules and the alerts they raised; the gateway owns both.
CREATE TABLE alert_rule (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL UNIQUE,
    definition text        NOT NULL,
    enabled    boolean     NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL
);

CREATE TABLE alert (
    id          uuid PRIMARY KEY,
    rule_id     uuid        NOT NULL REFERENCES alert_rule (id),
    fingerprint text        NOT NULL,
    severity    text        NOT NULL,
    summary     text        NOT NULL,
    fired_at    timestamptz NOT NULL,
    resolved_at timestamptz
);
CREATE INDEX alert_open_idx ON alert (fingerprint) WHERE resolved_at IS NULL;

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
