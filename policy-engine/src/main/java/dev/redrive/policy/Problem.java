package dev.redrive.policy;

import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with a policy file, with where it is.
 *
 * @param source the file name (or other source name) the policy was read from
 * @param line 1-based line of the offending key or value
 * @param column 1-based column of the offending key or value
 * @param field the path of the field, such as {@code rules[1].backoff.multiplier}; empty for a
 *     problem with the file as a whole (a YAML syntax error)
 * @param message what was expected and what was found
 */
public record Problem(String source, int line, int column, String field, String message) {

  /** Problems in the order a reader meets them in the file: by line, then column. */
  public static final Comparator<Problem> IN_FILE_ORDER =
      Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column);

  /** Checks the values: positions are 1-based, texts non-null, the message not blank. */
  public Problem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
    if (line < 1) {
      throw new IllegalArgumentException("line must be >= 1, was " + line);
    }
    if (column < 1) {
      throw new IllegalArgumentException("column must be >= 1, was " + column);
    }
    if (message.isBlank()) {
      throw new IllegalArgumentException("message must not be blank");
    }
  }

  /**
   * The problem as {@code redrive policy validate} prints it: {@code file:line:col: field: problem}
   * (without the {@code field: } part when the problem is about the file as a whole).
   */
  public String format() {
    String where = source + ":" + line + ":" + column + ": ";
    return field.isEmpty() ? where + message : where + field + ": " + message;
  }

  @Override
  public String toString() {
    return format();
  }
}
