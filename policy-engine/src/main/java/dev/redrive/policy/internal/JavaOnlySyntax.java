package dev.redrive.policy.internal;

import com.google.re2j.PatternSyntaxException;
import java.util.Optional;

/**
 * What a user who knows Java's regular expressions may write in a cause pattern that RE2 cannot
 * run, and why: RE2's syntax is Java's without what needs backtracking. RE2/J reports these as
 * syntax errors with terse descriptions; this class says what the construct is and what to write
 * instead. It also finds the two Java forms that RE2/J would accept with another meaning (a
 * character class intersection {@code [a-z&&[^b]]} and a nested class {@code [a[b]]}), which are
 * refused rather than matched differently.
 */
final class JavaOnlySyntax {
  private static final String WHY = "cause patterns run on RE2, which matches in linear time";

  private JavaOnlySyntax() {}

  /** A Java-only construct RE2/J would read with another meaning, if {@code regex} has one. */
  static Optional<String> find(String regex) {
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        if (i + 1 < regex.length() && regex.charAt(i + 1) == 'Q') {
          int end = regex.indexOf("\\E", i + 2);
          i = end < 0 ? regex.length() : end + 1;
        } else {
          i++;
        }
      } else if (!inClass && c == '[') {
        inClass = true;
        // A ']' (after an optional '^') first in a class is a literal.
        if (i + 1 < regex.length() && regex.charAt(i + 1) == '^') {
          i++;
        }
        if (i + 1 < regex.length() && regex.charAt(i + 1) == ']') {
          i++;
        }
      } else if (inClass && c == '[') {
        if (i + 1 < regex.length() && regex.charAt(i + 1) == ':') {
          int end = regex.indexOf(":]", i + 2);
          if (end > 0) {
            i = end + 1;
            continue;
          }
        }
        return Optional.of(
            "a class inside a character class ('[' at index "
                + i
                + ") is Java-only syntax, which RE2 would read as the character '['; escape it as"
                + " \\[ or list the characters in one class");
      } else if (inClass && c == '&' && i + 1 < regex.length() && regex.charAt(i + 1) == '&') {
        return Optional.of(
            "character class intersection ('&&' at index "
                + i
                + ") is Java-only syntax, which RE2 would read as the character '&'; list the"
                + " characters wanted instead");
      } else if (inClass && c == ']') {
        inClass = false;
      }
    }
    return Optional.empty();
  }

  /** What RE2/J's syntax error means for someone who wrote a Java regular expression. */
  static String explain(PatternSyntaxException e) {
    String piece = e.getPattern() == null ? "" : e.getPattern();
    String description = e.getDescription() == null ? "syntax error" : e.getDescription();
    String why = because(piece, description);
    return why != null ? why : description + ": `" + piece + "`";
  }

  private static String because(String piece, String description) {
    if (piece.startsWith("(?=") || piece.startsWith("(?!")) {
      return "lookahead `" + piece.substring(0, 3) + "` is not supported: " + WHY;
    }
    if (piece.startsWith("(?<=") || piece.startsWith("(?<!")) {
      return "lookbehind `" + piece.substring(0, 4) + "` is not supported: " + WHY;
    }
    if (piece.startsWith("(?>")) {
      return "atomic groups `(?>` are not supported (nor needed): " + WHY;
    }
    if (piece.length() == 2
        && piece.charAt(0) == '\\'
        && (Character.isDigit(piece.charAt(1)) || piece.charAt(1) == 'k')) {
      return "backreferences `" + piece + "` are not supported: " + WHY;
    }
    if (description.contains("nested repetition")
        && piece.length() == 2
        && piece.charAt(1) == '+') {
      return "possessive quantifiers `"
          + piece
          + "` are not supported (nor needed: RE2 never backtracks); write "
          + piece.charAt(0)
          + " instead";
    }
    if (piece.startsWith("(?") && description.contains("Perl syntax")) {
      return "the flag group `"
          + piece
          + "` is not supported: RE2 knows the flags i (ignore case), m (multi-line), s (dot"
          + " matches new line) and U (ungreedy)";
    }
    if (piece.startsWith("\\p{java") || piece.startsWith("\\P{java")) {
      return "Java's character classes `"
          + piece
          + "` are not supported; use \\p{Ll}, \\p{Lu}, ...";
    }
    if (piece.equals("\\u")) {
      return "the escape \\uXXXX is not supported; write \\x{XXXX} instead";
    }
    if (description.contains("escape")) {
      return "the escape `"
          + piece
          + "` is not supported by RE2 (it supports \\d \\s \\w \\b \\A \\z \\pN \\x{...} and"
          + " escaped punctuation)";
    }
    return null;
  }
}
