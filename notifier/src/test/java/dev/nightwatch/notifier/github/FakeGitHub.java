package dev.nightwatch.notifier.github;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for GitHub's REST API: a real HTTP server on 127.0.0.1 serving the endpoints the
 * notifier uses (a PR's comments, paged; creating and editing one; a commit's pulls), recording
 * every request, and answering the next requests with scripted faults (403/429 rate limits, 500, a
 * hang) when told to. Shared with web's end-to-end tests as a test-jar.
 */
public final class FakeGitHub implements AutoCloseable {
  /** A request as received. */
  public record Request(
      String method, String path, String query, String authorization, String body, Instant at) {}

  /** A scripted answer for the next request: status, headers, body; or a hang. */
  public record Fault(int status, Map<String, String> headers, String body, boolean hangs) {
    public static Fault status(int status, Map<String, String> headers, String body) {
      return new Fault(status, headers, body, false);
    }

    public static Fault hanging() {
      return new Fault(0, Map.of(), "", true);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern COMMENTS =
      Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/comments");
  private static final Pattern COMMENT =
      Pattern.compile("/repos/([^/]+/[^/]+)/issues/comments/(\\d+)");
  private static final Pattern PULLS = Pattern.compile("/repos/([^/]+/[^/]+)/commits/(\\w+)/pulls");

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private final Deque<Fault> faults = new ArrayDeque<>();
  private final Map<String, List<Map<String, Object>>> comments = new LinkedHashMap<>();
  private final Map<String, List<Map<String, Object>>> pulls = new ConcurrentHashMap<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private long nextId = 1000;
  private int pageSize = 100;

  private FakeGitHub(HttpServer server) {
    this.server = server;
  }

  public static FakeGitHub start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FakeGitHub fake = new FakeGitHub(server);
    server.createContext("/", fake::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
    return fake;
  }

  /** The API's base URL, as {@code github.baseUrl} takes it. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers the next request with this fault instead of serving it. */
  public synchronized void failNext(Fault fault) {
    faults.addLast(fault);
  }

  /** Serves comment lists in pages of this many (GitHub's per_page, capped here). */
  public synchronized void pageSize(int size) {
    pageSize = size;
  }

  /** Makes {@code GET commits/{sha}/pulls} list this merged PR. */
  public void mergedPull(String repository, String sha, int number) {
    Map<String, Object> pr = new LinkedHashMap<>();
    pr.put("number", number);
    pr.put("html_url", "https://github.test/" + repository + "/pull/" + number);
    pr.put("merged_at", "2026-11-30T10:00:00Z");
    pr.put("merge_commit_sha", sha);
    pulls.put(repository + "@" + sha, List.of(pr));
  }

  /** Puts a comment on the PR as if someone had written it. */
  public synchronized long addComment(String repository, int pr, String body) {
    return addCommentLocked(repository, pr, body);
  }

  /** The PR's comments' bodies, oldest first. */
  public synchronized List<String> commentBodies(String repository, int pr) {
    return comments.getOrDefault(repository + "#" + pr, List.of()).stream()
        .map(c -> (String) c.get("body"))
        .toList();
  }

  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The recorded requests with this method. */
  public synchronized List<Request> requests(String method) {
    return requests.stream().filter(r -> r.method().equals(method)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Fault fault;
      synchronized (this) {
        requests.add(
            new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getQuery(),
                exchange.getRequestHeaders().getFirst("Authorization"),
                body,
                Instant.now()));
        fault = faults.pollFirst();
      }
      if (fault != null && fault.hangs()) {
        // Holds the request until the server stops: the client's timeout must give up first.
        released.await(2, TimeUnit.MINUTES);
        return;
      }
      if (fault != null) {
        fault.headers().forEach(exchange.getResponseHeaders()::add);
        send(exchange, fault.status(), fault.body());
        return;
      }
      serve(exchange, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void serve(HttpExchange exchange, String body) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    Matcher m;
    if ((m = COMMENTS.matcher(path)).matches() && method.equals("GET")) {
      listComments(exchange, m.group(1), Integer.parseInt(m.group(2)));
    } else if (m.matches() && method.equals("POST")) {
      String text = (String) JSON.readValue(body, Map.class).get("body");
      Map<String, Object> created;
      synchronized (this) {
        long id = addCommentLocked(m.group(1), Integer.parseInt(m.group(2)), text);
        created = find(id);
      }
      send(exchange, 201, JSON.writeValueAsString(created));
    } else if ((m = COMMENT.matcher(path)).matches() && method.equals("PATCH")) {
      String text = (String) JSON.readValue(body, Map.class).get("body");
      Map<String, Object> comment;
      synchronized (this) {
        comment = find(Long.parseLong(m.group(2)));
        if (comment != null) {
          comment.put("body", text);
        }
      }
      if (comment == null) {
        send(exchange, 404, "{\"message\":\"Not Found\"}");
      } else {
        send(exchange, 200, JSON.writeValueAsString(comment));
      }
    } else if ((m = PULLS.matcher(path)).matches() && method.equals("GET")) {
      send(
          exchange,
          200,
          JSON.writeValueAsString(pulls.getOrDefault(m.group(1) + "@" + m.group(2), List.of())));
    } else {
      send(exchange, 404, "{\"message\":\"Not Found\"}");
    }
  }

  private void listComments(HttpExchange exchange, String repository, int pr) throws IOException {
    String query = exchange.getRequestURI().getQuery();
    int page = 1;
    if (query != null) {
      Matcher p = Pattern.compile("(?:^|&)page=(\\d+)").matcher(query);
      if (p.find()) {
        page = Integer.parseInt(p.group(1));
      }
    }
    List<Map<String, Object>> slice;
    boolean more;
    synchronized (this) {
      List<Map<String, Object>> all = comments.getOrDefault(repository + "#" + pr, List.of());
      int from = Math.min(all.size(), (page - 1) * pageSize);
      int to = Math.min(all.size(), from + pageSize);
      slice = List.copyOf(all.subList(from, to));
      more = to < all.size();
    }
    if (more) {
      exchange
          .getResponseHeaders()
          .add(
              "Link",
              "<%s/repos/%s/issues/%d/comments?per_page=100&page=%d>; rel=\"next\""
                  .formatted(url(), repository, pr, page + 1));
    }
    send(exchange, 200, JSON.writeValueAsString(slice));
  }

  private long addCommentLocked(String repository, int pr, String body) {
    long id = nextId++;
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("id", id);
    c.put(
        "html_url", "https://github.test/%s/pull/%d#issuecomment-%d".formatted(repository, pr, id));
    c.put("body", body);
    comments.computeIfAbsent(repository + "#" + pr, k -> new ArrayList<>()).add(c);
    return id;
  }

  private Map<String, Object> find(long id) {
    return comments.values().stream()
        .flatMap(List::stream)
        .filter(c -> ((Number) c.get("id")).longValue() == id)
        .findFirst()
        .orElse(null);
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
