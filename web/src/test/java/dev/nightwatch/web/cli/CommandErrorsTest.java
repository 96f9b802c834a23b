package dev.nightwatch.web.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.web.NightwatchApplication;
import dev.nightwatch.web.NightwatchConfiguration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import org.junit.jupiter.api.Test;

class CommandErrorsTest {
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final Cli cli =
      new Cli(
          new JarLocation(NightwatchApplication.class),
          new Bootstrap<NightwatchConfiguration>(new NightwatchApplication()),
          new PrintStream(new ByteArrayOutputStream(), true, UTF_8),
          new PrintStream(stderr, true, UTF_8));

  @Test
  void aPortInUseIsExplainedWithoutAStackTrace() {
    Exception e =
        new RuntimeException(
            new IOException(
                "Failed to bind to /127.0.0.1:8080", new BindException("Address already in use")));

    CommandErrors.print(cli, e);

    assertThat(stderr.toString(UTF_8))
        .startsWith("nightwatch: cannot listen: Failed to bind to /127.0.0.1:8080.")
        .contains("server.applicationConnectors")
        .doesNotContain("\tat ");
  }

  @Test
  void anExpectedFailureIsItsMessage() {
    CommandErrors.print(cli, new CommandFailedException("2 of 5 files could not be imported"));

    assertThat(stderr.toString(UTF_8))
        .isEqualTo("2 of 5 files could not be imported" + System.lineSeparator());
  }

  @Test
  void anythingElseIsPrintedInFull() {
    CommandErrors.print(cli, new IllegalStateException("bug"));

    assertThat(stderr.toString(UTF_8))
        .startsWith("nightwatch: java.lang.IllegalStateException: bug")
        .contains("\tat ");
  }
}
