-- Definitions are versioned: an edit adds a version, and a run pins the version it started with, so a
-- pipeline's current definition lives in its latest version. A deleted pipeline keeps its versions (runs
-- refer to them) and frees its name.
ALTER TABLE pipeline DROP COLUMN definition;
ALTER TABLE pipeline DROP CONSTRAINT pipeline_name_key;
ALTER TABLE pipeline ADD COLUMN current_version integer NOT NULL DEFAULT 1;
ALTER TABLE pipeline ADD COLUMN deleted_at timestamptz;
CREATE UNIQUE INDEX pipeline_live_name_idx ON pipeline (name) WHERE deleted_at IS NULL;

CREATE TABLE pipeline_version (
    pipeline_id uuid        NOT NULL REFERENCES pipeline (id),
    version     integer     NOT NULL,
    definition  text        NOT NULL, -- canonical JSON
    source      text        NOT NULL, -- as the author wrote it, YAML or JSON
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (pipeline_id, version)
);
