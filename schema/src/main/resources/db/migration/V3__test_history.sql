-- Test history for flakiness: tests by id, outcomes keyed by it, each build's test load (and
-- whether it was an incident), per-day aggregates kept on ingest, and each test's recent history
-- per builder with its current segment.

CREATE TABLE tests (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE  -- the regrtest test file: test_os
);

-- One row per test per build, its final outcome there (about 20 bytes a row).
CREATE TABLE test_runs (
  build_id    INTEGER NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
  test_id     INTEGER NOT NULL REFERENCES tests (id),
  status      TEXT    NOT NULL,
  duration_ms INTEGER,
  PRIMARY KEY (build_id, test_id)
) WITHOUT ROWID;

INSERT INTO tests (name) SELECT DISTINCT test_name FROM test_outcomes ORDER BY test_name;
INSERT INTO test_runs (build_id, test_id, status, duration_ms)
  SELECT o.build_id, t.id, o.status, o.duration_ms
    FROM test_outcomes o JOIN tests t ON t.name = o.test_name;
DROP TABLE test_outcomes;

-- How many tests a build ran and failed, and whether that makes it an incident (MASS_FAILURE,
-- WORKER) whose failures say nothing about the tests.
CREATE TABLE build_loads (
  build_id           INTEGER   PRIMARY KEY REFERENCES builds (id) ON DELETE CASCADE,
  worker_id          INTEGER   REFERENCES workers (id),
  finished_at        TIMESTAMP NOT NULL,
  tests_run          INTEGER   NOT NULL,
  tests_failed       INTEGER   NOT NULL,
  tests_newly_failed INTEGER   NOT NULL,
  incident           TEXT      NOT NULL
);
CREATE INDEX build_loads_worker ON build_loads (worker_id, finished_at);
CREATE INDEX build_loads_incidents ON build_loads (finished_at) WHERE incident <> 'NONE';

-- Per test per day, at three levels kept together: builder rows (builder, branch, worker), branch
-- rows (builder_id 0, worker_id 0) and fleet rows (builder_id 0, branch '*', worker_id 0). A
-- build's branch is '' when unknown. Maintained on ingest, so reports never read test_runs.
CREATE TABLE test_days (
  builder_id     INTEGER NOT NULL,
  branch         TEXT    NOT NULL,
  day            INTEGER NOT NULL, -- days since 1970-01-01, UTC
  test_id        INTEGER NOT NULL,
  worker_id      INTEGER NOT NULL,
  runs           INTEGER NOT NULL, -- outcomes outside incidents
  failures       INTEGER NOT NULL, -- failed in the end
  flaky          INTEGER NOT NULL, -- failed, then passed on re-run
  incidents      INTEGER NOT NULL, -- outcomes in incident builds, counted apart
  red            INTEGER NOT NULL, -- failed builds in which this test failed in the end
  first_flaky_at TIMESTAMP,
  last_flaky_at  TIMESTAMP,
  PRIMARY KEY (builder_id, branch, day, test_id, worker_id)
) WITHOUT ROWID;
-- Where a test failed or was flaky, by builder and worker: sparse, for "most affected".
CREATE INDEX test_days_affected ON test_days (test_id, day, builder_id, worker_id, failures, flaky)
  WHERE builder_id > 0 AND failures + flaky > 0;

-- The same sums per week (weeks since the Monday 1969-12-29: (day + 3) / 7), kept alongside so a
-- long window reads whole weeks and only its edges day by day.
CREATE TABLE test_weeks (
  builder_id     INTEGER NOT NULL,
  branch         TEXT    NOT NULL,
  week           INTEGER NOT NULL,
  test_id        INTEGER NOT NULL,
  worker_id      INTEGER NOT NULL,
  runs           INTEGER NOT NULL,
  failures       INTEGER NOT NULL,
  flaky          INTEGER NOT NULL,
  incidents      INTEGER NOT NULL,
  red            INTEGER NOT NULL,
  first_flaky_at TIMESTAMP,
  last_flaky_at  TIMESTAMP,
  PRIMARY KEY (builder_id, branch, week, test_id, worker_id)
) WITHOUT ROWID;
CREATE INDEX test_weeks_affected ON test_weeks (test_id, week, builder_id, worker_id, failures, flaky)
  WHERE builder_id > 0 AND failures + flaky > 0;
-- The branch and fleet week rows in test order: a report's sums stream from it, and a
-- sparkline's weeks are read from it.
CREATE INDEX test_weeks_fleet ON test_weeks (test_id, branch, week, runs, failures, flaky,
  incidents, red, first_flaky_at, last_flaky_at) WHERE builder_id = 0;

-- A test's last runs on one builder and branch (HistoryCodec), and its current segment.
CREATE TABLE test_series (
  test_id               INTEGER   NOT NULL REFERENCES tests (id),
  builder_id            INTEGER   NOT NULL REFERENCES builders (id),
  branch                TEXT      NOT NULL,
  history               BLOB      NOT NULL,
  state                 TEXT      NOT NULL, -- SegmentState
  segment_build_id      INTEGER,
  segment_build_number  INTEGER,
  segment_started_at    TIMESTAMP,
  segment_runs          INTEGER   NOT NULL,
  segment_unexpected    INTEGER   NOT NULL,
  flip_rate             REAL      NOT NULL,
  last_run_at           TIMESTAMP NOT NULL,
  PRIMARY KEY (test_id, builder_id, branch)
) WITHOUT ROWID;
-- The states of a test's series without reading their histories.
CREATE INDEX test_series_state ON test_series (test_id, builder_id, branch, state);

-- A test's latest failures, for the clusters the report links it to.
CREATE INDEX failures_test_file ON failures (test_file, id);
