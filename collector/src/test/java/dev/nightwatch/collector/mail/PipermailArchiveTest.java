package dev.nightwatch.collector.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipermail archive served by a real HTTP server on 127.0.0.1: November has its gzipped mbox,
 * October only its HTML pages (a Buildbot 0.8 failure and a list notice).
 */
class PipermailArchiveTest {
  @TempDir Path archive;
  private HttpServer server;
  private final List<String> requests = new ArrayList<>();

  @BeforeEach
  void serve() throws IOException {
    for (String name :
        List.of(
            "index.html",
            "2026-October/date.html",
            "2026-October/000001.html",
            "2026-October/000002.html")) {
      Path target = archive.resolve(name);
      Files.createDirectories(target.getParent());
      try (InputStream in = getClass().getResourceAsStream("/pipermail/" + name)) {
        Files.copy(in, target);
      }
    }
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(archive.resolve("2026-November.txt.gz")))) {
      for (String name : List.of("test_failure_failure.eml", "flaky_failure.eml")) {
        out.write(
            "From buildbot at lab.test  Wed Nov 25 09:53:34 2026\n"
                .getBytes(StandardCharsets.UTF_8));
        try (InputStream in = getClass().getResourceAsStream("/mail/" + name)) {
          out.write(in.readAllBytes());
        }
        out.write("\n".getBytes(StandardCharsets.UTF_8));
      }
    }
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/pipermail/buildbot-status/",
        exchange -> {
          String path =
              exchange.getRequestURI().getPath().substring("/pipermail/buildbot-status/".length());
          requests.add(path);
          Path file = archive.resolve(path.isEmpty() ? "index.html" : path);
          try (exchange) {
            if (!Files.isRegularFile(file)) {
              exchange.sendResponseHeaders(404, -1);
              return;
            }
            byte[] bytes = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI url() {
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/pipermail/buildbot-status/");
  }

  private List<MailSource.Raw> read(URI where, PipermailArchive.Mode mode) throws Exception {
    List<MailSource.Raw> out = new ArrayList<>();
    new PipermailArchive(HttpClient.newHttpClient(), Duration.ofSeconds(5))
        .read(where, mode, (m, done, total) -> out.add(m));
    return out;
  }

  @Test
  void readsEachMonthOldestFirstFromItsMboxElseItsPages() throws Exception {
    List<MailSource.Raw> messages = read(url(), PipermailArchive.Mode.AUTO);

    assertThat(messages)
        .extracting(MailSource.Raw::origin)
        .containsExactly(
            url() + "2026-October/000001.html",
            url() + "2026-October/000002.html",
            url() + "2026-November.txt.gz#1",
            url() + "2026-November.txt.gz#2");
    assertThat(requests).doesNotContain("2026-November/date.html");

    MailReader reader = new MailReader();
    MailMessage october = reader.read(messages.get(0).bytes());
    assertThat(october.messageId()).isEqualTo("<20261001121203.1.buildbot@python.org>");
    assertThat(october.date()).isEqualTo(Instant.parse("2026-10-01T12:12:03Z"));
    assertThat(october.from()).isEqualTo("buildbot@python.org");
    BuildbotMailParser.Parsed parsed = new BuildbotMailParser().parse(october);
    MailBuild build = ((BuildbotMailParser.Builds) parsed).builds().get(0);
    assertThat(build.builderName()).isEqualTo("AMD64 Ubuntu 3.x");
    assertThat(build.number()).isEqualTo(6001);
    assertThat(build.revision()).isEqualTo("0f1e2d3c4b5a");
    assertThat(build.blamelist()).isEqualTo("Victor Stinner <victor.stinner at gmail.com>");

    assertThat(new BuildbotMailParser().parse(reader.read(messages.get(1).bytes())))
        .isInstanceOf(BuildbotMailParser.Ignored.class);
    MailMessage november = reader.read(messages.get(2).bytes());
    assertThat(november.messageId())
        .isEqualTo("<179560041501.23458.13327892352280523184@lab.test>");
  }

  @Test
  void theHtmlModeReadsThePagesEvenWhereAnMboxIsListed() throws Exception {
    Files.createDirectories(archive.resolve("2026-November"));
    Files.writeString(
        archive.resolve("2026-November/date.html"),
        "<html><body><h1>November 2026 Archives by date</h1><ul>"
            + "<li><a href=\"000003.html\">[Buildbot-status] Moderation</a></li></ul></body></html>");
    Files.copy(
        archive.resolve("2026-October/000002.html"), archive.resolve("2026-November/000003.html"));

    List<MailSource.Raw> messages = read(url(), PipermailArchive.Mode.HTML);

    assertThat(messages)
        .extracting(MailSource.Raw::origin)
        .containsExactly(
            url() + "2026-October/000001.html",
            url() + "2026-October/000002.html",
            url() + "2026-November/000003.html");
    assertThat(requests).contains("2026-November/date.html");
  }

  @Test
  void aCopyOnDiskReadsTheSame() throws Exception {
    assertThat(read(archive.toUri(), PipermailArchive.Mode.AUTO)).hasSize(4);
  }

  @Test
  void aPageTheArchiveDoesNotHaveStopsTheImportSayingWhich() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> read(url(), PipermailArchive.Mode.HTML))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("2026-November/date.html: HTTP 404");
  }
}
