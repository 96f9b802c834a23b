package dev.nightwatch.bench;

import dev.nightwatch.analyzer.FailureFinding;
import dev.nightwatch.analyzer.LogAnalyzer;
import dev.nightwatch.analyzer.dedup.IndexedFailure;
import dev.nightwatch.analyzer.dedup.PairwiseQuality;
import dev.nightwatch.analyzer.fingerprint.Fingerprint;
import dev.nightwatch.analyzer.fingerprint.Normalizer;
import dev.nightwatch.analyzer.log.LogFormat;
import dev.nightwatch.schema.model.FailureKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Realistic failures in any number: the real failures of the sample logs, varied the way a fleet
 * varies them. Each sample failure stands for many problems (its key line's last word changed per
 * problem, its test renamed); each problem recurs on a few builders and workers, on three branches,
 * over a year, and every occurrence gets fresh volatile tokens (addresses, big numbers, temp paths,
 * durations) that the normalizer masks.
 */
final class FailureCorpus {
  static final int BUILDERS = 100;
  static final Instant END = Instant.parse("2026-12-01T00:00:00Z");
  private static final long YEAR_MILLIS = 365L * 24 * 3600 * 1000;
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern BIG = Pattern.compile("(?<![\\w.])\\d{3,}(?![\\w.])");
  private static final Pattern LAST_WORD = Pattern.compile("([A-Za-z_]{3,})(?=[^A-Za-z_]*$)");
  private static final String[] BRANCHES = {"main", "main", "main", "main", "3.14", "3.13"};

  private final List<FailureFinding> bases;
  private final int problemsPerBase;

  FailureCorpus(int problemsPerBase) {
    this.bases = readSamples();
    this.problemsPerBase = problemsPerBase;
  }

  int bases() {
    return bases.size();
  }

  /** How many distinct problems the corpus draws from. */
  int problems() {
    return bases.size() * problemsPerBase;
  }

  /** The {@code n}-th failure: a fresh occurrence of problem {@code n mod problems}. */
  IndexedFailure failure(long id, long n, SplittableRandom random) {
    int problem = (int) (n % problems());
    return occurrence(id, problem, random, false);
  }

  /** A failure of a problem never generated: a new cluster, found by neither path. */
  IndexedFailure newProblem(long id, SplittableRandom random) {
    return occurrence(id, problems() + random.nextInt(1_000_000), random, false);
  }

  /** An occurrence of a known problem with its small numbers changed: another fingerprint. */
  IndexedFailure perturbed(long id, SplittableRandom random) {
    return occurrence(id, random.nextInt(problems()), random, true);
  }

  /** An occurrence of a known problem: same fingerprint, fresh volatile tokens. */
  IndexedFailure repeat(long id, SplittableRandom random) {
    return occurrence(id, random.nextInt(problems()), random, false);
  }

  private IndexedFailure occurrence(long id, int problem, SplittableRandom random, boolean bump) {
    FailureFinding base = bases.get(problem % bases.size());
    int variant = problem / bases.size();
    String word = "w" + Integer.toString(variant, 36);
    String keyLine = volatile_(rename(base.keyLine(), word), random);
    String excerpt =
        volatile_(base.excerpt().replace(base.keyLine(), rename(base.keyLine(), word)), random);
    if (bump) {
      keyLine = PairwiseQuality.perturbed(keyLine);
      excerpt = PairwiseQuality.perturbed(excerpt);
    }
    String testFile = base.testFile();
    String testName =
        testFile == null ? null : testFile + ".Test" + (variant % 40) + ".test_" + word;
    int builder = Math.floorMod(problem * 7 + random.nextInt(3), BUILDERS);
    return new IndexedFailure(
        id,
        id / 2,
        (long) problem,
        base.kind(),
        testFile,
        testName,
        builderName(builder),
        "worker-" + builder + "-" + random.nextInt(2),
        BRANCHES[random.nextInt(BRANCHES.length)],
        HexFormat.of().toHexDigits(random.nextLong()),
        END.minusMillis(random.nextLong(YEAR_MILLIS)),
        Fingerprint.of(base.kind(), testFile, keyLine),
        Normalizer.normalizeText(excerpt),
        keyLine,
        excerpt);
  }

  static String builderName(int n) {
    String[] platforms = {
      "AMD64 Debian", "ARM64 macOS", "s390x RHEL8", "PPC64LE Fedora", "x86 Gentoo"
    };
    return platforms[n % platforms.length]
        + (n / platforms.length % 2 == 0 ? " PGO" : " Refleaks")
        + " 3."
        + (n / 10)
        + "x-"
        + n;
  }

  private static String rename(String keyLine, String word) {
    Matcher m = LAST_WORD.matcher(keyLine);
    return m.find()
        ? keyLine.substring(0, m.start()) + word + keyLine.substring(m.end())
        : keyLine + " " + word;
  }

  private static String volatile_(String text, SplittableRandom random) {
    String s = HEX.matcher(text).replaceAll(r -> "0x" + Long.toHexString(random.nextLong() >>> 16));
    s = BIG.matcher(s).replaceAll(r -> Integer.toString(100 + random.nextInt(900_000)));
    return s.replace("/tmp/", "/tmp/tmp" + Integer.toString(random.nextInt(1 << 30), 36) + "/");
  }

  private static List<FailureFinding> readSamples() {
    List<FailureFinding> found = new ArrayList<>();
    LogAnalyzer analyzer = new LogAnalyzer();
    for (String dir : List.of("/corpus", "/golden")) {
      for (String name : list(dir)) {
        try (InputStream in = FailureCorpus.class.getResourceAsStream(dir + "/" + name)) {
          for (FailureFinding f : analyzer.analyze(in, LogFormat.AUTO).failures()) {
            if (f.kind() != FailureKind.UNKNOWN) {
              found.add(f);
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    if (found.isEmpty()) {
      throw new IllegalStateException("no sample failures on the classpath (corpus/, golden/)");
    }
    return found;
  }

  private static List<String> list(String dir) {
    try {
      URI uri = FailureCorpus.class.getResource(dir).toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem fs = FileSystems.newFileSystem(uri, Map.of());
            Stream<Path> files = Files.list(fs.getPath(dir))) {
          return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
      }
      try (Stream<Path> files = Files.list(Path.of(uri))) {
        return files.map(p -> p.getFileName().toString()).sorted().toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
