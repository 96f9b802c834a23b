package dev.nightwatch.web.views;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.schema.model.Build;
import dev.nightwatch.schema.model.BuildResult;
import dev.nightwatch.schema.model.SourceKind;
import dev.nightwatch.web.api.BuildPage;
import dev.nightwatch.web.api.BuildSummary;
import io.dropwizard.views.freemarker.FreemarkerViewRenderer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pages rendered by FreeMarker as the server does, for states the demo data does not hold. */
class PagesRenderTest {
  private static String render(PageView view) throws Exception {
    FreemarkerViewRenderer renderer = new FreemarkerViewRenderer();
    renderer.configure(Map.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    renderer.render(view, Locale.ROOT, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aBuildNotYetAnalysedIsListedAsSuch() throws Exception {
    Instant t = Instant.parse("2026-12-02T10:00:00Z");
    Build build =
        new Build(
            7,
            1,
            "lab",
            "AMD64 Debian 3.x",
            12,
            null,
            "abc",
            "main",
            null,
            BuildResult.FAILURE,
            "failed test",
            null,
            t,
            t,
            null,
            "worker-1",
            SourceKind.BUILDBOT,
            t);

    String html =
        render(
            new BuildListView(new BuildPage(List.of(new BuildSummary(build, null)), null), null));

    assertThat(html)
        .contains("verdict-none", "not analysed", "AMD64 Debian 3.x")
        .endsWith("</html>\n");
  }
}
