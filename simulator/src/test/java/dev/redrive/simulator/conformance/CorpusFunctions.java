package dev.redrive.simulator.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.redrive.simulator.runtime.FunctionError;
import dev.redrive.simulator.runtime.LocalFunction;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Local stand-ins for the Lambda handlers the corpus README lists, by handler file name. */
final class CorpusFunctions {
  private CorpusFunctions() {}

  static Optional<LocalFunction> forHandler(String handlerFile) {
    String name = handlerFile.substring(handlerFile.lastIndexOf('/') + 1).replace(".py", "");
    return Optional.ofNullable(
        switch (name) {
          case "id_function" -> (in, clock) -> in;
          case "echo_function" ->
              (in, clock) ->
                  com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                      .objectNode()
                      .put("Return", "HelloWorld");
          case "raise_exception" ->
              (in, clock) -> {
                throw new FunctionError(
                    "Exception",
                    "Some exception was raised.",
                    List.of(
                        "  File \"/var/task/handler.py\", line 2, in handler\n"
                            + "    raise Exception(\"Some exception was raised.\")\n"));
              };
          case "raise_custom_exception" ->
              (in, clock) -> {
                throw new FunctionError(
                    "CustomException",
                    "",
                    List.of(
                        "  File \"/var/task/handler.py\", line 9, in handler\n"
                            + "    raise CustomException()\n"));
              };
          case "return_bytes_str" -> (in, clock) -> TextNode.valueOf("HelloWorld!");
          case "return_decorated_input" ->
              (in, clock) -> TextNode.valueOf("input-event-" + pythonRepr(in));
          case "large_output_string" -> (in, clock) -> TextNode.valueOf("a".repeat(257 * 1024));
          case "wait_60_seconds" ->
              (in, clock) -> {
                clock.sleep(Duration.ofSeconds(60));
                return in;
              };
          default -> null;
        });
  }

  /** A JSON value as Python prints the parsed dict ({@code {'a': 1, 'b': True}}). */
  static String pythonRepr(JsonNode n) {
    if (n == null || n.isNull()) {
      return "None";
    }
    if (n.isTextual()) {
      return "'" + n.asText().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
    if (n.isBoolean()) {
      return n.asBoolean() ? "True" : "False";
    }
    if (n.isNumber()) {
      return n.isFloatingPointNumber() ? Double.toString(n.asDouble()) : n.asText();
    }
    StringBuilder sb = new StringBuilder();
    if (n.isArray()) {
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(pythonRepr(n.get(i)));
      }
      return sb.append(']').toString();
    }
    sb.append('{');
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    boolean first = true;
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      sb.append(first ? "" : ", ")
          .append(pythonRepr(TextNode.valueOf(e.getKey())))
          .append(": ")
          .append(pythonRepr(e.getValue()));
      first = false;
    }
    return sb.append('}').toString();
  }
}
