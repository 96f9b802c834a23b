package dev.nightwatch.schema.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.nightwatch.schema.model.BuildRecord;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.Change;
import dev.nightwatch.schema.model.LogRecord;
import dev.nightwatch.schema.model.SourceKind;
import dev.nightwatch.schema.model.StepRecord;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;

/** Builds for tests: one builder, one test step with one stdio log. */
public final class TestBuilds {
  private TestBuilds() {}

  public static BuildRecord build(int number, String log) {
    return build(number, log.getBytes(UTF_8));
  }

  public static BuildRecord build(int number, byte[] log) {
    return new BuildRecord(
        "buildbot.example",
        SourceKind.BUILDBOT,
        "http://buildbot.example/",
        "AMD64 Debian 3.x",
        4L,
        number,
        100L + number,
        "0123abcd",
        "main",
        "https://github.com/python/cpython",
        BuildResult.FAILURE,
        "failed test",
        "scheduler",
        Instant.parse("2026-11-01T10:00:00Z"),
        Instant.parse("2026-11-01T10:30:00Z"),
        "http://buildbot.example/#/builders/4/builds/" + number,
        "debian-worker",
        List.of(
            new Change(
                "0123abcd", "A. Author <a@example.org>", "gh-1: fix (#1)", null, "main", null)),
        List.of(
            new StepRecord(
                5,
                "test",
                BuildResult.FAILURE,
                "failed",
                null,
                null,
                List.of(new LogRecord("stdio", () -> new ByteArrayInputStream(log))))));
  }
}
