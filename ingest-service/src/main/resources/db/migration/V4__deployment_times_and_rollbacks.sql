-- When a deployment started and finished, and which earlier deployment it rolled back.
ALTER TABLE deployment ADD COLUMN started_at timestamptz;
ALTER TABLE deployment ADD COLUMN finished_at timestamptz;
ALTER TABLE deployment ADD COLUMN rollback_of uuid REFERENCES deployment (id);
ALTER TABLE deployment ADD COLUMN rollback_reason text;

UPDATE deployment SET started_at = reported_at;
UPDATE deployment SET finished_at = updated_at WHERE status IN ('SUCCESS', 'FAILED', 'CANCELLED', 'SKIPPED');
ALTER TABLE deployment ALTER COLUMN started_at SET NOT NULL;
