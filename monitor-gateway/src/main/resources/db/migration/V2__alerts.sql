-- Alerts: rules live in configuration (vigil.alerts.rules.*), so the unused rule table goes; each firing is a row
-- whose id derives from its fingerprint, and resolved rows stay as the alert history.
DROP TABLE alert;
DROP TABLE alert_rule;

CREATE TABLE alert (
    id          text PRIMARY KEY,          -- <fingerprint>-<n>: the n-th firing of that fingerprint
    rule        text        NOT NULL,
    fingerprint text        NOT NULL,      -- rule + identifying labels, hashed
    severity    text        NOT NULL,
    summary     text        NOT NULL,
    labels      jsonb       NOT NULL DEFAULT '{}',
    silenced    boolean     NOT NULL DEFAULT false,
    fired_at    timestamptz NOT NULL,
    resolved_at timestamptz,
    resolved_by text
);
-- At most one open alert per fingerprint, whatever the number of replicas firing it.
CREATE UNIQUE INDEX alert_open_fingerprint_idx ON alert (fingerprint) WHERE resolved_at IS NULL;
CREATE INDEX alert_fired_at_idx ON alert (fired_at DESC, id DESC);

-- Silences: label matchers with an expiry, or scoped to a deployment or a run (active while it runs).
CREATE TABLE silence (
    id          uuid PRIMARY KEY,
    matchers    jsonb       NOT NULL,
    scope_kind  text,                      -- deployment | run | null
    scope_id    text,
    active_from timestamptz,               -- null: a scoped silence whose deployment or run has not started
    ends_at     timestamptz,               -- null: a scoped silence whose deployment or run has not ended
    comment     text,
    created_by  text,
    created_at  timestamptz NOT NULL,
    CHECK ((scope_kind IS NULL) = (scope_id IS NULL))
);
CREATE INDEX silence_scope_idx ON silence (scope_kind, scope_id) WHERE scope_kind IS NOT NULL;

-- The transactional outbox (module vigil-outbox): alert.fired / alert.resolved written with their row.
CREATE TABLE event_sequence (
    subject  text PRIMARY KEY,
    last_seq bigint NOT NULL
);

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
