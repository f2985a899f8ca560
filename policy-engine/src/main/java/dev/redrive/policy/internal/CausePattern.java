package dev.redrive.policy.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@code causes} entry: a Java regular expression found anywhere in the cause. Plain text (no
 * metacharacters), optionally after {@code (?i)}, is searched without the regex engine, which is
 * what most entries are ({@code "(?i)rate exceeded"}).
 */
public final class CausePattern {
  private static final String METACHARACTERS = "\\^$.|?*+()[]{}";

  private final String regex;
  private final Pattern pattern;
  private final String literal;
  private final boolean ignoreCase;

  private CausePattern(String regex, Pattern pattern, String literal, boolean ignoreCase) {
    this.regex = regex;
    this.pattern = pattern;
    this.literal = literal;
    this.ignoreCase = ignoreCase;
  }

  /**
   * Compiles {@code regex}.
   *
   * @throws java.util.regex.PatternSyntaxException if it is not a valid regular expression
   */
  public static CausePattern compile(String regex) {
    Objects.requireNonNull(regex, "regex");
    Pattern pattern = Pattern.compile(regex);
    boolean ignoreCase = regex.startsWith("(?i)");
    String body = ignoreCase ? regex.substring(4) : regex;
    if (!body.isEmpty() && isPlain(body)) {
      return new CausePattern(regex, pattern, body, ignoreCase);
    }
    return new CausePattern(regex, pattern, null, false);
  }

  /** The regular expression as written. */
  public String regex() {
    return regex;
  }

  /** Whether the expression is found anywhere in {@code text}. */
  public boolean find(String text) {
    if (literal == null) {
      return pattern.matcher(text).find();
    }
    if (!ignoreCase) {
      return text.contains(literal);
    }
    int length = literal.length();
    for (int i = 0, last = text.length() - length; i <= last; i++) {
      if (text.regionMatches(true, i, literal, 0, length)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPlain(String body) {
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      // Non-ASCII letters fold differently under (?i) without UNICODE_CASE: leave them to the
      // engine.
      if (METACHARACTERS.indexOf(c) >= 0 || c > 0x7f) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return regex;
  }
}
