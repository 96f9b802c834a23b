-- Nightwatch core tables (SQLite dialect; PostgreSQL gets its own V1 when it lands).
-- Conventions: snake_case; enums stored by name; times as TIMESTAMP (epoch millis in SQLite);
-- every child row of a build is deleted with it, so a build can be replaced whole.

-- A Buildbot master, a mailbox, or log files on disk.
CREATE TABLE sources (
  id          INTEGER PRIMARY KEY,
  name        TEXT      NOT NULL UNIQUE,
  kind        TEXT      NOT NULL,
  url         TEXT,
  created_at  TIMESTAMP NOT NULL
);

CREATE TABLE builders (
  id          INTEGER PRIMARY KEY,
  source_id   INTEGER NOT NULL REFERENCES sources (id),
  name        TEXT    NOT NULL,
  external_id INTEGER,            -- Buildbot's builderid
  description TEXT,
  UNIQUE (source_id, name)
);

CREATE TABLE workers (
  id          INTEGER PRIMARY KEY,
  source_id   INTEGER NOT NULL REFERENCES sources (id),
  name        TEXT    NOT NULL,
  external_id INTEGER,            -- Buildbot's workerid
  UNIQUE (source_id, name)
);

CREATE TABLE builds (
  id           INTEGER PRIMARY KEY,
  builder_id   INTEGER   NOT NULL REFERENCES builders (id),
  number       INTEGER   NOT NULL,
  external_id  INTEGER,           -- Buildbot's buildid
  revision     TEXT,
  branch       TEXT,
  repository   TEXT,
  result       TEXT      NOT NULL,
  state_string TEXT,
  reason       TEXT,
  started_at   TIMESTAMP,
  finished_at  TIMESTAMP NOT NULL, -- only finished builds are stored
  url          TEXT,
  worker_id    INTEGER REFERENCES workers (id),
  origin       TEXT      NOT NULL, -- the SourceKind that first stored it
  ingested_at  TIMESTAMP NOT NULL,
  UNIQUE (builder_id, number)
);
CREATE INDEX builds_finished_at ON builds (finished_at, id);
CREATE INDEX builds_builder_finished_at ON builds (builder_id, finished_at, id);
CREATE INDEX builds_revision ON builds (revision);
CREATE INDEX builds_url ON builds (url);
CREATE INDEX builds_worker ON builds (worker_id);

-- The commits a build contains (its blamelist), in Buildbot's order.
CREATE TABLE build_changes (
  build_id     INTEGER NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
  ordinal      INTEGER NOT NULL,
  revision     TEXT    NOT NULL,
  author       TEXT,
  message      TEXT,
  repository   TEXT,
  branch       TEXT,
  committed_at TIMESTAMP,
  PRIMARY KEY (build_id, ordinal)
);
CREATE INDEX build_changes_revision ON build_changes (revision);

CREATE TABLE steps (
  id           INTEGER PRIMARY KEY,
  build_id     INTEGER NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
  number       INTEGER NOT NULL,
  name         TEXT    NOT NULL,
  result       TEXT    NOT NULL,
  state_string TEXT,
  started_at   TIMESTAMP,
  finished_at  TIMESTAMP,
  UNIQUE (build_id, number)
);

-- A log's raw bytes live in log_chunks, each chunk deflate-compressed and cut at a line end,
-- so a page of lines can be read without inflating the whole log.
CREATE TABLE logs (
  id          INTEGER PRIMARY KEY,
  step_id     INTEGER NOT NULL REFERENCES steps (id) ON DELETE CASCADE,
  name        TEXT    NOT NULL,
  raw_size    INTEGER NOT NULL,
  stored_size INTEGER NOT NULL,
  line_count  INTEGER NOT NULL,
  sha256      TEXT    NOT NULL,
  valid_utf8  BOOLEAN NOT NULL,
  compression TEXT    NOT NULL,
  UNIQUE (step_id, name)
);

