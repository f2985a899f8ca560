package dev.redrive.simulator.path.intrinsic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** {@code States.StringToJson}, {@code States.JsonToString} and {@code States.JsonMerge}. */
final class JsonFunctions {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonFunctions() {}

  /**
   * The JSON value a string holds: {@code '{"a": 1}'} becomes the object {@code {"a": 1}}. An empty
   * or blank string gives {@code null}.
   */
  static JsonNode stringToJson(Arguments args) {
    String text = args.string(0);
    if (text.isBlank()) {
      return NullNode.getInstance();
    }
    try {
      JsonNode value = JSON.readTree(text);
      if (value == null || value.isMissingNode()) {
        throw args.fail("The argument of States.StringToJson is not valid JSON: '" + text + "'");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw args.fail("The argument of States.StringToJson is not valid JSON: '" + text + "'");
    }
  }

  /** The value as compact JSON text: {@code [1,2,"HelloWorld"]}. */
  static JsonNode jsonToString(Arguments args) {
    return TextNode.valueOf(args.value(0).toString());
  }

  /**
   * The fields of both objects, the second's winning on a clash. Only the shallow mode exists:
   * "Step Functions only supports the shallow merging mode; therefore, you must specify the boolean
   * value as false."
   */
  static JsonNode merge(Arguments args) {
    ObjectNode first = args.object(0);
    ObjectNode second = args.object(1);
    if (args.bool(2)) {
      throw args.fail(
          "States.JsonMerge supports only the shallow merging mode: its third argument must be"
              + " false");
    }
    ObjectNode out = first.deepCopy();
    out.setAll(second.deepCopy());
    return out;
  }
}
