package dev.redrive.policy.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A pattern where {@code *} stands for any run of characters (also none) and every other character
 * for itself, case-sensitive. Compiled once into its literal parts; matching allocates nothing.
 */
public final class Glob {
  private final String pattern;
  private final String[] parts;
  private final Shape shape;

  /** The text before the first {@code *} and after the last one (the whole pattern if none). */
  private final String first;

  private final String last;

  /** The common shapes get one string comparison instead of the general walk. */
  private enum Shape {
    EXACT,
    PREFIX,
    SUFFIX,
    ANYTHING,
    GENERAL
  }

  private Glob(String pattern, String[] parts) {
    this.pattern = pattern;
    this.parts = parts;
    this.first = parts[0];
    this.last = parts[parts.length - 1];
    if (parts.length == 1) {
      this.shape = Shape.EXACT;
    } else if (parts.length == 2 && parts[0].isEmpty() && parts[1].isEmpty()) {
      this.shape = Shape.ANYTHING;
    } else if (parts.length == 2 && parts[1].isEmpty()) {
      this.shape = Shape.PREFIX;
    } else if (parts.length == 2 && parts[0].isEmpty()) {
      this.shape = Shape.SUFFIX;
    } else {
      this.shape = Shape.GENERAL;
    }
  }

  /** Compiles {@code pattern}; every string is a valid pattern. */
  public static Glob compile(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int star = pattern.indexOf('*'); star >= 0; star = pattern.indexOf('*', start)) {
      parts.add(pattern.substring(start, star));
      start = star + 1;
    }
    parts.add(pattern.substring(start));
    return new Glob(pattern, parts.toArray(String[]::new));
  }

  /** The pattern as written. */
  public String pattern() {
    return pattern;
  }

  /** Whether the whole of {@code text} matches. */
  public boolean matches(String text) {
    return matches(text, 0);
  }

  /** Whether {@code text} from index {@code from} to its end matches. */
  public boolean matches(String text, int from) {
    // Tests of the shape's identity rather than a switch, which would read a lookup table first.
    Shape shape = this.shape;
    if (shape == Shape.PREFIX) {
      return text.startsWith(first, from);
    }
    if (shape == Shape.EXACT) {
      return text.length() - from == first.length() && text.startsWith(first, from);
    }
    if (shape == Shape.SUFFIX) {
      return text.length() - from >= last.length() && text.endsWith(last);
    }
    if (shape == Shape.ANYTHING) {
      return true;
    }
    int position = from + first.length();
    int end = text.length() - last.length();
    // The end first: patterns of one family share their start ("arn:aws:states:", "Lambda.").
    if (end < position || !text.startsWith(last, end) || !text.startsWith(first, from)) {
      return false;
    }
    // Middle parts: the leftmost occurrence of each is the best choice, as '*' absorbs the rest.
    for (int i = 1; i < parts.length - 1; i++) {
      String part = parts[i];
      int found = text.indexOf(part, position);
      if (found < 0 || found + part.length() > end) {
        return false;
      }
      position = found + part.length();
    }
    return true;
  }

  @Override
  public String toString() {
    return pattern;
  }
}
