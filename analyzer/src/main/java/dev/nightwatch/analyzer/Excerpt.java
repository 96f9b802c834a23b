package dev.nightwatch.analyzer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Builds a failure's excerpt with bounded memory: the first {@link #HEAD} lines, the last {@link
 * #TAIL}, and a count of those left out between; each line cut at {@link #MAX_LINE_CHARS}.
 */
final class Excerpt {
  static final int HEAD = 40;
  static final int TAIL = 30;
  static final int MAX_LINE_CHARS = 400;

  private final List<String> head = new ArrayList<>();
  private final Deque<String> tail = new ArrayDeque<>();
  private long omitted;

  void add(String line) {
    String cut = line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + " […]" : line;
    if (head.size() < HEAD) {
      head.add(cut);
      return;
    }
    tail.addLast(cut);
    if (tail.size() > TAIL) {
      tail.removeFirst();
      omitted++;
    }
  }

  /** Drops trailing blank lines. */
  void trim() {
    while (!tail.isEmpty() && tail.peekLast().isBlank()) {
      tail.removeLast();
    }
    while (tail.isEmpty() && !head.isEmpty() && head.get(head.size() - 1).isBlank()) {
      head.remove(head.size() - 1);
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    head.forEach(l -> s.append(l).append('\n'));
    if (omitted > 0) {
      s.append("[… ").append(omitted).append(" lines left out …]\n");
    }
    tail.forEach(l -> s.append(l).append('\n'));
    return s.toString().stripTrailing();
  }
}
