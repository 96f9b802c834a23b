package dev.nightwatch.collector.buildbot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Real Buildbot 3.7.0 answers (from shared/samples/buildbot) read into records. */
class ApiReaderTest {
  private final ApiReader reader = new ApiReader();

  private static String sample(String name) throws IOException {
    try (InputStream in = ApiReaderTest.class.getResourceAsStream("/buildbot/" + name)) {
      if (in == null) {
        throw new IOException("no sample " + name);
      }
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  @Nested
  class Builds {
    @Test
    void aFinishedBuildWithItsProperties() throws Exception {
      var builds = reader.builds(sample("build_flaky_failure/build.json"));

      assertThat(builds).hasSize(1);
      ApiModel.Build b = builds.get(0);
      assertThat(b.buildid()).isEqualTo(82);
      assertThat(b.builderid()).isEqualTo(2);
      assertThat(b.number()).isEqualTo(21);
      assertThat(b.complete()).isTrue();
      assertThat(b.results()).isEqualTo(2);
      assertThat(b.stateString()).isEqualTo("failed test (failure)");
      assertThat(b.startedAt()).isEqualTo(Instant.ofEpochSecond(1795600663));
      assertThat(b.completeAt()).isEqualTo(Instant.ofEpochSecond(1795600673));
      assertThat(b.workerid()).isEqualTo(1);
      assertThat(b.property("got_revision")).isEqualTo("7dcef99f94ab18362f8051ac977995fda5acacdd");
      assertThat(b.property("branch")).isEqualTo("main");
      assertThat(b.property("workername")).isEqualTo("lab-linux-amd64");
      assertThat(b.property("warnings-count")).isEqualTo("4");
      assertThat(b.property("no-such-property")).isNull();
    }

    @Test
    void aPageOfBuildsWithoutPropertiesAndRunningBuilds() throws Exception {
      var finished = reader.builds(sample("builds_complete_latest5.json"));
      assertThat(finished).hasSize(5).allSatisfy(b -> assertThat(b.complete()).isTrue());
      assertThat(finished.get(0).properties()).isEmpty();

      var running = reader.builds(sample("builds_running.json"));
      assertThat(running)
          .allSatisfy(
              b -> {
                assertThat(b.complete()).isFalse();
                assertThat(b.results()).isNull();
                assertThat(b.completeAt()).isNull();
              });
    }

    @Test
    void onlyRequestedPropertiesComeBack() throws Exception {
      var builds = reader.builds(sample("builds_with_properties.json"));
      assertThat(builds).hasSize(3);
      assertThat(builds.get(0).properties()).containsKey("got_revision");
      assertThat(builds.get(0).properties()).doesNotContainKey("workername");
    }
  }

  @Test
  void stepsLogsChangesBuildersAndWorkers() throws Exception {
    var steps = reader.steps(sample("build_flaky_failure/steps.json"));
    assertThat(steps).extracting(ApiModel.Step::name).contains("worker_preparation", "test");
    assertThat(steps.get(0).startedAt()).isEqualTo(Instant.ofEpochSecond(1795600663));

    var logs = reader.logs(sample("build_flaky_failure/step5_test_logs.json"));
    assertThat(logs.get(0)).isEqualTo(new ApiModel.Log(597, 575, "stdio", "stdio", "s", 118, true));

    assertThat(reader.changes(sample("build_flaky_failure/changes.json"))).isEmpty();
    var changes = reader.changes(sample("changes_latest3.json"));
    assertThat(changes).hasSize(3);
    assertThat(changes.get(0).comments())
        .isEqualTo("gh-120272: Add fast path for small ints (#120289)");
    assertThat(changes.get(0).author()).isEqualTo("Ola Nordmann <ola@example.net>");
    assertThat(changes.get(0).files()).containsExactly("Objects/listobject.c");
    assertThat(changes.get(0).whenTimestamp()).isEqualTo(Instant.ofEpochSecond(1795600977));

    var builders = reader.builders(sample("builders.json"));
    assertThat(builders).extracting(ApiModel.Builder::name).contains("ARM64 macOS 3.x");
    assertThat(builders.get(0).tags()).contains("stable");

    assertThat(reader.workers(sample("workers.json")))
        .extracting(ApiModel.Worker::name)
        .contains("lab-linux-amd64");
  }

  @Nested
  class BadAnswers {
    @Test
    void anErrorBodySaysWhatBuildbotSaid() throws Exception {
      String body = sample("error_not_found.json");
      assertThat(reader.error(body)).get().asString().startsWith("not found");
      assertThatThrownBy(() -> reader.builds(body))
          .isInstanceOf(ApiFormatException.class)
          .hasMessageContaining("no \"builds\" list")
          .hasMessageContaining("Buildbot says not found");
    }

    @Test
    void malformedJsonIsAClearError() {
      assertThatThrownBy(() -> reader.builds("{\"builds\": [ {\"buildid\": "))
          .isInstanceOf(ApiFormatException.class)
          .hasMessageStartingWith("not JSON");
      assertThatThrownBy(() -> reader.builds("<html>502 Bad Gateway</html>"))
          .isInstanceOf(ApiFormatException.class);
      assertThatThrownBy(() -> reader.builds("{\"builds\": [{\"buildid\": \"x\"}]}"))
          .isInstanceOf(ApiFormatException.class)
          .hasMessageContaining("malformed entry");
      assertThat(reader.error("not json")).isEmpty();
    }
  }
}
