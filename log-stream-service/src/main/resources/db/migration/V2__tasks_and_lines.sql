-- Log tasks: one per tailed file (a pipeline step's attempt, an install task), each with one gap-free line
-- sequence 1, 2, 3 … across rotations, and the checkpoint of its reading, written in the transaction that
-- records its lines: a restart resumes exactly there.
CREATE TABLE log_task (
    id               text PRIMARY KEY, -- e.g. <run id>/<step>/<attempt>
    path             text        NOT NULL,
    lines            bigint      NOT NULL DEFAULT 0, -- the last line's number
    -- the file being read (FileIdentity), none while the path has no file, and the byte position reached
    file_device      bigint,
    file_inode       bigint,
    file_head_length bigint,
    file_head_hash   text,
    position         bigint      NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);

CREATE TABLE log_line (
    task_id text        NOT NULL REFERENCES log_task (id),
    line    bigint      NOT NULL,
    time    timestamptz NOT NULL,
    text    text        NOT NULL,
    PRIMARY KEY (task_id, line)
);

-- The outbox (vigil-outbox): io.vigil.log.lines and io.vigil.log.status, numbered per task without gaps.
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
