package dev.nightwatch.notifier.blame;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The builders that may blame a PR: stable builders, named exactly or by a glob ({@code *} for any
 * run of characters, as in {@code "AMD64 Ubuntu*"}). Unstable builders fail for reasons of their
 * own and never comment.
 */
public final class BuilderFilter {
  private final List<String> entries;
  private final List<Pattern> patterns;

  public BuilderFilter(List<String> entries) {
    this.entries = List.copyOf(entries);
    this.patterns = this.entries.stream().map(BuilderFilter::glob).toList();
  }

  /** Every builder may blame. */
  public static BuilderFilter all() {
    return new BuilderFilter(List.of("*"));
  }

  public boolean allows(String builder) {
    return patterns.stream().anyMatch(p -> p.matcher(builder).matches());
  }

  /** The configured names and globs, for saying why a builder may not blame. */
  public List<String> entries() {
    return entries;
  }

  private static Pattern glob(String entry) {
    StringBuilder regex = new StringBuilder();
    for (String part : entry.split("\\*", -1)) {
      if (!regex.isEmpty()) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
