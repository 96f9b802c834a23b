package dev.nightwatch.bench;

import dev.nightwatch.analyzer.LogAnalysis;
import dev.nightwatch.analyzer.LogAnalyzer;
import dev.nightwatch.analyzer.log.LogFormat;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** A 2 GiB log, generated as it is read, analysed in a JVM with a 256 MiB heap: one shot. */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx256m"})
public class LargeLogBenchmark {
  static final long SIZE = 2L << 30;

  @Benchmark
  public LogAnalysis analyzeTwoGibibytesIn256MibOfHeap() {
    LogAnalysis analysis = new LogAnalyzer().analyze(RegrtestLogs.stream(SIZE, 7), LogFormat.AUTO);
    if (analysis.lines() < SIZE / 200) {
      throw new IllegalStateException(
          "the log was not read to its end: " + analysis.lines() + " lines");
    }
    return analysis;
  }
}
