package dev.nightwatch.web.api;

import dev.nightwatch.schema.model.Build;
import jakarta.ws.rs.BadRequestException;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in the build list (finish time, then id, both descending), written as {@code
 * MILLIS.ID} in {@code ?cursor=}: keyset paging that stays fast however deep the page.
 */
public record PageCursor(Instant finishedAt, long id) {
  private static final Pattern FORMAT = Pattern.compile("(-?\\d{1,19})\\.(\\d{1,19})");

  /** The cursor just after this build. */
  public static PageCursor after(Build build) {
    return new PageCursor(build.finishedAt(), build.id());
  }

  /** Parses a cursor from a request; a malformed one is the client's error. */
  public static PageCursor parse(String text) {
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      throw new BadRequestException("cursor must look like MILLIS.ID, as 'next' gives it");
    }
    try {
      return new PageCursor(
          Instant.ofEpochMilli(Long.parseLong(m.group(1))), Long.parseLong(m.group(2)));
    } catch (NumberFormatException e) {
      throw new BadRequestException("cursor is out of range");
    }
  }

  @Override
  public String toString() {
    return finishedAt.toEpochMilli() + "." + id;
  }
}
