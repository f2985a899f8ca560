package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.error.StatesError;
import dev.redrive.simulator.history.HistoryJson;
import dev.redrive.simulator.path.DataResolver;
import dev.redrive.simulator.path.ReferencePath;
import dev.redrive.simulator.path.intrinsic.Intrinsics;

/** Fields whose value is a path or an intrinsic call, read at run time (ErrorPath, CausePath). */
final class Dynamic {
  private Dynamic() {}

  /** The value of a path or intrinsic call. */
  static JsonNode value(DataResolver data, String expression, String field) {
    if (Intrinsics.isIntrinsic(expression)) {
      return Intrinsics.parse(expression).evaluate(data);
    }
    ReferencePath path = ReferencePath.compile(expression);
    JsonNode root = data.rootOf(path);
    return path.select(root)
        .orElseThrow(
            () ->
                StatesError.runtime(
                    "The JSONPath '"
                        + expression
                        + "' specified for the field '"
                        + field
                        + "' could not be found in the input '"
                        + HistoryJson.text(data.input())
                        + "'"));
  }

  /** The value of a path or intrinsic call, as a string. */
  static String string(DataResolver data, String expression, String field) {
    JsonNode v = value(data, expression, field);
    return v.isTextual() ? v.asText() : HistoryJson.text(v);
  }
}
