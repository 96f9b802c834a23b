package dev.nightwatch.analyzer.dedup;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How well a clustering pairs duplicates, counted over every pair of failures: precision (of the
 * pairs put together, how many are duplicates) and recall (of the duplicate pairs, how many were
 * put together); also how many duplicate pairs were put together though their fingerprints differ,
 * which only the similarity search can do. The evaluations of the README use it.
 */
public record PairwiseQuality(
    int failures, int duplicatePairs, double precision, double recall, int joinedBySimilarity) {

  /** One clustered failure: its true group, the cluster it was put in, and its fingerprint. */
  public record Placed(String group, long cluster, String fingerprint) {
    public Placed {
      requireNonNull(group, "group");
      requireNonNull(fingerprint, "fingerprint");
    }
  }

  private static final Pattern SMALL = Pattern.compile("(?<![\\w.])(\\d{1,2})(?![\\w.])");

  /** The quality of these placements. */
  public static PairwiseQuality of(List<Placed> placed) {
    int duplicates = 0;
    int together = 0;
    int right = 0;
    int bySimilarity = 0;
    for (int i = 0; i < placed.size(); i++) {
      for (int j = i + 1; j < placed.size(); j++) {
        Placed a = placed.get(i);
        Placed b = placed.get(j);
        boolean duplicate = a.group().equals(b.group());
        boolean same = a.cluster() == b.cluster();
        duplicates += duplicate ? 1 : 0;
        together += same ? 1 : 0;
        right += duplicate && same ? 1 : 0;
        bySimilarity += duplicate && same && !a.fingerprint().equals(b.fingerprint()) ? 1 : 0;
      }
    }
    return new PairwiseQuality(
        placed.size(),
        duplicates,
        together == 0 ? 1 : (double) right / together,
        duplicates == 0 ? 1 : (double) right / duplicates,
        bySimilarity);
  }

  /**
   * The text with every one- and two-digit number changed, as another run of the same failure has
   * them (line numbers, counters, small values): masking leaves them, so fingerprints differ.
   */
  public static String perturbed(String text) {
    Matcher m = SMALL.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, String.valueOf((Integer.parseInt(m.group(1)) + 3) % 97));
    }
    return m.appendTail(out).toString();
  }

  @Override
  public String toString() {
    return "precision %.3f, recall %.3f on %d failures (%d duplicate pairs, %d joined by similarity alone)"
        .formatted(precision, recall, failures, duplicatePairs, joinedBySimilarity);
  }
}
