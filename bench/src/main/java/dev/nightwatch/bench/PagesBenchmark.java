package dev.nightwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightwatch.web.NightwatchApplication;
import dev.nightwatch.web.NightwatchConfiguration;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every page, and the main JSON reads, as the real server answers them over HTTP on 127.0.0.1, over
 * a year of a CPython-sized fleet ({@link ServedHistory}: 1,000,000 builds, 1,000,000 failures in
 * ~24,000 clusters, one of 100,000 failures, and the flakiness aggregates of 2 million builds).
 * Each sample is one request: sent, answered, body read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 4)
@Measurement(iterations = 3, time = 4)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PagesBenchmark {
  /** Which page: its path is worked out from the data once the server runs. */
  @Param({
    "home",
    "homeOlderBuilds",
    "search",
    "searchFiltered",
    "moreLikeThis",
    "clusters",
    "clustersPage100",
    "cluster",
    "clusterOf100000",
    "clusterOf100000Page20",
    "apiCluster",
    "failure",
    "build",
    "buildAtLine",
    "apiBuild",
    "flaky",
    "flakyOneBuilder",
    "testPage",
    "apiTest",
    "builders",
    "mail"
  })
  public String name;

  private String path;
  private DropwizardTestSupport<NightwatchConfiguration> app;
  private HttpClient http;
  private String base;

  @Setup(Level.Trial)
  public void start() throws Exception {
    Path dir = ServedHistory.open(Path.of("target", "served-history-v1"));
    Path config = Files.createTempFile("nightwatch-bench", ".yml");
    Files.writeString(
        config,
        """
        store:
          dataDir: %s
        server:
          applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]
          adminConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]
          requestLog:
            appenders: []
        logging:
          level: WARN
        """
            .formatted(dir.toAbsolutePath()));
    app = new DropwizardTestSupport<>(NightwatchApplication.class, config.toString());
    app.before();
    http = HttpClient.newHttpClient();
    base = "http://127.0.0.1:" + app.getLocalPort();
    ObjectMapper json = new ObjectMapper();
    String olderBuilds = json.readTree(get("/api/builds?limit=50")).get("next").asText();
    long logBuild =
        app.<NightwatchApplication>getApplication()
            .database()
            .jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "SELECT s.build_id FROM logs l JOIN steps s ON s.id = l.step_id"
                                + " ORDER BY l.id LIMIT 1 OFFSET 1000")
                        .mapTo(Long.class)
                        .one());
    JsonNode hit = json.readTree(get("/api/search?q=AssertionError"));
    long failure = hit.at("/clusters/0/failures/0/failure/id").asLong();
    long cluster = ServedHistory.CLUSTER_BASE + 4321;
    long biggest = ServedHistory.CLUSTER_BASE; // a tenth of all failures
    path =
        switch (name) {
          case "home" -> "/";
          case "homeOlderBuilds" -> "/?cursor=" + enc(olderBuilds);
          case "search" -> "/search?q=AssertionError";
          case "searchFiltered" -> "/search?q=test_ftplib&builder=builder-07&page=2";
          case "moreLikeThis" -> "/search?like=" + failure;
          case "clusters" -> "/clusters";
          case "clustersPage100" -> "/clusters?offset=5000";
          case "cluster" -> "/clusters/" + cluster;
          case "clusterOf100000" -> "/clusters/" + biggest;
          case "clusterOf100000Page20" -> "/clusters/" + biggest + "?offset=1000";
          case "apiCluster" -> "/api/clusters/" + biggest;
          case "failure" -> "/failures/" + failure;
          case "build" -> "/builds/" + logBuild;
          case "buildAtLine" -> "/builds/" + logBuild + "?line=300";
          case "apiBuild" -> "/api/builds/" + logBuild;
          case "flaky" -> "/flaky";
          case "flakyOneBuilder" -> "/flaky?builder=builder-07";
          case "testPage" -> "/flaky/tests/test_001";
          case "apiTest" -> "/api/tests/test_001";
          case "builders" -> "/builders";
          case "mail" -> "/mail";
          default -> throw new IllegalArgumentException("no page " + name);
        };
    System.out.printf(
        "%nserving %s: %s%n",
        dir, json.readTree(get("/api/clusters/" + cluster)).at("/cluster/title"));
  }

  @TearDown(Level.Trial)
  public void stop() {
    app.after();
  }

  private String get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200 && r.statusCode() != 303) {
      throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
    }
    // A template that fails half-way has already sent 200: a page measured must be whole.
    if (r.headers().firstValue("Content-Type").orElse("").startsWith("text/html")
        && !r.body().strip().endsWith("</html>")) {
      throw new IllegalStateException(path + " answered a page cut short");
    }
    return r.body();
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** The page measured: one sample is one request for it. */
  @Benchmark
  public String page() throws Exception {
    return get(path);
  }
}
