package dev.nightwatch.collector.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightwatch.schema.model.BuildResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuildbotLogTailTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "exit code 0 | 'Result: SUCCESS\nprogram finished with exit code 0\nelapsedTime=2.29\n' | SUCCESS",
        "exit code 2 | 'make: *** Error 2\nprogram finished with exit code 2\nelapsedTime=7.0\n' | FAILURE",
        "killed | 'process killed by signal 9\nprogram finished with exit code -1\n' | FAILURE",
        "header prefix | 'hprogram finished with exit code 0\nhelapsedTime=1\n' | SUCCESS",
        "step timeout | 'command timed out: 1200 seconds without output running [make]\n' | FAILURE",
        "test's own words | 'the program finished with exit code 2 as expected\n' | UNKNOWN",
        "nothing | 'Result: FAILURE\n' | UNKNOWN",
        "last line wins | 'program finished with exit code 1\nprogram finished with exit code 0\n' | SUCCESS",
      })
  void readsTheStepResult(String name, String tail, BuildResult expected) {
    assertThat(BuildbotLogTail.result(tail.replace("\\n", "\n"))).isEqualTo(expected);
  }
}
