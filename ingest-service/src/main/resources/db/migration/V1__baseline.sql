-- Deployments as reported by webhooks, with their steps.
CREATE TABLE deployment (
    id            uuid PRIMARY KEY,
    project       text        NOT NULL,
    repository    text,
    branch        text,
    commit_hash   text,
    status        text        NOT NULL,
    triggered_by  text,
    trigger_type  text,
    deploy_type   text,
    deploy_path   text,
    test_url      text,
    message       text,
    reported_at   timestamptz NOT NULL,
    received_at   timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX deployment_project_idx ON deployment (project, received_at DESC);

CREATE TABLE deployment_step (
    id            uuid PRIMARY KEY,
    deployment_id uuid    NOT NULL REFERENCES deployment (id) ON DELETE CASCADE,
    name          text    NOT NULL,
    step_type     text    NOT NULL,
    status        text    NOT NULL,
    position      integer NOT NULL,
    UNIQUE (deployment_id, name)
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
