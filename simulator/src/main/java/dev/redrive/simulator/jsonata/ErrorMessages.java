package dev.redrive.simulator.jsonata;

import com.dashjoin.jsonata.JException;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words a JSONata failure as AWS does, which is how the reference implementation (jsonata-js) words
 * it: {@code T0410: Argument 1 of function "abs" does not match function signature}.
 *
 * <p>The Java library's own catalogue differs in places: it says "Object" where jsonata-js says
 * "function", quotes numbers, and loses some placeholders. This class repairs those from the pieces
 * the exception carries and the expression text.
 */
final class ErrorMessages {
  private static final Pattern CODE = Pattern.compile("[A-Z]\\d{4}");
  private static final Pattern OBJECT_WORD = Pattern.compile("(?<![\"\\w$])Object(?![\"\\w])");
  private static final Pattern INPUT_STRING = Pattern.compile("For input string: \"(.*)\"");
  private static final Pattern COMPARISON = Pattern.compile("<=|>=|<|>");
  private static final Pattern DID_YOU_MEAN = Pattern.compile("\\$\\{\"([^\"]*)\"}");

  /** jsonata-js's names for the array element types of a signature. */
  private static final Map<String, String> ARRAY_TYPES =
      Map.of(
          "a", "arrays",
          "b", "booleans",
          "f", "functions",
          "n", "numbers",
          "o", "objects",
          "s", "strings");

  /** Messages the library raises without their code. */
  private static final Map<String, String> UNCODED =
      Map.of(
          "Second argument of replace function cannot be an empty string", "D3010",
          "Fourth argument of replace function must evaluate to a positive number", "D3011",
          "Attempted to replace a matched string with a non-string value", "D3012");

  /** The library's runtime bounds, which AWS reports without a code. */
  private static final List<String> BOUNDS =
      List.of("Stack overflow error", "Expression evaluation timeout");

  private ErrorMessages() {}

  /**
   * How AWS ends the "threw an error during evaluation" sentence for this failure: {@code ". T1006:
   * Attempted to invoke a non-function"} for a coded JSONata error, {@code ": <message>"} for the
   * evaluation bounds, which carry no code.
   *
   * @param body the expression without its delimiters, to recover what the library lost
   */
  static String tail(JException e, String body) {
    String code = e.getError() == null ? "" : e.getError();
    if (!CODE.matcher(code).matches()) {
      String bare = strip(code.isEmpty() ? String.valueOf(e.getMessage()) : code);
      String known = UNCODED.get(bare);
      return known != null ? ". " + known + ": " + bare : ": " + bare;
    }
    return ". " + code + ": " + message(code, e, body);
  }

  /** The tail for an exception the library let escape, or empty when AWS's wording is unknown. */
  static Optional<String> tail(RuntimeException thrown) {
    Throwable e = thrown;
    while (e.getCause() != null && e.getCause() != e && !(e instanceof DateTimeParseException)) {
      e = e.getCause();
    }
    if (e instanceof DateTimeParseException parse && thrownBy(e, "toMillis")) {
      return Optional.of(
          ". D3110: The argument of the toMillis function must be an ISO 8601 formatted"
              + " timestamp. Given \""
              + parse.getParsedString()
              + "\"");
    }
    if (e instanceof ClassCastException && thrownBy(e, "sort")) {
      return Optional.of(
          ". D3070: The single argument form of the sort function can only be applied to an array"
              + " of strings or an array of numbers.  Use the second argument to specify a"
              + " comparison function");
    }
    if (e instanceof NumberFormatException) {
      Matcher m = INPUT_STRING.matcher(String.valueOf(e.getMessage()));
      if (m.find()) {
        return Optional.of(". D3030: Unable to cast value to a number: \"" + m.group(1) + "\"");
      }
    }
    return Optional.empty();
  }

  /** Whether a library function whose name contains that word is on the exception's stack. */
  private static boolean thrownBy(Throwable e, String function) {
    for (StackTraceElement frame : e.getStackTrace()) {
      if (frame.getClassName().equals("com.dashjoin.jsonata.Functions")
          && frame
              .getMethodName()
              .toLowerCase(Locale.ROOT)
              .contains(function.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static String message(String code, JException e, String body) {
    Object current = e.getCurrent();
    Object expected = e.getExpected();
    return switch (code) {
      case "T0410", "T0411" ->
          (code.equals("T0410")
                  ? "Argument "
                  : "Context value is not a compatible type with argument ")
              + unquoted(current)
              + " of function \""
              + expected
              + "\""
              + (code.equals("T0410") ? " does not match function signature" : "");
      case "T0412" ->
          "Argument 1 of function \""
              + functionBefore(body, e.getLocation())
              + "\" must be an array of \""
              + ARRAY_TYPES.getOrDefault(String.valueOf(expected), String.valueOf(expected))
              + "\"";
      case "T2009" ->
          "The values "
              + json(current)
              + " and "
              + json(expected)
              + " either side of operator \""
              + comparisonIn(body)
              + "\" must be of the same data type";
      case "D1002" -> "Cannot negate a non-numeric value: " + json(expected);
      default -> repair(String.valueOf(e.getMessage()), current, expected);
    };
  }

  private static String repair(String message, Object current, Object expected) {
    String out = OBJECT_WORD.matcher(message).replaceAll("function");
    out = DID_YOU_MEAN.matcher(out).replaceAll(m -> Matcher.quoteReplacement("$" + m.group(1)));
    for (Object value : new Object[] {current, expected}) {
      if (value instanceof Number n) {
        out = out.replace("\"" + n + "\"", String.valueOf(n));
      }
    }
    return out;
  }

  private static String strip(String message) {
    String prefix = "JSonataException ";
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  private static String unquoted(Object value) {
    return String.valueOf(value);
  }

  private static String json(Object value) {
    if (value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    return "\"" + value + "\"";
  }

  /** The name of the function called at a position: {@code $sum(} before {@code [}. */
  private static String functionBefore(String body, int location) {
    int end = Math.min(Math.max(location - 1, 0), body.length());
    int paren = body.lastIndexOf('(', end);
    if (paren < 0) {
      return "";
    }
    int start = paren;
    while (start > 0 && Character.isJavaIdentifierPart(body.charAt(start - 1))) {
      start--;
    }
    return body.substring(start, paren).replace("$", "");
  }

  private static String comparisonIn(String body) {
    Matcher m = COMPARISON.matcher(body);
    return m.find() ? m.group() : "";
  }
}
