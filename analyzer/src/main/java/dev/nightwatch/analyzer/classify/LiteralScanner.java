package dev.nightwatch.analyzer.classify;

import java.util.Collection;
import java.util.List;
import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;

/**
 * Tells in one pass over a line whether it contains any of a set of literals: a deterministic
 * automaton for "anything, one of the literals, anything", built once with Lucene's automaton
 * package. Most log lines contain none, and so skip every rule and parser.
 */
public final class LiteralScanner {
  private static final int WORK_LIMIT = 1_000_000;

  private final CharacterRunAutomaton automaton;

  public LiteralScanner(Collection<String> literals) {
    if (literals.isEmpty()) {
      throw new IllegalArgumentException("no literals");
    }
    Automaton union = Operations.union(literals.stream().map(Automata::makeString).toList());
    Automaton contains =
        Operations.concatenate(List.of(Automata.makeAnyString(), union, Automata.makeAnyString()));
    this.automaton = new CharacterRunAutomaton(Operations.determinize(contains, WORK_LIMIT));
  }

  /** True when the line contains at least one of the literals; stops at the first one. */
  public boolean any(String line) {
    int state = 0;
    for (int i = 0, n = line.length(); i < n; i++) {
      state = automaton.step(state, line.charAt(i));
      if (state < 0) {
        return false;
      }
      if (automaton.isAccept(state)) {
        return true;
      }
    }
    return automaton.isAccept(state);
  }
}
