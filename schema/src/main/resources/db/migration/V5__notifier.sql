-- Builds waiting for the notifier's decision: queued in the transaction that stores a build's
-- analysis (new or changed), taken off once the decision is recorded, so a crash or a GitHub
-- outage only delays a decision.
CREATE TABLE notify_queue (
  build_id  INTEGER   PRIMARY KEY REFERENCES builds (id) ON DELETE CASCADE,
  queued_at TIMESTAMP NOT NULL
);

-- The failures a decision blamed on the PR (comma-separated ids): the comment shows those.
ALTER TABLE notifications ADD COLUMN failure_ids TEXT;
