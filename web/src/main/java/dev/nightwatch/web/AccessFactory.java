package dev.nightwatch.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who may read Nightwatch's pages and API. Reading is open by default; with {@code reading: token}
 * every page and read endpoint needs a reader's or a triager's token (a bearer header, or the
 * browser session made by signing in with it). Triagers' tokens are in {@code triage.tokens};
 * {@code readers} name tokens that may read but not act. A signed-in browser session lasts {@code
 * sessionTtl}. An address that sends {@code tokenGuesses} wrong tokens (signing in or as bearer
 * headers) within {@code tokenGuessWindow} of the first is turned away (429) until that window
 * ends.
 */
public final class AccessFactory {
  /** Whether reading needs a token. */
  public enum Reading {
    OPEN,
    TOKEN
  }

  @NotNull @JsonProperty private Reading reading = Reading.OPEN;

  @NotNull @JsonProperty private Map<String, String> readers = new LinkedHashMap<>();

  @NotNull @JsonProperty private Duration sessionTtl = Duration.hours(12);

  @Min(1)
  @JsonProperty
  private int tokenGuesses = 10;

  @NotNull @JsonProperty private Duration tokenGuessWindow = Duration.minutes(10);

  public Reading getReading() {
    return reading;
  }

  public void setReading(Reading reading) {
    this.reading = reading;
  }

  /** Reader name → token; blank tokens (an unset environment variable) are left out. */
  public Map<String, String> getReaders() {
    return TriageFactory.nonBlank(readers);
  }

  public Duration getSessionTtl() {
    return sessionTtl;
  }

  public int getTokenGuesses() {
    return tokenGuesses;
  }

  public Duration getTokenGuessWindow() {
    return tokenGuessWindow;
  }
}
