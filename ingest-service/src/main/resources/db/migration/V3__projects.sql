-- Projects, created on first sight of a deployment and kept current by every report.
CREATE TABLE project (
    name               text PRIMARY KEY,
    repository         text,
    type               text,
    deploy_path        text,
    test_url           text,
    last_status        text        NOT NULL,
    last_deployment_id uuid        NOT NULL,
    last_deployed_at   timestamptz NOT NULL,
    created_at         timestamptz NOT NULL
);

INSERT INTO project (name, repository, type, deploy_path, test_url, last_status, last_deployment_id, last_deployed_at, created_at)
SELECT DISTINCT ON (project) project, repository, deploy_type, deploy_path, test_url, status, id, received_at, received_at
FROM deployment ORDER BY project, received_at DESC;

CREATE INDEX deployment_received_idx ON deployment (received_at DESC, id DESC);
