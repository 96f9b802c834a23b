package dev.nightwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Requests to a test's running application over real HTTP, following no redirects. */
final class TestHttp {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DropwizardAppExtension<?> app;

  TestHttp(DropwizardAppExtension<?> app) {
    this.app = app;
  }

  HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(uri(path));
  }

  HttpRequest.Builder post(String path, String body, String type) {
    return HttpRequest.newBuilder(uri(path))
        .header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  /** A form sent with the {@code Cookie} header of a session, or none when it is null. */
  HttpRequest.Builder form(String path, String session, String body) {
    HttpRequest.Builder r = post(path, body, "application/x-www-form-urlencoded");
    return session == null ? r : r.header("Cookie", session);
  }

  /** The sign-in form with a token, to come back to {@code next}. */
  HttpRequest.Builder signInForm(String token, String next) {
    return form("/login", null, "token=" + enc(token) + "&next=" + enc(next));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The answer to a plain GET, whatever its status. */
  HttpResponse<String> fetch(String path) throws Exception {
    return send(get(path));
  }

  /** A page's text; it must answer 200. */
  String text(String path) throws Exception {
    HttpResponse<String> r = fetch(path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return r.body();
  }

  /** A JSON answer; it must be 200. */
  JsonNode json(String path) throws Exception {
    return JSON.readTree(text(path));
  }

  static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.getLocalPort() + path);
  }
}
