-- Webhook deliveries seen, by sender and delivery id: a redelivery gets the first answer and changes nothing.
CREATE TABLE webhook_delivery (
    id            text PRIMARY KEY,
    received_at   timestamptz NOT NULL,
    deployment_id uuid,
    project       text,
    status        text
);

-- A sender's own id for a deployment, and what live step reports tell about each step.
ALTER TABLE deployment ADD COLUMN sender_deployment_id text;
CREATE INDEX deployment_sender_id_idx ON deployment (project, sender_deployment_id) WHERE sender_deployment_id IS NOT NULL;
CREATE INDEX deployment_commit_idx ON deployment (project, commit_hash, received_at DESC);

ALTER TABLE deployment_step ADD COLUMN started_at timestamptz;
ALTER TABLE deployment_step ADD COLUMN finished_at timestamptz;
ALTER TABLE deployment_step ADD COLUMN error text;
ALTER TABLE deployment_step ADD COLUMN log_url text;
