package dev.redrive.simulator.definition.choice;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Orders JSON numbers by value, whatever their representation: {@code 0}, {@code 0.0} and {@code
 * -0.0} are equal, and {@code 1} is less than {@code 1.1}.
 *
 * <p>Integers and floating-point values of the usual sizes are compared without allocating;
 * anything else (big integers, big decimals, integers beyond 2^53 against doubles) exactly, through
 * {@link java.math.BigDecimal}. The ASL specification warns that numbers outside IEEE 754 binary64
 * "might fail to compare in the expected way", so exactness there is a choice, not a contract.
 */
final class NumericOrder {
  private static final long EXACT_DOUBLE_LIMIT = 1L << 53;

  private NumericOrder() {}

  /**
   * @param a a numeric node
   * @param b a numeric node
   * @return negative, zero or positive as {@code a} is less than, equal to or greater than {@code
   *     b}
   */
  static int compare(JsonNode a, JsonNode b) {
    boolean aLong = fitsLong(a);
    boolean bLong = fitsLong(b);
    if (aLong && bLong) {
      return Long.compare(a.longValue(), b.longValue());
    }
    boolean aDouble = aLong ? exactAsDouble(a) : isBinaryFloat(a);
    boolean bDouble = bLong ? exactAsDouble(b) : isBinaryFloat(b);
    if (aDouble && bDouble) {
      double x = a.doubleValue();
      double y = b.doubleValue();
      // Not Double.compare: that orders -0.0 before 0.0, JSON comparison must not.
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    return a.decimalValue().compareTo(b.decimalValue());
  }

  private static boolean fitsLong(JsonNode n) {
    return n.isIntegralNumber() && n.canConvertToLong();
  }

  private static boolean exactAsDouble(JsonNode integral) {
    long v = integral.longValue();
    return v <= EXACT_DOUBLE_LIMIT && v >= -EXACT_DOUBLE_LIMIT;
  }

  private static boolean isBinaryFloat(JsonNode n) {
    return n.isDouble() || n.isFloat();
  }
}