CREATE TABLE log_chunks (
  log_id     INTEGER NOT NULL REFERENCES logs (id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  first_line INTEGER NOT NULL,   -- 1-based number of the chunk's first line
  line_count INTEGER NOT NULL,
  raw_offset INTEGER NOT NULL,
  raw_size   INTEGER NOT NULL,
  data       BLOB    NOT NULL,
  PRIMARY KEY (log_id, seq)
);

CREATE TABLE clusters (
  id          INTEGER PRIMARY KEY,
  fingerprint TEXT      NOT NULL UNIQUE, -- the fingerprint that founded it
  kind        TEXT      NOT NULL,
  title       TEXT      NOT NULL,
  status      TEXT      NOT NULL,
  issue_url   TEXT,
  first_seen  TIMESTAMP NOT NULL,
  last_seen   TIMESTAMP NOT NULL,
  occurrences INTEGER   NOT NULL DEFAULT 0,
  merged_into INTEGER REFERENCES clusters (id),
  created_at  TIMESTAMP NOT NULL
);
CREATE INDEX clusters_last_seen ON clusters (last_seen);

CREATE TABLE failures (
  id                    INTEGER PRIMARY KEY,
  build_id              INTEGER   NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
  log_id                INTEGER REFERENCES logs (id) ON DELETE SET NULL,
  ordinal               INTEGER   NOT NULL, -- position among the build's failures
  kind                  TEXT      NOT NULL,
  test_name             TEXT,     -- most specific: test_os.TestX.test_y
  test_file             TEXT,     -- the regrtest test file: test_os
  key_line              TEXT,
  line_number           INTEGER,
  excerpt               TEXT,
  rule                  TEXT      NOT NULL,
  fingerprint           TEXT,
  flaky                 BOOLEAN   NOT NULL DEFAULT FALSE, -- its test passed when re-run
  normalized_text       TEXT,
  normalization_version INTEGER,
  cluster_id            INTEGER REFERENCES clusters (id),
  cluster_score         REAL,     -- why it joined its cluster
  cluster_method        TEXT,
  created_at            TIMESTAMP NOT NULL,
  UNIQUE (build_id, ordinal)
);
CREATE INDEX failures_cluster ON failures (cluster_id);
CREATE INDEX failures_fingerprint ON failures (fingerprint);
CREATE INDEX failures_test ON failures (test_file, test_name);

-- What the analyzer concluded about each build, and from which log line.
CREATE TABLE build_verdicts (
  build_id         INTEGER   PRIMARY KEY REFERENCES builds (id) ON DELETE CASCADE,
  status           TEXT      NOT NULL, -- SUCCESS, FLAKY, FAILURE, UNKNOWN
  kind             TEXT,               -- the FailureKind that explains a FAILURE
  reason           TEXT      NOT NULL,
  key_line         TEXT,
  line_number      INTEGER,
  log_id           INTEGER REFERENCES logs (id) ON DELETE SET NULL,
  analyzer_version INTEGER   NOT NULL,
  analyzed_at      TIMESTAMP NOT NULL
);
CREATE INDEX build_verdicts_status ON build_verdicts (status, kind);
CREATE INDEX failures_created_at ON failures (created_at);

-- One row per test per build: the test's final verdict in that build.
CREATE TABLE test_outcomes (
  build_id    INTEGER NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
  test_name   TEXT    NOT NULL,
  status      TEXT    NOT NULL,
  duration_ms INTEGER,
  PRIMARY KEY (build_id, test_name)
);
CREATE INDEX test_outcomes_test ON test_outcomes (test_name, status);

-- Every notifier decision, with its reason.
CREATE TABLE notifications (
  id           INTEGER PRIMARY KEY,
  build_id     INTEGER   NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
  repository   TEXT,
  pr_number    INTEGER,
  decision     TEXT      NOT NULL,
  reason       TEXT      NOT NULL,
  comment_body TEXT,
  comment_url  TEXT,
  created_at   TIMESTAMP NOT NULL
);
CREATE INDEX notifications_build ON notifications (build_id);
CREATE INDEX notifications_pr ON notifications (repository, pr_number);

-- The one comment per pull request, edited in place as more builders fail.
CREATE TABLE pr_comments (
  repository TEXT      NOT NULL,
  pr_number  INTEGER   NOT NULL,
  comment_id INTEGER,
  url        TEXT,
  body       TEXT      NOT NULL,
  dry_run    BOOLEAN   NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (repository, pr_number)
);

CREATE TABLE ingest_cursors (
  source_id  INTEGER   NOT NULL REFERENCES sources (id),
  name       TEXT      NOT NULL,
  value      TEXT      NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (source_id, name)
);

-- Every mail received, kept compressed with its parse status, whether or not it parsed.
CREATE TABLE raw_mail (
  id          INTEGER PRIMARY KEY,
  message_id  TEXT,
  sha256      TEXT      NOT NULL UNIQUE,
  origin      TEXT      NOT NULL,
  subject     TEXT,
  received_at TIMESTAMP,
  content     BLOB      NOT NULL,
  status      TEXT      NOT NULL,
  error       TEXT,
  build_id    INTEGER REFERENCES builds (id) ON DELETE SET NULL,
  ingested_at TIMESTAMP NOT NULL
);
CREATE INDEX raw_mail_message_id ON raw_mail (message_id);
CREATE INDEX raw_mail_status ON raw_mail (status);
