-- Runs of a pipeline version, and their steps. A run's status follows its steps.
CREATE TABLE run (
    id            uuid PRIMARY KEY,
    pipeline_id   uuid        NOT NULL REFERENCES pipeline (id),
    pipeline_name text        NOT NULL,
    version       integer     NOT NULL,
    params        text        NOT NULL, -- JSON object, name -> value
    status        text        NOT NULL,
    paused        boolean     NOT NULL DEFAULT false,
    cancelled     boolean     NOT NULL DEFAULT false, -- asked to stop: nothing more starts, processes are killed
    created_at    timestamptz NOT NULL,
    started_at    timestamptz,
    finished_at   timestamptz,
    FOREIGN KEY (pipeline_id, version) REFERENCES pipeline_version (pipeline_id, version)
);
CREATE INDEX run_created_idx ON run (created_at DESC, id DESC);
-- the scheduler's work: runs not yet ended
CREATE INDEX run_open_idx ON run (created_at) WHERE status IN ('pending', 'running');

CREATE TABLE run_step (
    run_id      uuid        NOT NULL REFERENCES run (id),
    name        text        NOT NULL,
    position    integer     NOT NULL,
    status      text        NOT NULL,
    attempt     integer     NOT NULL DEFAULT 0,
    exit_code   integer,
    reason      text,
    started_at  timestamptz,
    finished_at timestamptz,
    retry_at    timestamptz, -- a failed step waiting out its backoff before the next attempt
    owner       text,        -- the instance whose process runs it
    PRIMARY KEY (run_id, name)
);

-- Instances running steps, and when each was last alive: a step whose owner stopped beating was lost
-- with it (kill -9, a dead node) and is marked interrupted.
CREATE TABLE instance (
    id      text PRIMARY KEY,
    seen_at timestamptz NOT NULL
);

-- The outbox (vigil-outbox): run events, numbered per run without gaps; kept, they are the runs' history.
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
CREATE UNIQUE INDEX outbox_event_history_idx ON outbox_event (subject, seq);
