package dev.redrive.policy.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code causes} entry: a regular expression found anywhere in the cause, run by RE2/J, whose
 * time is linear in the length of the cause (no backtracking: a pattern such as {@code ((a+)+)+b}
 * cannot stall a decision). The syntax is RE2's, which is Java's without what needs backtracking
 * (backreferences, lookaround, atomic groups, possessive quantifiers) and a few Java-only forms;
 * {@link #problem} says why a pattern cannot be run.
 *
 * <p>Causes are long (an AWS SDK message is often 300 characters or more) and most entries never
 * match them, so the search avoids the regex engine where it can, with the same results:
 *
 * <ul>
 *   <li>plain text (no metacharacters) is searched with {@link String#indexOf}; after {@code (?i)},
 *       ASCII text is searched ignoring case as RE2 folds it (ASCII case, and also the Kelvin sign
 *       U+212A for {@code k} and the long s U+017F for {@code s});
 *   <li>any other expression that starts with such text (and has no {@code |}) runs the regex
 *       engine only when that text occurs in the cause.
 * </ul>
 */
public final class CausePattern {
  /**
   * The largest RE2 program a pattern may compile to. Matching costs up to one step per program
   * instruction per character of the cause, so this bounds a decision's time for a cause of a given
   * length; the longest pattern in the docs compiles to under 200 instructions.
   */
  public static final int MAX_PROGRAM_SIZE = 500;

  /** The longest pattern text accepted, checked before compiling. */
  public static final int MAX_LENGTH = 1_000;

  private static final String METACHARACTERS = "\\^$.|?*+()[]{}";
  private static final String QUANTIFIERS = "?*+{";
  private static final String IGNORE_CASE = "(?i)";
  private static final String LETTERS_BY_FREQUENCY = "etaoinshrdlcumwfgypbvkjxqz";
  private static final char KELVIN_SIGN = '\u212A';
  private static final char LONG_S = '\u017F';

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
   * @throws IllegalArgumentException if RE2 cannot run it, with {@link #problem}'s explanation
   */
  public static CausePattern compile(String regex) {
    Objects.requireNonNull(regex, "regex");
    Result result = compiled(regex);
    if (result.pattern() == null) {
      throw new IllegalArgumentException(result.reason());
    }
    Pattern pattern = result.pattern();
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

  /**
   * Why {@code regex} cannot be a cause pattern, or empty if it can: a syntax error, or something
   * RE2 does not run (a backreference, lookaround, ...), said with what to write instead.
   */
  public static Optional<String> problem(String regex) {
    Objects.requireNonNull(regex, "regex");
    return Optional.ofNullable(compiled(regex).reason());
  }

  /** The compiled pattern, or why there is none. */
  private static Result compiled(String regex) {
    if (regex.length() > MAX_LENGTH) {
      return Result.failed(
          "a cause pattern may have at most " + MAX_LENGTH + " characters, has " + regex.length());
    }
    Optional<String> javaOnly = JavaOnlySyntax.find(regex);
    if (javaOnly.isPresent()) {
      return Result.failed(javaOnly.get());
    }
    Optional<String> tooLarge = RepetitionSize.check(regex, MAX_PROGRAM_SIZE);
    if (tooLarge.isPresent()) {
      return Result.failed(tooLarge.get());
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      return Result.failed(JavaOnlySyntax.explain(e));
    }
    if (pattern.programSize() > MAX_PROGRAM_SIZE) {
      return Result.failed(
          "the pattern is too large: it compiles to "
              + pattern.programSize()
              + " instructions, at most "
              + MAX_PROGRAM_SIZE
              + " are allowed (each character of a cause may cost one step per instruction)");
    }
    return new Result(pattern, null);
  }

  /** A compiled pattern or the reason there is none. */
  private record Result(Pattern pattern, String reason) {
    static Result failed(String reason) {
      return new Result(null, reason);
    }
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

  /** A character of the cause as {@code (?i)} compares it with an ASCII literal. */
  private static char fold(char c) {
    if (c < 0x80) {
      return lowerAscii(c);
    }
    return c == KELVIN_SIGN ? 'k' : c == LONG_S ? 's' : c;
  }

  private static char upperAscii(char c) {
    return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
  }

  /**
   * {@code lowerLiteral} (ASCII, lower case) in {@code text}, letters in any case RE2's {@code
   * (?i)} folds them to.
   */
  private static boolean containsIgnoringAsciiCase(String text, String lowerLiteral, int anchor) {
    // Look for the literal's least common letter with the vectorised indexOf(char), in each of its
    // cases, and compare the whole literal only where it occurs.
    char lower = lowerLiteral.charAt(anchor);
    char upper = upperAscii(lower);
    int from = anchor;
    int to = text.length() - lowerLiteral.length() + anchor;
    if (candidatesMatch(text, lowerLiteral, anchor, lower, from, to)
        || (upper != lower && candidatesMatch(text, lowerLiteral, anchor, upper, from, to))) {
      return true;
    }
    char other = lower == 'k' ? KELVIN_SIGN : lower == 's' ? LONG_S : 0;
    return other != 0 && candidatesMatch(text, lowerLiteral, anchor, other, from, to);
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
      if (fold(text.charAt(start + j)) != lowerLiteral.charAt(j)) {
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
    if (c == 'k' || c == 's') {
      return -1; // three spellings to search for: chosen only when nothing else is
    }
    int letter = LETTERS_BY_FREQUENCY.indexOf(c);
    if (letter >= 0) {
      return letter;
    }
    return c == ' ' ? -2 : 12;
  }

  @Override
  public String toString() {
    return regex;
  }
}
