package dev.nightwatch.collector.buildbot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Buildbot master's REST API v2 as a real HTTP server on 127.0.0.1: builders, workers, builds
 * (filtered by {@code complete}/{@code complete_at__ge}, ordered, limited and offset as Buildbot
 * does), steps, logs and changes, with faults to order: statuses, malformed bodies, hangs.
 */
final class FakeMaster implements AutoCloseable {
  /** A build; {@code completeAt} null while it runs. */
  static final class FakeBuild {
    final long buildid;
    final int builderid;
    final int number;
    volatile Long completeAt;
    volatile int results;
    final String log;

    FakeBuild(long buildid, int builderid, int number, Long completeAt, int results, String log) {
      this.buildid = buildid;
      this.builderid = builderid;
      this.number = number;
      this.completeAt = completeAt;
      this.results = results;
      this.log = log;
    }
  }

  private record Fault(int status, String body, CountDownLatch hold) {}

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final Map<Long, FakeBuild> builds = new ConcurrentHashMap<>();
  private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
  final List<String> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger inFlightLogs = new AtomicInteger();
  final AtomicInteger maxInFlightLogs = new AtomicInteger();

  FakeMaster() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/api/v2/", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  FakeBuild add(long buildid, int builderid, int number, Long completeAt, int results) {
    FakeBuild b =
        new FakeBuild(
            buildid,
            builderid,
            number,
            completeAt,
            results,
            "make test\n0:00:01 [1/1] test_os passed\nbuild " + buildid + " done\n");
    builds.put(buildid, b);
    return b;
  }

  /** The next {@code times} requests whose path starts with {@code path} get {@code status}. */
  void fail(String path, int status, int times) {
    for (int i = 0; i < times; i++) {
      queue(path).add(new Fault(status, "{\"error\": \"fault " + status + "\"}", null));
    }
  }

  /** The next request to {@code path} gets a 200 with a body that is not JSON. */
  void malformed(String path) {
    queue(path).add(new Fault(200, "{\"steps\": [ {\"stepid\": ", null));
  }

  /** The next request to {@code path} waits for {@code release} before it answers. */
  void hang(String path, CountDownLatch release) {
    queue(path).add(new Fault(0, null, release));
  }

  private Deque<Fault> queue(String path) {
    return faults.computeIfAbsent(path, k -> new ArrayDeque<>());
  }

  long requestsTo(String prefix) {
    return requests.stream().filter(r -> r.startsWith(prefix)).count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath().substring("/api/v2/".length());
    String query = exchange.getRequestURI().getRawQuery();
    String request = path + (query == null ? "" : "?" + query);
    requests.add(request);
    try (exchange) {
      Fault fault = nextFault(request);
      if (fault != null) {
        if (fault.hold() != null) {
          try {
            fault.hold().await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          respond(exchange, 503, "{\"error\": \"too late\"}");
          return;
        }
        respond(exchange, fault.status(), fault.body());
        return;
      }
      route(exchange, path, params(query));
    }
  }

  private synchronized Fault nextFault(String request) {
    for (var e : faults.entrySet()) {
      if (request.startsWith(e.getKey()) && !e.getValue().isEmpty()) {
        return e.getValue().poll();
      }
    }
    return null;
  }

  private void route(HttpExchange exchange, String path, Map<String, List<String>> params)
      throws IOException {
    String[] parts = path.split("/");
    switch (parts[0]) {
      case "builders" ->
          answer(
              exchange,
              "builders",
              List.of(builder(1, "AMD64 Debian 3.x"), builder(2, "ARM64 macOS 3.x")));
      case "workers" ->
          answer(exchange, "workers", List.of(Map.of("workerid", 1, "name", "lab-worker")));
      case "builds" -> {
        if (parts.length == 1) {
          boolean properties = params.getOrDefault("property", List.of()).contains("*");
          answer(exchange, "builds", list(params).stream().map(b -> build(b, properties)).toList());
          return;
        }
        FakeBuild b = builds.get(Long.parseLong(parts[1]));
        if (b == null) {
          respond(exchange, 404, "{\"error\": \"not found\"}");
        } else if (parts.length == 2) {
          answer(exchange, "builds", List.of(build(b, true)));
        } else if (parts[2].equals("steps")) {
          answer(exchange, "steps", List.of(step(b)));
        } else {
          answer(
              exchange,
              "changes",
              List.of(
                  Map.of(
                      "changeid",
                      b.buildid,
                      "revision",
                      "rev" + b.buildid,
                      "author",
                      "Jane Doe <jane@example.org>",
                      "comments",
                      "gh-1" + b.buildid + ": fix the thing",
                      "branch",
                      "main",
                      "repository",
                      "https://github.com/python/cpython",
                      "when_timestamp",
                      1_700_000_000)));
        }
      }
      case "steps" -> {
        long stepid = Long.parseLong(parts[1]);
        answer(
            exchange,
            "logs",
            List.of(
                Map.of(
                    "logid",
                    stepid,
                    "stepid",
                    stepid,
                    "name",
                    "stdio",
                    "slug",
                    "stdio",
                    "type",
                    "s",
                    "num_lines",
                    3,
                    "complete",
                    true)));
      }
      case "logs" -> {
        FakeBuild b = builds.get(Long.parseLong(parts[1]) / 10);
        int now = inFlightLogs.incrementAndGet();
        maxInFlightLogs.accumulateAndGet(now, Math::max);
        try {
          respond(exchange, 200, b.log);
        } finally {
          inFlightLogs.decrementAndGet();
        }
      }
      default -> respond(exchange, 404, "{\"error\": \"no such path\"}");
    }
  }

  private List<FakeBuild> list(Map<String, List<String>> params) {
    long from = Long.parseLong(params.getOrDefault("complete_at__ge", List.of("0")).get(0));
    int limit = Integer.parseInt(params.getOrDefault("limit", List.of("1000")).get(0));
    int offset = Integer.parseInt(params.getOrDefault("offset", List.of("0")).get(0));
    if (!params.getOrDefault("order", List.of()).equals(List.of("complete_at", "buildid"))) {
      throw new IllegalArgumentException("unexpected order " + params.get("order"));
    }
    return builds.values().stream()
        .filter(b -> b.completeAt != null && b.completeAt >= from)
        .sorted(
            Comparator.comparingLong((FakeBuild b) -> b.completeAt)
                .thenComparingLong(b -> b.buildid))
        .skip(offset)
        .limit(limit)
        .toList();
  }

  private static Map<String, Object> builder(int id, String name) {
    return Map.of("builderid", id, "name", name, "tags", List.of());
  }

  private static Map<String, Object> build(FakeBuild b, boolean properties) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("buildid", b.buildid);
    m.put("builderid", b.builderid);
    m.put("number", b.number);
    m.put("buildrequestid", b.buildid);
    m.put("workerid", 1);
    m.put("complete", b.completeAt != null);
    m.put("started_at", 1_700_000_000);
    m.put("complete_at", b.completeAt);
    m.put("results", b.completeAt == null ? null : b.results);
    m.put("state_string", b.results == 0 ? "build successful" : "failed test (failure)");
    if (properties) {
      m.put(
          "properties",
          Map.of(
              "got_revision", List.of("rev" + b.buildid, "Git"),
              "branch", List.of("main", "Build"),
              "repository", List.of("https://github.com/python/cpython", "Build"),
              "reason", List.of("scheduler", "Build"),
              "workername", List.of("lab-worker", "Worker")));
    }
    return m;
  }

  private static Map<String, Object> step(FakeBuild b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("stepid", b.buildid * 10);
    m.put("buildid", b.buildid);
    m.put("number", 0);
    m.put("name", "test");
    m.put("complete", true);
    m.put("started_at", 1_700_000_000);
    m.put("complete_at", b.completeAt);
    m.put("results", b.results);
    m.put("state_string", "test");
    m.put("hidden", false);
    return m;
  }

  private void answer(HttpExchange exchange, String collection, List<?> items) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(collection, items);
    body.put("meta", Map.of("total", items.size()));
    respond(exchange, 200, json.writeValueAsString(body));
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, List<String>> params(String query) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (query == null) {
      return out;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
