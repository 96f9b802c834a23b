package dev.nightwatch.web;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/**
 * A real Buildbot master and worker (Debian's {@code buildbot} and {@code buildbot-worker}) in a
 * temporary directory, listening on 127.0.0.1 only, with the builders of {@code
 * buildbot-lab/master.cfg.in}. Debian does not package Buildbot's web UI, without which the master
 * serves no REST API; the lab puts a stand-in {@code buildbot.www} plugin on the master's path.
 */
final class BuildbotLab implements AutoCloseable {
  static final List<String> BUILDERS =
      List.of("lab compile", "lab tests", "lab flaky", "lab hang", "lab ok");
  private static final String[] FILES = {
    "master.cfg.in",
    "broken.c",
    "test_lab_math.py",
    "test_lab_broken.py",
    "test_lab_flaky.py",
    "test_lab_hang.py",
    "site/nightwatch_www/__init__.py",
    "site/nightwatch_www/VERSION",
    "site/nightwatch_www/static/index.html",
    "site/nightwatch_www-1.0.dist-info/METADATA",
    "site/nightwatch_www-1.0.dist-info/entry_points.txt",
  };

  private final Path dir;
  private final int wwwPort;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private boolean started;

  private BuildbotLab(Path dir, int wwwPort) {
    this.dir = dir;
    this.wwwPort = wwwPort;
  }

  /**
   * Creates and starts the master and worker; aborts the test when Buildbot is not installed,
   * except under CI, where that is a failure ({@code .ci/run} installs it).
   */
  static BuildbotLab start(Path dir, String pushUrl, String pushSecret) throws Exception {
    requireInstalled();
    int www = freePort();
    int pb = freePort();
    for (String name : FILES) {
      Path target = dir.resolve("files").resolve(name);
      Files.createDirectories(target.getParent());
      try (InputStream in = BuildbotLab.class.getResourceAsStream("/buildbot-lab/" + name)) {
        if (in == null) {
          throw new IOException("missing test resource buildbot-lab/" + name);
        }
        Files.copy(in, target);
      }
    }
    String cfg =
        Files.readString(dir.resolve("files/master.cfg.in"))
            .replace("@FILES@", dir.resolve("files").toString())
            .replace("@PYTHON@", "/usr/bin/python3")
            .replace("@WWW_PORT@", Integer.toString(www))
            .replace("@PB_PORT@", Integer.toString(pb))
            .replace("@PUSH_URL@", pushUrl == null ? "" : pushUrl)
            .replace("@PUSH_SECRET@", pushSecret == null ? "" : pushSecret);
    BuildbotLab lab = new BuildbotLab(dir, www);
    lab.run("buildbot", "create-master", "-r", "master");
    Files.writeString(dir.resolve("master/master.cfg"), cfg);
    lab.run(
        "buildbot-worker",
        "create-worker",
        "worker",
        "127.0.0.1:" + pb,
        "lab-worker",
        "lab-password");
    lab.started = true;
    // Both commands return once the daemon's log says it is up (or that it failed).
    lab.run("buildbot", "start", "master");
    lab.run("buildbot-worker", "start", "worker");
    await("the worker connects to the master")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> lab.get("workers").path("workers").path(0).path("connected_to").size() > 0);
    return lab;
  }

  private static void requireInstalled() {
    for (String tool : List.of("buildbot", "buildbot-worker")) {
      boolean found =
          Files.isExecutable(Path.of("/usr/bin", tool))
              || Files.isExecutable(Path.of("/usr/local/bin", tool));
      if (!found) {
        String message =
            tool
                + " is not installed: apt-get install buildbot buildbot-worker python3-treq"
                + " (.ci/run does)";
        if ("true".equals(System.getenv("CI"))) {
          throw new IllegalStateException(message);
        }
        throw new TestAbortedException(message);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** The master's web address, as its mails give it. */
  URI url() {
    return URI.create("http://127.0.0.1:" + wwwPort + "/");
  }

  /** A GET of the REST API, as JSON. */
  JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(url().resolve("api/v2/" + path))
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(path + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return json.readTree(response.body());
  }

  /** The raw bytes of a log, as the REST API gives them. */
  byte[] rawLog(long logid) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(url().resolve("api/v2/logs/" + logid + "/raw")).build(),
            HttpResponse.BodyHandlers.ofByteArray())
        .body();
  }

  /** Forces a build of each builder, as the web UI's force form does. */
  void force(List<String> builders, String reason) throws IOException, InterruptedException {
    String body =
        json.writeValueAsString(
            Map.of(
                "jsonrpc",
                "2.0",
                "id",
                1,
                "method",
                "force",
                "params",
                Map.of("builderNames", builders, "reason", reason)));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(url().resolve("api/v2/forceschedulers/force"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
      throw new IOException("force failed: " + response.statusCode() + " " + response.body());
    }
  }

  /** Posts a commit to the master's change hook, as a code host would after a merge. */
  void commit(String revision, String author, String message, String repository)
      throws IOException, InterruptedException {
    String form =
        Map.of(
                "revision", revision,
                "author", author,
                "comments", message,
                "repository", repository,
                "branch", "main",
                "project", "lab")
            .entrySet()
            .stream()
            .map(
                e ->
                    e.getKey()
                        + "="
                        + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(java.util.stream.Collectors.joining("&"));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(url().resolve("change_hook/base"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("change hook: " + response.statusCode() + " " + response.body());
    }
  }

  /** Waits until {@code count} builds have finished and none is running. */
  void awaitFinished(int count) {
    await("%d builds finish".formatted(count))
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                get("builds?complete=true").path("builds").size() >= count
                    && get("builds?complete=false").path("builds").isEmpty());
  }

  private void run(String... command) throws IOException, InterruptedException {
    Path log = dir.resolve("commands.log");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("PYTHONPATH", dir.resolve("files/site").toString());
    pb.environment().put("LANG", "C.UTF-8");
    Process p = pb.start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " did not finish; see " + log);
    }
    if (p.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command)
              + " failed ("
              + p.exitValue()
              + "):\n"
              + tail(log)
              + tail(dir.resolve("master/twistd.log")));
    }
  }

  private static String tail(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n";
  }

  @Override
  public void close() throws Exception {
    if (!started) {
      return;
    }
    List<Exception> errors = new ArrayList<>();
    for (String[] stop :
        List.of(
            new String[] {"buildbot-worker", "stop", "worker"},
            new String[] {"buildbot", "stop", "master"})) {
      try {
        run(stop);
      } catch (IOException e) {
        errors.add(e);
      }
    }
    if (!errors.isEmpty()) {
      throw errors.get(0);
    }
  }
}
