-- When the deployed commit was made, when the sender says: the start of lead time for changes.
ALTER TABLE deployment ADD COLUMN commit_time timestamptz;
