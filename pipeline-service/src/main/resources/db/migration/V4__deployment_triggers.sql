-- Runs started by deployment events: one per pipeline, deployment and status (one per deployment when the
-- trigger names no status), however often the event is delivered.
CREATE TABLE trigger_run (
    pipeline_id   uuid NOT NULL REFERENCES pipeline (id),
    deployment_id text NOT NULL,
    status        text NOT NULL, -- the status the trigger named, or '*' for any
    run_id        uuid NOT NULL REFERENCES run (id),
    PRIMARY KEY (pipeline_id, deployment_id, status)
);
ALTER TABLE run ADD COLUMN triggered_by text; -- 'deployment <id> of <project>, <status>', or null when started by hand
