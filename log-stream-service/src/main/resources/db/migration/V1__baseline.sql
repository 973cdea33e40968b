-- Log sources: files (or directories of them) under the configured log root that may be tailed.
CREATE TABLE log_source (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL UNIQUE,
    path       text        NOT NULL,
    created_at timestamptz NOT NULL
);
