-- Pipeline definitions: a named DAG of steps, kept as the JSON it was defined with.
CREATE TABLE pipeline (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL UNIQUE,
    definition text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
