-- Tasks know their state: what kind of task, how far it got (parsed from its lines), how it ended, how many
-- secrets were masked in it. Completion is reported (ended_*) by the process or the step-end event, and
-- the task is marked finished only after its log was read to the end.
ALTER TABLE log_task
    ADD COLUMN kind         text    NOT NULL DEFAULT 'file', -- step | install | file
    ADD COLUMN source       text    NOT NULL DEFAULT 'steps', -- the configured source its lines are parsed by
    ADD COLUMN template     text,
    ADD COLUMN params       text,   -- JSON of the template's parameters that are not secret
    ADD COLUMN status       text    NOT NULL DEFAULT 'running',
    ADD COLUMN progress     integer,
    ADD COLUMN step         integer,
    ADD COLUMN steps        integer,
    ADD COLUMN step_text    text,
    ADD COLUMN exit_code    integer,
    ADD COLUMN error        text,
    ADD COLUMN masked       bigint  NOT NULL DEFAULT 0, -- secrets masked in its lines so far
    ADD COLUMN mask_state   text,   -- the masker's state between lines (inside a private key block)
    ADD COLUMN bytes        bigint  NOT NULL DEFAULT 0, -- length of its download: every line and its newline
    ADD COLUMN ended_status text,   -- how the process or step ended, before its log was drained
    ADD COLUMN ended_at     timestamptz,
    ADD COLUMN started_at   timestamptz,
    ADD COLUMN finished_at  timestamptz;
UPDATE log_task SET kind = 'step', started_at = created_at;
CREATE INDEX log_task_ended_idx ON log_task (ended_at) WHERE ended_at IS NOT NULL AND finished_at IS NULL;
CREATE INDEX log_task_updated_idx ON log_task (updated_at);

-- Each line as parsed (the text is stored masked), and where it ends in the task's download, for Range.
ALTER TABLE log_line
    ADD COLUMN level    text,
    ADD COLUMN progress smallint,
    ADD COLUMN step     integer,
    ADD COLUMN steps    integer,
    ADD COLUMN byte_end bigint NOT NULL DEFAULT 0;
UPDATE log_line l SET byte_end = s.byte_end
FROM (SELECT task_id, line, sum(octet_length(text) + 1) OVER (PARTITION BY task_id ORDER BY line) AS byte_end
      FROM log_line) s
WHERE l.task_id = s.task_id AND l.line = s.line;
UPDATE log_task t SET bytes = coalesce((SELECT max(byte_end) FROM log_line l WHERE l.task_id = t.id), 0);

-- Values to mask in the lines of a task, or of every step of a pipeline run (scope = the task or run id).
CREATE TABLE registered_secret (
    scope      text        NOT NULL,
    value      text        NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (scope, value)
);
