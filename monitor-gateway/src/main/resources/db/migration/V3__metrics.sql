-- The gateway's metric aggregates, so a restart does not zero them: one row per project ('project') and per
-- pipeline ('pipeline'), its counts, recent durations and recently reported deployments or runs as JSON.
CREATE TABLE metrics_aggregate (
    scope    text        NOT NULL CHECK (scope IN ('project', 'pipeline')),
    name     text        NOT NULL,
    state    jsonb       NOT NULL,
    saved_at timestamptz NOT NULL,
    PRIMARY KEY (scope, name)
);

-- The seq of the published io.vigil.metrics.snapshot events (subject 'metrics'), continued across restarts.
CREATE SEQUENCE metrics_snapshot_seq;
