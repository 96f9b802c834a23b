package dev.nightwatch.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.nightwatch.analyzer.LogAnalysis;
import dev.nightwatch.analyzer.LogAnalyzer;
import dev.nightwatch.analyzer.log.LogFormat;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Log analysis throughput on a 64 MiB regrtest-shaped log, beside a bare line split (a
 * BufferedReader decoding UTF-8 and splitting lines) of the same bytes in the same JVM. The {@code
 * bytes} counter is in bytes per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AnalyzerBenchmark {
  private byte[] log;

  /** Bytes processed, reported by JMH per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Bytes {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  @Setup
  public void generate() {
    log = RegrtestLogs.generate(64 << 20, 42);
  }

  @Benchmark
  public LogAnalysis analyze(Bytes counter) {
    counter.bytes += log.length;
    return new LogAnalyzer().analyze(new ByteArrayInputStream(log), LogFormat.AUTO);
  }

  @Benchmark
  public long lineSplit(Bytes counter) throws IOException {
    counter.bytes += log.length;
    long lines = 0;
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(new ByteArrayInputStream(log), UTF_8), 1 << 16)) {
      while (reader.readLine() != null) {
        lines++;
      }
    }
    return lines;
  }
}
