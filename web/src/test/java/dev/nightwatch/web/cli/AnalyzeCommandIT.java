package dev.nightwatch.web.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nightwatch.web.NightwatchApplication;
import dev.nightwatch.web.NightwatchConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nightwatch analyze} through Dropwizard's real CLI. */
class AnalyzeCommandIT {
  @TempDir Path dir;
  private Path log;
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  @BeforeEach
  void copyLog() throws Exception {
    log = dir.resolve("flaky.log");
    try (InputStream in = getClass().getResourceAsStream("/logs/lab_flaky_failure.log")) {
      Files.copy(in, log);
    }
  }

  private Optional<Throwable> run(String... args) throws Exception {
    PrintStream out = new PrintStream(stdout, true, UTF_8);
    PrintStream err = new PrintStream(stderr, true, UTF_8);
    Bootstrap<NightwatchConfiguration> bootstrap = new Bootstrap<>(new NightwatchApplication());
    bootstrap.addCommand(new AnalyzeCommand(bootstrap.getObjectMapper(), out, err));
    return new Cli(new JarLocation(NightwatchApplication.class), bootstrap, out, err).run(args);
  }

  @Test
  void printsTheVerdictFailuresAndTestsAsText() throws Exception {
    assertThat(run("analyze", log.toString())).isEmpty();

    assertThat(stdout.toString(UTF_8))
        .contains("verdict:  FAILURE TEST_FAILURE — 1 test failed: test_netflaky")
        .contains("rule unittest-fail, line 41")
        .contains("  | AssertionError: 131072 != 262144")
        .contains("tests failed_again (1): test_netflaky");
  }

  @Test
  void printsJson() throws Exception {
    assertThat(run("analyze", "--json", log.toString())).isEmpty();

    JsonNode analysis = new ObjectMapper().readTree(stdout.toString(UTF_8));
    assertThat(analysis.at("/verdict/kind").asText()).isEqualTo("TEST_FAILURE");
    assertThat(analysis.at("/failures/0/rule").asText()).isEqualTo("unittest-fail");
  }

  @Test
  void aMissingFileFailsTheCommandButNotTheOthers() throws Exception {
    Optional<Throwable> error =
        run("analyze", dir.resolve("missing.log").toString(), log.toString());

    assertThat(error)
        .hasValueSatisfying(e -> assertThat(e).hasMessage("1 file(s) could not be read"));
    assertThat(stderr.toString(UTF_8)).contains("missing.log: cannot be read");
    assertThat(stdout.toString(UTF_8)).contains("verdict:  FAILURE");
  }
}
