package dev.redrive.policy.internal;

import java.util.List;

/**
 * The characters a list of {@link Glob} patterns can start with: a filter that rejects most texts
 * with one comparison, before any pattern is tried. Patterns of one field often differ from the
 * first character on ({@code Lambda.*}, {@code States.Timeout}, {@code Custom.*}).
 */
public final class FirstCharacters {
  /** Bit {@code c} set for every ASCII character {@code c} a pattern starts with. */
  private final long low;

  private final long high;

  /**
   * False when a pattern starts with {@code *} or a non-ASCII character: then any text may match.
   */
  private final boolean filters;

  private FirstCharacters(long low, long high, boolean filters) {
    this.low = low;
    this.high = high;
    this.filters = filters;
  }

  /** The first characters of {@code patterns}, patterns with {@code *} as wildcard. */
  public static FirstCharacters of(List<String> patterns) {
    long low = 0;
    long high = 0;
    for (String pattern : patterns) {
      char c = pattern.isEmpty() ? '*' : pattern.charAt(0);
      if (c == '*' || c >= 128) {
        return new FirstCharacters(0, 0, false);
      }
      if (c < 64) {
        low |= 1L << c;
      } else {
        high |= 1L << (c - 64);
      }
    }
    return new FirstCharacters(low, high, true);
  }

  /** Whether {@code text} from index {@code from} may match one of the patterns. */
  public boolean mayStart(String text, int from) {
    if (!filters) {
      return true;
    }
    if (from >= text.length()) {
      return false;
    }
    char c = text.charAt(from);
    if (c < 64) {
      return (low & (1L << c)) != 0;
    }
    return c < 128 && (high & (1L << (c - 64))) != 0;
  }
}
