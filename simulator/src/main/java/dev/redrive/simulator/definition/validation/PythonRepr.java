package dev.redrive.simulator.definition.validation;

/**
 * Renders a string the way Python's {@code repr()} does. AWS reports invalid Map labels with a
 * message built by Python ({@code Error=ValueError Args=["Label contains invalid character:
 * '\\x90'"]}), so matching it needs the same quoting and escapes.
 */
final class PythonRepr {
  private PythonRepr() {}

  /** {@code repr(s)}: single quotes unless the text holds a single quote and no double quote. */
  static String of(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder sb = new StringBuilder().append(quote);
    s.codePoints()
        .forEach(
            cp -> {
              if (cp == quote || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
              } else if (cp == '\t') {
                sb.append("\\t");
              } else if (cp == '\n') {
                sb.append("\\n");
              } else if (cp == '\r') {
                sb.append("\\r");
              } else if (isPrintable(cp)) {
                sb.appendCodePoint(cp);
              } else if (cp <= 0xff) {
                sb.append(String.format("\\x%02x", cp));
              } else if (cp <= 0xffff) {
                sb.append(String.format("\\u%04x", cp));
              } else {
                sb.append(String.format("\\U%08x", cp));
              }
            });
    return sb.append(quote).toString();
  }

  /** Python's {@code str.isprintable()} for one code point: the space, or not a separator/other. */
  private static boolean isPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL,
              Character.FORMAT,
              Character.SURROGATE,
              Character.PRIVATE_USE,
              Character.UNASSIGNED,
              Character.LINE_SEPARATOR,
              Character.PARAGRAPH_SEPARATOR,
              Character.SPACE_SEPARATOR ->
          false;
      default -> true;
    };
  }
}
