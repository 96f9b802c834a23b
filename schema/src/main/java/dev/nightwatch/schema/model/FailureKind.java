package dev.nightwatch.schema.model;

/** What kind of failure a build had; see DESIGN.md's failure vocabulary. */
public enum FailureKind {
  /** gcc/clang/MSVC, linker or make errors. */
  COMPILE_ERROR,
  /** unittest/regrtest failures and errors, with tracebacks. */
  TEST_FAILURE,
  /** Segfault, Fatal Python error, C assertion, abort. */
  CRASH,
  /** regrtest {@code Timeout (h:mm:ss)!} or a step timeout. */
  TIMEOUT,
  /** regrtest "env changed". */
  ENV_CHANGED,
  /** Worker lost, git/network failure, disk full, exceptions in the CI itself. */
  INFRA,
  /** The build failed and nothing in its logs says why: kept, with the reason, for a human. */
  UNKNOWN
}
