package dev.redrive.simulator.path.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The intrinsic functions of JSONPath mode, with how many arguments each takes. */
enum IntrinsicFunction {
  FORMAT("States.Format", 1, Integer.MAX_VALUE, StringFunctions::format),
  STRING_TO_JSON("States.StringToJson", 1, 1, JsonFunctions::stringToJson),
  JSON_TO_STRING("States.JsonToString", 1, 1, JsonFunctions::jsonToString),
  ARRAY("States.Array", 0, Integer.MAX_VALUE, ArrayFunctions::array),
  ARRAY_PARTITION("States.ArrayPartition", 2, 2, ArrayFunctions::partition),
  ARRAY_CONTAINS("States.ArrayContains", 2, 2, ArrayFunctions::contains),
  ARRAY_RANGE("States.ArrayRange", 3, 3, ArrayFunctions::range),
  ARRAY_GET_ITEM("States.ArrayGetItem", 2, 2, ArrayFunctions::getItem),
  ARRAY_LENGTH("States.ArrayLength", 1, 1, ArrayFunctions::length),
  ARRAY_UNIQUE("States.ArrayUnique", 1, 1, ArrayFunctions::unique),
  BASE64_ENCODE("States.Base64Encode", 1, 1, EncodingFunctions::base64Encode),
  BASE64_DECODE("States.Base64Decode", 1, 1, EncodingFunctions::base64Decode),
  HASH("States.Hash", 2, 2, EncodingFunctions::hash),
  JSON_MERGE("States.JsonMerge", 3, 3, JsonFunctions::merge),
  MATH_RANDOM("States.MathRandom", 2, 3, MathFunctions::random),
  MATH_ADD("States.MathAdd", 2, 2, MathFunctions::add),
  STRING_SPLIT("States.StringSplit", 2, 2, StringFunctions::split),
  UUID("States.UUID", 0, 0, StringFunctions::uuid);

  private static final Map<String, IntrinsicFunction> BY_NAME =
      Arrays.stream(values())
          .collect(Collectors.toUnmodifiableMap(IntrinsicFunction::functionName, f -> f));

  private final String functionName;
  private final int minArguments;
  private final int maxArguments;
  private final Function<Arguments, JsonNode> implementation;

  IntrinsicFunction(
      String functionName,
      int minArguments,
      int maxArguments,
      Function<Arguments, JsonNode> implementation) {
    this.functionName = functionName;
    this.minArguments = minArguments;
    this.maxArguments = maxArguments;
    this.implementation = implementation;
  }

  /** The function with this exact (case-sensitive) name, e.g. {@code States.ArrayLength}. */
  static Optional<IntrinsicFunction> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  String functionName() {
    return functionName;
  }

  boolean accepts(int argumentCount) {
    return argumentCount >= minArguments && argumentCount <= maxArguments;
  }

  /** How many arguments it takes, for messages: {@code 2}, {@code 2 or 3}, {@code at least 1}. */
  String arity() {
    if (minArguments == maxArguments) {
      return Integer.toString(minArguments);
    }
    if (maxArguments == Integer.MAX_VALUE) {
      return "at least " + minArguments;
    }
    return minArguments + " to " + maxArguments;
  }

  JsonNode apply(Arguments arguments) {
    return implementation.apply(arguments);
  }
}
