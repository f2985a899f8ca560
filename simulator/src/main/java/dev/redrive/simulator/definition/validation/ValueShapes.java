package dev.redrive.simulator.definition.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** Shape tests on definition values, shared by the checkers. */
final class ValueShapes {
  private ValueShapes() {}

  /** A whole number, written with or without a fraction ({@code 3} or {@code 3.0}). */
  static boolean isInteger(JsonNode n) {
    return n != null && n.isNumber() && n.canConvertToExactIntegral();
  }

  static boolean isPositiveInteger(JsonNode n) {
    return isInteger(n) && n.decimalValue().signum() > 0;
  }

  static boolean isNonNegativeInteger(JsonNode n) {
    return isInteger(n) && n.decimalValue().signum() >= 0;
  }

  /** A JSONata expression string, {@code {% ... %}}. */
  static boolean isJsonata(JsonNode n) {
    if (n == null || !n.isTextual()) {
      return false;
    }
    String s = n.textValue().strip();
    return s.startsWith("{%") && s.endsWith("%}");
  }

  /** A JSONPath or context path: starts with {@code $}. */
  static boolean isPath(JsonNode n) {
    return n != null && n.isTextual() && n.textValue().startsWith("$");
  }

  /** A path, or an intrinsic function call such as {@code States.Format('{}', $.a)}. */
  static boolean isPathOrIntrinsic(JsonNode n) {
    if (n == null || !n.isTextual()) {
      return false;
    }
    String s = n.textValue().strip();
    return s.startsWith("$") || (s.startsWith("States.") && s.endsWith(")") && s.contains("("));
  }
}
