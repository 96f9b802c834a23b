package dev.nightwatch.collector.buildbot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * GETs from one Buildbot master's REST API v2 with the JDK's HttpClient: every request has a
 * timeout, and 5xx answers, timeouts and broken connections are tried again after an exponential
 * backoff with full jitter. Asks for {@code application/json} (Buildbot otherwise pretty-prints
 * {@code text/plain}).
 */
public final class BuildbotHttp {
  /** Waits between tries; tests pass one that records the delays instead of waiting. */
  @FunctionalInterface
  public interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
  }

  /** How hard to try: the timeout of each request, how many tries, and the first backoff. */
  public record Retry(Duration timeout, int attempts, Duration firstBackoff, Duration maxBackoff) {
    public static final Retry DEFAULT =
        new Retry(Duration.ofSeconds(30), 5, Duration.ofSeconds(1), Duration.ofSeconds(30));

    public Retry {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
      }
    }

    /** The longest wait before try {@code n + 1} (n ≥ 1): first × 2^(n−1), capped. */
    Duration ceiling(int n) {
      long millis = firstBackoff.toMillis() << Math.min(n - 1, 20);
      return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
  }

  private static final ApiReader READER = new ApiReader();

  private final URI api;
  private final HttpClient client;
  private final Retry retry;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  /**
   * @param master the master's base URL ({@code http://buildbot.python.org/all/}); requests go to
   *     {@code api/v2/…} under it
   */
  public BuildbotHttp(
      URI master, HttpClient client, Retry retry, Sleeper sleeper, RandomGenerator random) {
    String base = master.toString();
    this.api = URI.create((base.endsWith("/") ? base : base + "/") + "api/v2/");
    this.client = client;
    this.retry = retry;
    this.sleeper = sleeper;
    this.random = random;
  }

  /** A client with its own connection timeout, for one master. */
  public static HttpClient client(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /** The API's base address ({@code …/api/v2/}). */
  public URI api() {
    return api;
  }

  /** The body of {@code api/v2/PATH}, as text. */
  public String get(String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> response = send(path, HttpResponse.BodyHandlers.ofByteArray());
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /**
   * Streams {@code api/v2/PATH} into {@code target} (a log may be large), stopping with an error
   * past {@code maxBytes}. Returns the number of bytes written.
   */
  public long download(String path, Path target, long maxBytes)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> response = send(path, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body();
        OutputStream out = Files.newOutputStream(target)) {
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      for (int n; (n = in.read(buffer)) != -1; ) {
        total += n;
        if (total > maxBytes) {
          throw new BuildbotHttpException(
              resolve(path).toString(), 413, "larger than the " + maxBytes + "-byte limit", null);
        }
        out.write(buffer, 0, n);
      }
      return total;
    } catch (HttpTimeoutException e) {
      throw new BuildbotHttpException(resolve(path).toString(), 0, "timed out while reading", e);
    }
  }

  private <T> HttpResponse<T> send(String path, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    URI uri = resolve(path);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(retry.timeout())
            .header("Accept", "application/json")
            .GET()
            .build();
    for (int attempt = 1; ; attempt++) {
      BuildbotHttpException failure;
      try {
        HttpResponse<T> response = client.send(request, handler);
        if (response.statusCode() / 100 == 2) {
          return response;
        }
        failure =
            new BuildbotHttpException(
                uri.toString(), response.statusCode(), describe(response), null);
      } catch (HttpTimeoutException e) {
        failure =
            new BuildbotHttpException(
                uri.toString(), 0, "no answer within " + retry.timeout().toMillis() + " ms", e);
      } catch (IOException e) {
        failure = new BuildbotHttpException(uri.toString(), 0, "request failed: " + e, e);
      }
      if (!failure.retryable() || attempt >= retry.attempts()) {
        throw failure;
      }
      // Full jitter: anywhere up to the exponential ceiling, so clients do not retry in step.
      long ceiling = retry.ceiling(attempt).toMillis();
      sleeper.sleep(Duration.ofMillis(ceiling <= 0 ? 0 : random.nextLong(ceiling + 1)));
    }
  }

  private URI resolve(String path) {
    return api.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  /** The status and Buildbot's {@code {"error": …}} message, if the body has one. */
  private static String describe(HttpResponse<?> response) {
    String body = "";
    Object raw = response.body();
    if (raw instanceof byte[] bytes) {
      body = new String(bytes, 0, Math.min(bytes.length, 300), StandardCharsets.UTF_8);
    } else if (raw instanceof InputStream in) {
      try (in) {
        body = new String(in.readNBytes(300), StandardCharsets.UTF_8);
      } catch (IOException e) {
        body = "";
      }
    }
    String said = READER.error(body).orElse(body.strip());
    return "HTTP " + response.statusCode() + (said.isEmpty() ? "" : ": " + said);
  }
}
