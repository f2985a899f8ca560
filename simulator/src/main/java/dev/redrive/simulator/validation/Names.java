package dev.redrive.simulator.validation;

/**
 * The naming rules of state machines, executions, activities and aliases (AWS API reference,
 * CreateStateMachine {@code name}): 1 to 80 characters, and none of whitespace, brackets {@code < >
 * { } [ ]}, wildcards {@code ? *}, special characters {@code " # % \ ^ | ~ ` $ & , ; : /}, or
 * control characters (U+0000-001F, U+007F-009F), nor surrogate characters (those outside the Basic
 * Multilingual Plane, such as emoji, and unpaired halves).
 */
public final class Names {
  /** Longest name AWS accepts. */
  public static final int MAX_LENGTH = 80;

  private static final String FORBIDDEN = "<>{}[]?*\"#%\\^|~`$&,;:/";

  private Names() {}

  /**
   * Checks a resource name.
   *
   * @param field the request field, e.g. {@code name}, used in the length message
   * @throws InvalidRequestException {@code ValidationException} for a name of the wrong length,
   *     {@code InvalidName} ({@code Invalid Name: 'x y'}) for one with a forbidden character
   */
  public static void check(String field, String name) {
    new Constraints().length(field, name, 1, MAX_LENGTH).check();
    if (name != null && !isValid(name)) {
      throw new InvalidRequestException(
          InvalidRequestException.INVALID_NAME, "Invalid Name: '" + name + "'");
    }
  }

  /** Whether {@code name} holds none of the forbidden characters. */
  public static boolean isValid(String name) {
    return name.chars().noneMatch(c -> Character.isSurrogate((char) c))
        && name.codePoints().noneMatch(Names::forbidden);
  }

  private static boolean forbidden(int cp) {
    return Character.isWhitespace(cp)
        || Character.isSpaceChar(cp)
        || cp <= 0x1f
        || (cp >= 0x7f && cp <= 0x9f)
        || FORBIDDEN.indexOf(cp) >= 0;
  }
}
