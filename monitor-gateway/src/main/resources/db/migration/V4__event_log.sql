-- Every event the gateway consumed, kept for vigil.event-log.retention: the event log's API and the legacy
-- /events alias read it. Replicas share the table; an event's id keeps it there once.
CREATE TABLE event_log (
    id            uuid PRIMARY KEY,
    type          text        NOT NULL,
    subject       text        NOT NULL,
    project       text,
    workflow_type text,
    workflow_id   text,
    time          timestamptz NOT NULL,
    seq           bigint      NOT NULL,
    data          jsonb       NOT NULL
);
CREATE INDEX event_log_time_idx ON event_log (time DESC, id DESC);
CREATE INDEX event_log_workflow_idx ON event_log (workflow_type, workflow_id, time DESC);
CREATE INDEX event_log_project_idx ON event_log (project, time DESC) WHERE project IS NOT NULL;

-- The latest known state of each deployment, run and task, derived from the same events: the workflow list
-- and the stats' counts read one row per workflow instead of scanning the log.
CREATE TABLE workflow (
    type        text        NOT NULL,
    id          text        NOT NULL,
    project     text,
    name        text,
    status      text        NOT NULL,
    started_at  timestamptz NOT NULL,
    finished_at timestamptz,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (type, id)
);
CREATE INDEX workflow_started_idx ON workflow (started_at DESC, type, id);
CREATE INDEX workflow_updated_idx ON workflow (updated_at);
