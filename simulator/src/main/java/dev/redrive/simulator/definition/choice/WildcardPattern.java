package dev.redrive.simulator.definition.choice;

import java.util.Arrays;

/**
 * A {@code StringMatches} pattern, compiled once: {@code *} matches any run of characters,
 * including none; {@code \*} is a literal asterisk and {@code \\} a literal backslash. The whole
 * string must match, case-sensitively.
 *
 * <p>A backslash before any other character stands for that character, and a trailing lone
 * backslash for itself: the AWS documentation names only the two escapes above.
 *
 * <p>Matching allocates nothing and runs in O(pattern × text) at worst, using the usual
 * backtrack-to-the-last-star algorithm, so a hostile pattern cannot make it exponential.
 */
final class WildcardPattern {
  private final String source;
  private final char[] chars;
  private final boolean[] star;

  private WildcardPattern(String source, char[] chars, boolean[] star) {
    this.source = source;
    this.chars = chars;
    this.star = star;
  }

  /** Compiles a pattern as written in the definition (after JSON unescaping). */
  static WildcardPattern compile(String pattern) {
    char[] chars = new char[pattern.length()];
    boolean[] star = new boolean[pattern.length()];
    int n = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        chars[n++] = pattern.charAt(++i);
      } else if (c == '*') {
        // Consecutive stars match the same as one.
        if (n == 0 || !star[n - 1]) {
          star[n] = true;
          chars[n++] = '*';
        }
      } else {
        chars[n++] = c;
      }
    }
    return new WildcardPattern(pattern, Arrays.copyOf(chars, n), Arrays.copyOf(star, n));
  }

  /**
   * Whether the whole of {@code text} matches. Reads at most (pattern length + 1) × (text length +
   * 1) characters of {@code text}.
   */
  boolean matches(CharSequence text) {
    int t = 0;
    int p = 0;
    int starAt = -1;
    int resumeText = 0;
    while (t < text.length()) {
      if (p < chars.length && !star[p] && chars[p] == text.charAt(t)) {
        t++;
        p++;
      } else if (p < chars.length && star[p]) {
        starAt = p++;
        resumeText = t;
      } else if (starAt >= 0) {
        p = starAt + 1;
        t = ++resumeText;
      } else {
        return false;
      }
    }
    while (p < chars.length && star[p]) {
      p++;
    }
    return p == chars.length;
  }

  @Override
  public String toString() {
    return source;
  }
}
