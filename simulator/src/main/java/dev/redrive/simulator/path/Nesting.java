package dev.redrive.simulator.path;

/**
 * How deeply brackets nest in an expression's text, outside its string literals: the bound every
 * expression parser of the simulator checks before it parses (intrinsic functions, JSONPath
 * filters, JSONata). The parsers are recursive, so an expression nested thousands deep would
 * otherwise overflow the thread's stack; this scan is a loop, and refuses such text with a message
 * that says how deep it goes, the limit, and where.
 *
 * <p>Written here rather than taken from a library because the three parsers (our intrinsic parser,
 * Jayway JsonPath, dashjoin JSONata) offer no depth limit of their own.
 */
public final class Nesting {
  /**
   * The deepest nesting of brackets accepted in an expression: far beyond what a state machine
   * writes by hand, far below what overflows a request thread's stack.
   */
  public static final int MAX_DEPTH = 100;

  private Nesting() {}

  /**
   * Where the text first nests deeper than {@link #MAX_DEPTH}, if it does.
   *
   * @param text the expression
   * @param quotes the characters that open and close string literals, in which a backslash escapes
   *     the next character (e.g. {@code "'\""})
   * @return the offset of the bracket that goes one level too deep, or -1
   */
  public static int tooDeepAt(String text, String quotes) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (quotes.indexOf(c) >= 0) {
        quote = c;
      } else if (c == '(' || c == '[' || c == '{') {
        if (++depth > MAX_DEPTH) {
          return i;
        }
      } else if (c == ')' || c == ']' || c == '}') {
        depth = Math.max(0, depth - 1);
      }
    }
    return -1;
  }

  /** The problem to report for text nested too deeply at {@code offset}. */
  public static String problem(int offset) {
    return "brackets nest deeper than " + MAX_DEPTH + " levels at position " + offset;
  }
}
