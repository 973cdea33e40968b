-- Where a running step's process is: after a crash, the instance that finds the step lost stops the process
-- tree it left behind when it is on the same host.
ALTER TABLE run_step ADD COLUMN pid bigint;
ALTER TABLE run_step ADD COLUMN host text;
