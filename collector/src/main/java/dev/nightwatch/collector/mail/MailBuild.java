package dev.nightwatch.collector.mail;

import dev.nightwatch.schema.model.BuildRecord;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.LogRecord;
import dev.nightwatch.schema.model.SourceKind;
import dev.nightwatch.schema.model.StepRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * One build as a failure mail tells it: which master (its web address), builder and number, and
 * what the mail says of it; {@code text} is the mail's part about this build (in buildset mode one
 * mail covers several), stored as the log of a step named {@code mail} and analysed like any log.
 */
public record MailBuild(
    String masterUrl,
    String builderName,
    Integer builderId,
    int number,
    String buildUrl,
    String worker,
    String reason,
    String blamelist,
    String revision,
    String branch,
    BuildResult result,
    String stateString,
    String text) {
  /** The step that holds the mail's text. */
  public static final String STEP = "mail";

  /** The build to store, under the given source, finished when the mail was sent. */
  public BuildRecord toRecord(String sourceName, Instant finishedAt) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    StepRecord step =
        new StepRecord(
            null,
            STEP,
            result,
            stateString,
            null,
            null,
            List.of(new LogRecord("body", () -> new ByteArrayInputStream(bytes))));
    return new BuildRecord(
        sourceName,
        SourceKind.MAIL,
        masterUrl,
        builderName,
        builderId == null ? null : builderId.longValue(),
        number,
        null,
        revision,
        branch,
        null,
        result,
        stateString,
        reason,
        null,
        finishedAt,
        buildUrl,
        worker,
        List.of(),
        List.of(step));
  }
}
