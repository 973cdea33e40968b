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
