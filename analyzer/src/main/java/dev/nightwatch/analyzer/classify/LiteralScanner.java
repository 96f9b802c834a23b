package dev.nightwatch.analyzer.classify;

import java.util.Collection;
import java.util.List;
import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;

/**
 * Tells in one pass over a line whether it contains any of a set of ASCII literals. Lucene's
 * automaton package builds the deterministic automaton for "anything, one of the literals,
 * anything"; its transitions are then laid out as one table of 128 columns (a non-ASCII character
 * behaves like any character no literal contains), so each character costs one array load. Most log
 * lines contain none of the literals, and so skip every rule and parser.
 */
public final class LiteralScanner {
  private static final int WORK_LIMIT = 1_000_000;
  private static final int ASCII = 128;

  /** next[state * 128 + c]: the next state, or its bitwise complement when that state accepts. */
  private final int[] next;

  /** next state for any non-ASCII character, complemented likewise. */
  private final int[] nonAscii;

  public LiteralScanner(Collection<String> literals) {
    if (literals.isEmpty()) {
      throw new IllegalArgumentException("no literals");
    }
    for (String literal : literals) {
      if (literal.isEmpty() || !literal.chars().allMatch(c -> c < ASCII)) {
        throw new IllegalArgumentException("not a non-empty ASCII literal: " + literal);
      }
    }
    Automaton union = Operations.union(literals.stream().map(Automata::makeString).toList());
    Automaton contains =
        Operations.concatenate(List.of(Automata.makeAnyString(), union, Automata.makeAnyString()));
    CharacterRunAutomaton dfa =
        new CharacterRunAutomaton(Operations.determinize(contains, WORK_LIMIT));
    int states = dfa.getSize();
    next = new int[states * ASCII];
    nonAscii = new int[states];
    for (int s = 0; s < states; s++) {
      for (int c = 0; c < ASCII; c++) {
        next[s * ASCII + c] = encode(dfa, dfa.step(s, c));
      }
      nonAscii[s] = encode(dfa, dfa.step(s, 0x80));
    }
  }

  private static int encode(CharacterRunAutomaton dfa, int state) {
    if (state < 0) {
      throw new IllegalStateException("the automaton must be total: it starts with 'anything'");
    }
    return dfa.isAccept(state) ? ~state : state;
  }

  /** True when the line contains at least one of the literals; stops at the first one. */
  public boolean any(String line) {
    int state = 0;
    for (int i = 0, n = line.length(); i < n; i++) {
      char c = line.charAt(i);
      int t = c < ASCII ? next[state * ASCII + c] : nonAscii[state];
      if (t < 0) {
        return true;
      }
      state = t;
    }
    return false;
  }
}
