package dev.nightwatch.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.nightwatch.collector.buildbot.BuildFetcher;
import dev.nightwatch.collector.buildbot.BuildbotHttp;
import dev.nightwatch.collector.buildbot.MasterPoller;
import dev.nightwatch.web.ingest.DatabasePollState;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The Buildbot masters Nightwatch follows ({@code buildbot.masters}), how it polls them, and the
 * shared secret that Buildbot's {@code HttpStatusPush} must send to {@code
 * /api/push/buildbot/NAME}.
 */
public final class BuildbotFactory {
  /** One master: a name (the source's name in the store) and its web address. */
  public static final class Master {
    @NotEmpty
    @Pattern(regexp = "[A-Za-z0-9._-]+", message = "letters, digits, '.', '_' and '-' only")
    @JsonProperty
    private String name;

    /** The master's web address, as in its mails: {@code https://buildbot.python.org/all/}. */
    @NotNull @JsonProperty private URI url;

    @NotNull @JsonProperty private Duration pollInterval = Duration.minutes(1);

    @Min(1)
    @Max(32)
    @JsonProperty
    private int concurrency = MasterPoller.Settings.DEFAULT.concurrency();

    @Min(1)
    @Max(1000)
    @JsonProperty
    private int pageSize = MasterPoller.Settings.DEFAULT.pageSize();

    /** Each request's timeout. */
    @NotNull @JsonProperty private Duration timeout = Duration.seconds(30);

    /** Tries of a request that gets a 5xx or no answer, with exponential backoff between. */
    @Min(1)
    @Max(20)
    @JsonProperty
    private int attempts = BuildbotHttp.Retry.DEFAULT.attempts();

    @NotNull @JsonProperty private Duration firstBackoff = Duration.seconds(1);

    /** How far back the first pass reaches; unset: every build the master still has. */
    @JsonProperty private Duration backfill;

    public String getName() {
      return name;
    }

    public URI getUrl() {
      return url;
    }

    public Duration getPollInterval() {
      return pollInterval;
    }

    /** The request settings of this master. */
    public BuildbotHttp.Retry retry() {
      java.time.Duration first = java.time.Duration.ofMillis(firstBackoff.toMilliseconds());
      return new BuildbotHttp.Retry(
          java.time.Duration.ofMillis(timeout.toMilliseconds()),
          attempts,
          first,
          first.multipliedBy(32));
    }

    /** A poller over this master that stores builds with {@code ingest}; the caller closes it. */
    public MasterPoller poller(
        Jdbi jdbi,
        MasterPoller.Ingest ingest,
        long maxLogBytes,
        Path tempDir,
        BuildbotHttp.Sleeper sleeper,
        Clock clock) {
      BuildbotHttp http =
          new BuildbotHttp(
              url, BuildbotHttp.client(retry().timeout()), retry(), sleeper, new SecureRandom());
      BuildFetcher fetcher = new BuildFetcher(name, url.toString(), http, maxLogBytes, tempDir);
      MasterPoller.Settings settings =
          new MasterPoller.Settings(
              pageSize,
              concurrency,
              MasterPoller.Settings.DEFAULT.overlap(),
              backfill == null ? null : java.time.Duration.ofMillis(backfill.toMilliseconds()));
      return new MasterPoller(
          name,
          url.toString(),
          http,
          fetcher,
          new DatabasePollState(jdbi, clock),
          ingest,
          settings,
          clock);
    }
  }

  @Valid @NotNull @JsonProperty private List<Master> masters = new ArrayList<>();

  /** What {@code HttpStatusPush} sends (basic-auth password or header); unset: push is off. */
  @JsonProperty private String pushSecret;

  public List<Master> getMasters() {
    return masters;
  }

  public Optional<String> getPushSecret() {
    return Optional.ofNullable(pushSecret).filter(s -> !s.isBlank());
  }

  /** The master of that name, if configured. */
  public Optional<Master> master(String name) {
    return masters.stream().filter(m -> m.getName().equals(name)).findFirst();
  }
}
