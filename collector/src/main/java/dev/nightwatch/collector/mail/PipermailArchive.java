package dev.nightwatch.collector.mail;

import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Backfills from a Mailman 2 (pipermail) archive, over HTTP or from a copy on disk: the archive's
 * index lists its months; a month is read from its mbox ({@code 2026-November.txt.gz} or {@code
 * .txt}, whole messages with their headers) when the archive has one, else from its HTML pages
 * ({@code 2026-November/date.html} and one page per message: subject, sender, date, the body in
 * {@code <pre>}, the Message-ID from the reply link), each page rebuilt as a mail. Months are read
 * oldest first; progress counts months.
 */
public final class PipermailArchive {
  /** How a month was read. */
  public enum Mode {
    /** The month's mbox when listed, else its HTML pages. */
    AUTO,
    /** Always the HTML pages. */
    HTML
  }

  private static final Pattern MONTH_MBOX = Pattern.compile("^(\\d{4}-[A-Za-z]+)\\.txt(\\.gz)?$");
  private static final Pattern MONTH_PAGE = Pattern.compile("^(\\d{4}-[A-Za-z]+)/date\\.html$");
  private static final Pattern MESSAGE_PAGE = Pattern.compile("^\\d{6}\\.html$");
  private static final Pattern IN_REPLY_TO = Pattern.compile("[?&]In-Reply-To=([^&]+)");
  private static final DateTimeFormatter PIPERMAIL_DATE =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss zzz yyyy", Locale.ENGLISH);

  private final HttpClient http;
  private final Duration timeout;

  public PipermailArchive(HttpClient http, Duration timeout) {
    this.http = http;
    this.timeout = timeout;
  }

  /** Reads every month the archive's index lists, oldest first, telling {@code sink} of each. */
  public void read(URI archive, Mode mode, MailSource.Sink sink)
      throws IOException, InterruptedException {
    URI root = archive.toString().endsWith("/") ? archive : URI.create(archive + "/");
    Document index = page(root.resolve("index.html"), root);
    // The index lists the newest month first; each month by its mbox, else its date page.
    Map<String, URI[]> months = new LinkedHashMap<>();
    for (Element a : index.select("a[href]")) {
      String href = a.attr("href");
      Matcher mbox = MONTH_MBOX.matcher(href);
      Matcher html = MONTH_PAGE.matcher(href);
      if (mbox.matches()) {
        months.computeIfAbsent(mbox.group(1), k -> new URI[2])[0] = root.resolve(href);
      } else if (html.matches()) {
        months.computeIfAbsent(html.group(1), k -> new URI[2])[1] = root.resolve(href);
      }
    }
    List<URI[]> oldestFirst = new ArrayList<>(months.values());
    Collections.reverse(oldestFirst);
    long total = oldestFirst.size();
    long done = 0;
    for (URI[] month : oldestFirst) {
      long at = ++done;
      if (month[0] != null && mode == Mode.AUTO) {
        URI mbox = month[0];
        InputStream in = new ByteArrayInputStream(get(mbox));
        if (mbox.getPath().endsWith(".gz")) {
          in = new GZIPInputStream(in);
        }
        int[] n = {0};
        MailSource.split(
            in, m -> sink.accept(new MailSource.Raw(mbox + "#" + ++n[0], m), at, total));
      } else if (month[1] != null) {
        Document list = page(month[1], month[1]);
        for (Element a : list.select("a[href]")) {
          if (MESSAGE_PAGE.matcher(a.attr("href")).matches()) {
            URI message = month[1].resolve(a.attr("href"));
            byte[] mail = rebuild(page(message, message));
            sink.accept(new MailSource.Raw(message.toString(), mail), at, total);
          }
        }
      }
    }
  }

  /** A message page as the mail it was: headers from the page, the body from its {@code <pre>}. */
  static byte[] rebuild(Document page) throws UnsupportedEncodingException {
    String subject = page.select("h1").text();
    Element sender = page.selectFirst("b");
    Element when = page.selectFirst("i");
    Element pre = page.selectFirst("pre");
    String body = pre == null ? page.body().wholeText() : pre.wholeText();
    StringBuilder mail = new StringBuilder();
    for (Element a : page.select("a[href^=mailto:]")) {
      Matcher id = IN_REPLY_TO.matcher(a.attr("href"));
      if (id.find()) {
        String messageId = URLDecoder.decode(id.group(1), StandardCharsets.UTF_8).strip();
        if (messageId.startsWith("<") && messageId.endsWith(">")) {
          mail.append("Message-ID: ").append(messageId).append("\r\n");
        }
        break;
      }
    }
    mail.append("Subject: ")
        .append(MimeUtility.fold(9, MimeUtility.encodeText(subject, "UTF-8", "Q")))
        .append("\r\n");
    if (sender != null) {
      mail.append("From: ").append(sender.text().replace(" at ", "@").strip()).append("\r\n");
    }
    if (when != null) {
      try {
        ZonedDateTime date = ZonedDateTime.parse(when.text().strip(), PIPERMAIL_DATE);
        mail.append("Date: ")
            .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(date))
            .append("\r\n");
      } catch (DateTimeParseException e) {
        // No date: the mail is dated when it is stored.
      }
    }
    mail.append("MIME-Version: 1.0\r\n")
        .append("Content-Type: text/plain; charset=\"utf-8\"\r\n")
        .append("Content-Transfer-Encoding: 8bit\r\n")
        .append("\r\n")
        .append(body.replace("\r\n", "\n").replace("\n", "\r\n"));
    return mail.toString().getBytes(StandardCharsets.UTF_8);
  }

  private Document page(URI uri, URI base) throws IOException, InterruptedException {
    return Jsoup.parse(new ByteArrayInputStream(get(uri)), null, base.toString());
  }

  /** The bytes at an address: {@code http(s):} with a timeout, or {@code file:}. */
  private byte[] get(URI uri) throws IOException, InterruptedException {
    if ("file".equals(uri.getScheme())) {
      try {
        return Files.readAllBytes(Path.of(uri));
      } catch (java.nio.file.NoSuchFileException e) {
        throw new IOException(uri + ": no such file", e);
      }
    }
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException(uri + ": HTTP " + response.statusCode());
    }
    return response.body();
  }
}
