package dev.redrive.policy.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@code causes} entry: a Java regular expression found anywhere in the cause.
 *
 * <p>Causes are long (an AWS SDK message is often 300 characters or more) and most entries never
 * match them, so the search avoids the regex engine where it can, with the same results:
 *
 * <ul>
 *   <li>plain text (no metacharacters) is searched with {@link String#indexOf}; after {@code (?i)},
 *       ASCII text is searched ignoring ASCII case, which is what {@code (?i)} means without {@code
 *       (?u)};
 *   <li>any other expression that starts with such text (and has no {@code |}) runs the regex
 *       engine only when that text occurs in the cause.
 * </ul>
 */
public final class CausePattern {
  private static final String METACHARACTERS = "\\^$.|?*+()[]{}";
  private static final String QUANTIFIERS = "?*+{";
  private static final String IGNORE_CASE = "(?i)";
  private static final String LETTERS_BY_FREQUENCY = "etaoinshrdlcumwfgypbvkjxqz";

  private final String regex;
  private final Pattern pattern;
  private final boolean plain;
  private final String literal;
  private final boolean ignoreCase;

  /** For an ignore-case literal: the index of its least common letter, searched for first. */
  private final int anchor;

  private CausePattern(
      String regex, Pattern pattern, boolean plain, String literal, boolean ignoreCase) {
    this.regex = regex;
    this.pattern = pattern;
    this.plain = plain;
    this.literal = literal;
    this.ignoreCase = ignoreCase;
    this.anchor = literal != null && ignoreCase ? rarestCharacter(literal) : 0;
  }

  /**
   * Compiles {@code regex}.
   *
   * @throws java.util.regex.PatternSyntaxException if it is not a valid regular expression
   */
  public static CausePattern compile(String regex) {
    Objects.requireNonNull(regex, "regex");
    Pattern pattern = Pattern.compile(regex);
    boolean ignoreCase = regex.startsWith(IGNORE_CASE);
    String body = ignoreCase ? regex.substring(IGNORE_CASE.length()) : regex;
    int plainLength = plainPrefixLength(body);
    if (plainLength == body.length() && plainLength > 0) {
      return new CausePattern(regex, pattern, true, literal(body, ignoreCase), ignoreCase);
    }
    if (body.indexOf('|') < 0 && plainLength < body.length()) {
      // A quantifier applies to the character before it, which is then not required.
      int required =
          QUANTIFIERS.indexOf(body.charAt(plainLength)) >= 0 ? plainLength - 1 : plainLength;
      if (required >= 2) {
        return new CausePattern(
            regex, pattern, false, literal(body.substring(0, required), ignoreCase), ignoreCase);
      }
    }
    return new CausePattern(regex, pattern, false, null, false);
  }

  /** The regular expression as written. */
  public String regex() {
    return regex;
  }

  /** Whether the expression is found anywhere in {@code text}. */
  public boolean find(String text) {
    if (literal != null) {
      boolean found =
          ignoreCase ? containsIgnoringAsciiCase(text, literal, anchor) : text.contains(literal);
      if (plain || !found) {
        return found;
      }
    }
    return pattern.matcher(text).find();
  }

  /** How many characters at the start of {@code body} are plain ASCII text. */
  private static int plainPrefixLength(String body) {
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (METACHARACTERS.indexOf(c) >= 0 || c > 0x7f) {
        return i;
      }
    }
    return body.length();
  }

  private static String literal(String text, boolean ignoreCase) {
    return ignoreCase ? lowerAscii(text) : text;
  }

  private static String lowerAscii(String text) {
    StringBuilder lower = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      lower.append(lowerAscii(text.charAt(i)));
    }
    return lower.toString();
  }

  private static char lowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  private static char upperAscii(char c) {
    return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
  }

  /** {@code lowerLiteral} (ASCII, lower case) in {@code text}, ASCII letters in either case. */
  private static boolean containsIgnoringAsciiCase(String text, String lowerLiteral, int anchor) {
    // Look for the literal's least common letter with the vectorised indexOf(char), in both cases,
    // and compare the whole literal only where it occurs.
    char lower = lowerLiteral.charAt(anchor);
    char upper = upperAscii(lower);
    int from = anchor;
    int to = text.length() - lowerLiteral.length() + anchor;
    if (candidatesMatch(text, lowerLiteral, anchor, lower, from, to)) {
      return true;
    }
    return upper != lower && candidatesMatch(text, lowerLiteral, anchor, upper, from, to);
  }

  private static boolean candidatesMatch(
      String text, String lowerLiteral, int anchor, char c, int from, int to) {
    for (int i = text.indexOf(c, from); i >= 0 && i <= to; i = text.indexOf(c, i + 1)) {
      if (regionMatches(text, i - anchor, lowerLiteral)) {
        return true;
      }
    }
    return false;
  }

  private static boolean regionMatches(String text, int start, String lowerLiteral) {
    for (int j = 0; j < lowerLiteral.length(); j++) {
      if (lowerAscii(text.charAt(start + j)) != lowerLiteral.charAt(j)) {
        return false;
      }
    }
    return true;
  }

  /** The index of the character of {@code lowerLiteral} least common in English text. */
  private static int rarestCharacter(String lowerLiteral) {
    int best = 0;
    int bestRank = Integer.MIN_VALUE;
    for (int i = 0; i < lowerLiteral.length(); i++) {
      int rank = rarity(lowerLiteral.charAt(i));
      if (rank > bestRank) {
        best = i;
        bestRank = rank;
      }
    }
    return best;
  }

  private static int rarity(char c) {
    int letter = LETTERS_BY_FREQUENCY.indexOf(c);
    if (letter >= 0) {
      return letter;
    }
    return c == ' ' ? -1 : 12;
  }

  @Override
  public String toString() {
    return regex;
  }
}
