-- What the pages read, through indexes that stop after a page rather than whole tables.

-- A cluster's page lists the triage rules that name it as their target (merged or split into it)
-- as well as its own.
CREATE INDEX triage_rules_target ON triage_rules (target_id, created_at);

-- A failure carries its build's finish time, so a cluster's failures can be walked newest first,
-- or over a window of days, through one index, whatever the cluster's size: its newest page, its
-- chart, its spread over builders; holding the build, the index answers those alone (a failure's
-- row, with its excerpt, is read only for the page shown). The build's time is the source; the
-- trigger keeps the copy.
ALTER TABLE failures ADD COLUMN finished_at TIMESTAMP;
UPDATE failures SET finished_at = (SELECT b.finished_at FROM builds b WHERE b.id = failures.build_id);
CREATE INDEX failures_cluster_time ON failures (cluster_id, finished_at, build_id);

CREATE TRIGGER failures_follow_build_time AFTER UPDATE OF finished_at ON builds
  WHEN NEW.finished_at IS NOT OLD.finished_at
BEGIN
  UPDATE failures SET finished_at = NEW.finished_at WHERE build_id = NEW.id;
END;
