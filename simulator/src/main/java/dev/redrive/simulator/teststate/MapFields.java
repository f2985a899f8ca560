package dev.redrive.simulator.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.jsonata.JsonataBindings;
import dev.redrive.simulator.jsonata.JsonataEngine;
import dev.redrive.simulator.path.DataResolver;
import dev.redrive.simulator.path.PathField;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a state that TestState evaluates itself: a Map's MaxConcurrency and tolerated
 * failures, in JSONPath (a number or a {@code ...Path}) or JSONata (a number or an expression).
 */
final class MapFields {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonataEngine JSONATA = new JsonataEngine();

  private MapFields() {}

  /**
   * True when {@code failed} failed iterations out of {@code items} exceed the Map's
   * ToleratedFailureCount or ToleratedFailurePercentage; a Map that sets neither tolerates any
   * number here (AWS's TestState answers {@code SUCCEEDED} for it).
   */
  static boolean exceedsTolerance(
      TestedState map, JsonNode input, Map<String, JsonNode> variables, int failed, int items) {
    ObjectNode context = NODES.objectNode();
    Optional<JsonNode> count =
        value(map, input, context, variables, "ToleratedFailureCount", "ToleratedFailureCountPath");
    Optional<JsonNode> percentage =
        value(
            map,
            input,
            context,
            variables,
            "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath");
    if (count.isPresent() && failed > count.get().asInt()) {
      return true;
    }
    return percentage.isPresent()
        && items > 0
        && failed * 100.0 / items > percentage.get().asDouble();
  }

  /**
   * A field's value: the literal or JSONata expression of {@code field}, else the value the
   * reference path {@code pathField} selects from the state input, else empty.
   */
  static Optional<JsonNode> value(
      TestedState state,
      JsonNode input,
      JsonNode context,
      Map<String, JsonNode> variables,
      String field,
      String pathField) {
    JsonNode s = state.state();
    if (s.has(field)) {
      JsonNode v = s.get(field);
      if (JsonataEngine.isExpression(v)) {
        ObjectNode states = NODES.objectNode();
        states.set("input", input);
        states.set("context", context);
        return Optional.of(
            JSONATA.evaluateTemplate(v, new JsonataBindings(states, variables), field));
      }
      return Optional.of(v);
    }
    if (s.has(pathField)) {
      DataResolver data = new DataResolver(input, () -> context, variables::get);
      return Optional.of(PathField.of(s.get(pathField)).select(data));
    }
    return Optional.empty();
  }
}
