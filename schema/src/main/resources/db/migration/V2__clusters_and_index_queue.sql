-- Clusters, the index queue and triagers' rules (SQLite dialect).

-- Nothing wrote clusters before this version, so the table is made anew: a split cluster has no
-- founding fingerprint of its own, and fingerprints stop being unique once normalization changes.
DROP TABLE clusters;
CREATE TABLE clusters (
  id          INTEGER PRIMARY KEY,
  kind        TEXT      NOT NULL,
  title       TEXT      NOT NULL, -- the founding failure's key line
  fingerprint TEXT,               -- the founding failure's fingerprint
  status      TEXT      NOT NULL, -- NEW, KNOWN, FIXED
  issue_url   TEXT,
  first_seen  TIMESTAMP NOT NULL, -- finish time of the earliest member's build
  last_seen   TIMESTAMP NOT NULL,
  occurrences INTEGER   NOT NULL DEFAULT 0,
  merged_into INTEGER REFERENCES clusters (id),
  fixed_at    TIMESTAMP,
  created_at  TIMESTAMP NOT NULL,
  updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX clusters_last_seen ON clusters (last_seen);
CREATE INDEX clusters_merged_into ON clusters (merged_into);

-- Why a failure is in its cluster: cluster_method (fingerprint, bm25, new, pinned, merged,
-- split), cluster_score, the failure it was found like, and the clustering method's version.
ALTER TABLE failures ADD COLUMN cluster_match_id INTEGER;
ALTER TABLE failures ADD COLUMN cluster_version INTEGER;
CREATE INDEX failures_unclustered ON failures (cluster_id, id);

-- Failures whose index document, and cluster when they have none, are still to be brought up to
-- date. Written in the transaction that changes the failure; a row is deleted only once the
-- index has committed the change, so a crash anywhere leaves the work here, to be redone.
CREATE TABLE index_queue (
  seq        INTEGER   PRIMARY KEY,
  failure_id INTEGER   NOT NULL, -- no foreign key: a deleted failure's row means "remove it"
  queued_at  TIMESTAMP NOT NULL
);

-- Every triager action, kept: merges, splits, issue links, fixes.
CREATE TABLE triage_rules (
  id         INTEGER   PRIMARY KEY,
  action     TEXT      NOT NULL, -- MERGE, SPLIT, LINK_ISSUE, MARK_FIXED, REOPEN
  cluster_id INTEGER   NOT NULL REFERENCES clusters (id),
  target_id  INTEGER REFERENCES clusters (id), -- MERGE: where it went; SPLIT: the new cluster
  issue_url  TEXT,
  note       TEXT,
  actor      TEXT,
  created_at TIMESTAMP NOT NULL
);
CREATE INDEX triage_rules_cluster ON triage_rules (cluster_id, created_at);

-- A split's lasting part: failures with this signature go to the split cluster, now and later.
-- The signature is kept raw (kind, test file, key line) so its fingerprint can be recomputed
-- when normalization changes.
CREATE TABLE cluster_pins (
  fingerprint TEXT    PRIMARY KEY,
  cluster_id  INTEGER NOT NULL REFERENCES clusters (id),
  rule_id     INTEGER NOT NULL REFERENCES triage_rules (id),
  kind        TEXT    NOT NULL,
  test_file   TEXT,
  key_line    TEXT    NOT NULL
);
