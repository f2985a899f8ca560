package dev.redrive.simulator.path.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.error.StatesError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The evaluated arguments of one call, with typed accessors that fail the way AWS does when a value
 * has the wrong type. Positions are 0-based here and 1-based in messages.
 */
final class Arguments {
  private static final BigDecimal HALF = new BigDecimal("0.5");
  private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
  private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);

  private final IntrinsicFunction function;
  private final List<Argument> parsed;
  private final JsonNode[] values;
  private final Evaluation evaluation;

  Arguments(
      IntrinsicFunction function, List<Argument> parsed, JsonNode[] values, Evaluation evaluation) {
    this.function = function;
    this.parsed = parsed;
    this.values = values;
    this.evaluation = evaluation;
  }

  int size() {
    return values.length;
  }

  /** The argument as written in the call, e.g. to find a literal {@code States.Format} template. */
  Argument parsed(int index) {
    return parsed.get(index);
  }

  /** Any JSON value. */
  JsonNode value(int index) {
    return values[index];
  }

  ArrayNode array(int index) {
    JsonNode value = values[index];
    if (!value.isArray()) {
      throw mustBe(index, "an array", value);
    }
    return (ArrayNode) value;
  }

  ObjectNode object(int index) {
    JsonNode value = values[index];
    if (!value.isObject()) {
      throw mustBe(index, "a JSON object", value);
    }
    return (ObjectNode) value;
  }

  String string(int index) {
    JsonNode value = values[index];
    if (!value.isTextual()) {
      throw mustBe(index, "a string", value);
    }
    return value.textValue();
  }

  boolean bool(int index) {
    JsonNode value = values[index];
    if (!value.isBoolean()) {
      throw mustBe(index, "a boolean", value);
    }
    return value.booleanValue();
  }

  /**
   * An integer argument. AWS rounds a number with a fraction to the nearest integer, halves upwards
   * ({@code 1.5} to {@code 2}, {@code -1.5} to {@code -1}), and accepts only values that fit in 32
   * bits.
   */
  int integer(int index) {
    JsonNode value = values[index];
    if (!value.isNumber()) {
      throw mustBe(index, "an integer", value);
    }
    if (value.isIntegralNumber() && value.canConvertToInt()) {
      return value.intValue();
    }
    BigDecimal rounded = value.decimalValue().setScale(0, RoundingMode.FLOOR);
    if (value.decimalValue().subtract(rounded).compareTo(HALF) >= 0) {
      rounded = rounded.add(BigDecimal.ONE);
    }
    if (rounded.compareTo(INT_MIN) < 0 || rounded.compareTo(INT_MAX) > 0) {
      throw fail(
          "The argument "
              + (index + 1)
              + " of "
              + function.functionName()
              + " must be an integer between "
              + Integer.MIN_VALUE
              + " and "
              + Integer.MAX_VALUE
              + ", but was: "
              + value);
    }
    return rounded.intValueExact();
  }

  RandomGenerator random() {
    return evaluation.random();
  }

  /** A failure of this call with the given detail. */
  StatesError fail(String detail) {
    return evaluation.failure(detail);
  }

  private StatesError mustBe(int index, String expected, JsonNode found) {
    return fail(
        "The argument "
            + (index + 1)
            + " of "
            + function.functionName()
            + " must be "
            + expected
            + ", but was: "
            + found);
  }
}
