package dev.nightwatch.web.views;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.web.NightwatchConfiguration;
import dev.nightwatch.web.TempData;
import dev.nightwatch.web.TestLogs;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A page whose template fails after writing more than Jersey's usual 8 KiB buffer answers 500, not
 * a 200 cut short (the server holds a page back until it is whole).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class BrokenPageIT {
  private static final java.nio.file.Path DATA = TempData.create("nightwatch-broken-");

  /** A page whose template fails after 60 KB. */
  public static final class BrokenView extends PageView {
    BrokenView() {
      super("broken.ftlh", "Broken");
    }
  }

  /** Serves the broken page. */
  @Path("/test/broken")
  @Produces(MediaType.TEXT_HTML)
  public static final class BrokenResource {
    @GET
    public BrokenView page() {
      return new BrokenView();
    }
  }

  static final DropwizardAppExtension<NightwatchConfiguration> APP =
      TestLogs.app(DATA)
          .addListener(
              new DropwizardAppExtension.ServiceListener<>() {
                @Override
                public void onRun(
                    NightwatchConfiguration configuration,
                    Environment environment,
                    DropwizardAppExtension<NightwatchConfiguration> rule) {
                  environment.jersey().register(new BrokenResource());
                }
              });

  @AfterAll
  static void deleteData() throws Exception {
    APP.after();
    TempData.delete(DATA);
  }

  @Test
  void aTemplateThatFailsHalfWayAnswers500() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/test/broken"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(r.body()).doesNotContain("line 1000 of a long page");
  }
}
