package dev.nightwatch.bench;

import dev.nightwatch.analyzer.LogAnalysis;
import dev.nightwatch.analyzer.LogAnalyzer;
import dev.nightwatch.analyzer.log.LogFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A 2 GiB log file, written once before the measurement, analysed from disk in a JVM with a 256 MiB
 * heap: one shot, which shows the analysis streams in bounded memory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx256m"})
public class LargeLogBenchmark {
  static final long SIZE = 2L << 30;

  private Path log;

  @Setup
  public void write() throws IOException {
    log = Files.createTempFile("nightwatch-2g-", ".log");
    try (InputStream in = RegrtestLogs.stream(SIZE, 7)) {
      Files.copy(in, log, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @TearDown
  public void delete() throws IOException {
    Files.deleteIfExists(log);
  }

  @Benchmark
  public LogAnalysis analyzeTwoGibibytesIn256MibOfHeap() throws IOException {
    LogAnalysis analysis =
        new LogAnalyzer()
            .analyze(new BufferedInputStream(Files.newInputStream(log), 1 << 16), LogFormat.AUTO);
    if (analysis.lines() < SIZE / 200) {
      throw new IllegalStateException(
          "the log was not read to its end: " + analysis.lines() + " lines");
    }
    return analysis;
  }
}
