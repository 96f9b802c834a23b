package dev.nightwatch.analyzer.classify;

import static java.util.Objects.requireNonNull;

import dev.nightwatch.schema.model.FailureKind;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One line-classification rule: a name, the failure kind it reports, the literals one of which a
 * line must contain before the (slower) pattern is tried, the pattern, and how to cut an excerpt
 * around a matching line. A weak rule reports a consequence (make's "Error 2") and only counts when
 * nothing stronger was found.
 */
public record Rule(
    String name,
    FailureKind kind,
    List<String> literals,
    Pattern pattern,
    Context context,
    boolean weak) {

  /** What surrounds a matching line in its excerpt. */
  public enum Context {
    /** "In function …" before, source lines and notes after: a compiler diagnostic. */
    COMPILER,
    /** The lines that follow: a thread dump or a traceback after a crash or timeout. */
    DUMP,
    /** A couple of lines either side. */
    AROUND
  }

  public Rule {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    literals = List.copyOf(literals);
    requireNonNull(pattern, "pattern");
    requireNonNull(context, "context");
  }

  /** True when the line matches this rule. */
  public boolean matches(String line) {
    for (String literal : literals) {
      if (line.contains(literal)) {
        return pattern.matcher(line).find();
      }
    }
    return false;
  }
}
