package dev.nightwatch.bench;

import dev.nightwatch.analyzer.dedup.ClusterMatcher;
import dev.nightwatch.analyzer.dedup.FailureIndex;
import dev.nightwatch.analyzer.dedup.IndexedFailure;
import dev.nightwatch.analyzer.dedup.SearchPage;
import dev.nightwatch.analyzer.dedup.SearchRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Clustering and search over an index of a million realistic failures ({@link FailureCorpus}):
 * {@code assign} places a new failure as {@link ClusterMatcher} does at ingest (half of them
 * repeats found by fingerprint, the rest near-duplicates and new problems that need the BM25
 * search), {@code assignBySimilarity} only the latter, and {@code search} runs a triager's query
 * with grouping, facets and highlights. Sample-time mode reports the median and the percentiles.
 * The index is built once into {@code target/dedup-index-vL-N} (its indexing rate printed) and
 * reused by later runs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class DedupBenchmark {
  private static final int PROBLEMS_PER_BASE = 500;

  /** Bumped when the index's documents change, so an old index on disk is not reused. */
  private static final int LAYOUT = 2;

  private static final int BUILD_THREADS = 2;

  @Param("1000000")
  public int failures;

  private FailureIndex index;
  private ClusterMatcher matcher;
  private List<IndexedFailure> probes;
  private List<IndexedFailure> unseen;
  private int nextUnseen;
  private List<SearchRequest> queries;
  private int nextProbe;
  private int nextQuery;

  @Setup(Level.Trial)
  public void open() throws IOException {
    FailureCorpus corpus = new FailureCorpus(PROBLEMS_PER_BASE);
    Path dir = Path.of("target", "dedup-index-v" + LAYOUT + "-" + failures);
    Path ready = dir.resolve("READY");
    if (!Files.exists(ready)) {
      build(corpus, dir);
      Files.writeString(ready, Instant.now().toString());
    }
    index = FailureIndex.open(dir);
    matcher = new ClusterMatcher(index, ClusterMatcher.DEFAULT_THRESHOLD);
    SplittableRandom random = new SplittableRandom(7);
    probes = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      long id = failures + 1L + i;
      int kind = random.nextInt(10);
      probes.add(
          kind < 5
              ? corpus.repeat(id, random)
              : kind < 8 ? corpus.perturbed(id, random) : corpus.newProblem(id, random));
    }
    unseen =
        java.util.stream.IntStream.range(0, 2000)
            .mapToObj(
                i ->
                    i % 2 == 0
                        ? corpus.perturbed(failures + 10_000L + i, random)
                        : corpus.newProblem(failures + 10_000L + i, random))
            .toList();
    queries = queries(random);
    System.out.printf(
        "%nindex: %d failures of %d problems from %d sample failures, %d MB on disk%n",
        index.count(), corpus.problems(), corpus.bases(), size(dir) >> 20);
  }

  private void build(FailureCorpus corpus, Path dir) throws IOException {
    long start = System.nanoTime();
    try (FailureIndex building = FailureIndex.open(dir)) {
      building.deleteAll();
      SplittableRandom seed = new SplittableRandom(42);
      List<Thread> threads = new ArrayList<>();
      List<IOException> errors = java.util.Collections.synchronizedList(new ArrayList<>());
      int per = failures / BUILD_THREADS;
      for (int t = 0; t < BUILD_THREADS; t++) {
        int from = 1 + t * per;
        int to = t == BUILD_THREADS - 1 ? failures : from + per - 1;
        SplittableRandom random = seed.split();
        Thread thread =
            new Thread(
                () -> {
                  try {
                    for (int i = from; i <= to; i++) {
                      building.upsert(corpus.failure(i, random.nextInt(corpus.problems()), random));
                    }
                  } catch (IOException e) {
                    errors.add(e);
                  }
                });
        thread.start();
        threads.add(thread);
      }
      for (Thread t : threads) {
        t.join();
      }
      if (!errors.isEmpty()) {
        throw errors.get(0);
      }
      building.commit();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "%nindexed %d failures in %.1f s: %.0f failures/s (generated and indexed on %d threads,"
            + " heap %d MB)%n",
        failures,
        seconds,
        failures / seconds,
        BUILD_THREADS,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  private static List<SearchRequest> queries(SplittableRandom random) {
    List<String> texts =
        List.of(
            "AssertionError",
            "\"Fatal Python error\"",
            "Timeout",
            "test:test_ftplib",
            "test:test_asyncio AND kind:test_failure",
            "undeclared",
            "builder:s390x AND kind:crash",
            "\"No space left on device\"",
            "error AND builder:\"AMD64 Debian\"",
            "kind:timeout AND time:[2026-06-01 TO 2026-07-01]",
            "ConnectionResetError OR BrokenPipeError",
            "w1a",
            "Segmentation",
            "leaked references",
            "branch:3.13 AND AssertionError");
    List<SearchRequest> out = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String q = texts.get(i % texts.size());
      Map<String, String> filters =
          i % 4 == 0
              ? Map.of("builder", FailureCorpus.builderName(random.nextInt(FailureCorpus.BUILDERS)))
              : Map.of();
      out.add(new SearchRequest(q, filters, null, null, 10 * random.nextInt(3), 10, 3));
    }
    return out;
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    index.close();
  }

  /** One new failure placed: fingerprint lookup, else a BM25 search among compatible failures. */
  @Benchmark
  public ClusterMatcher.Match assign() throws IOException {
    IndexedFailure probe = probes.get(nextProbe++ % probes.size());
    return matcher.match(probe);
  }

  /**
   * One new failure whose fingerprint is not indexed (a near-duplicate or a new problem, half and
   * half): the BM25 path alone.
   */
  @Benchmark
  public ClusterMatcher.Match assignBySimilarity() throws IOException {
    return matcher.match(unseen.get(nextUnseen++ % unseen.size()));
  }

  /** One triager's search: hits grouped by cluster, facet counts, highlighted excerpts. */
  @Benchmark
  public SearchPage search() throws IOException {
    return index.search(queries.get(nextQuery++ % queries.size()));
  }
}
