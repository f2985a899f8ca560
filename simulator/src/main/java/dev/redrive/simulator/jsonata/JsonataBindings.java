package dev.redrive.simulator.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;

/**
 * What a JSONata expression can see while a state runs.
 *
 * @param states the {@code $states} object: {@code input} and {@code context} always, {@code
 *     result} after a task or sub-workflow succeeded, {@code errorOutput} in a {@code Catch}
 * @param variables the workflow variables in scope, by name without the {@code $}; each is visible
 *     to the expression as {@code $name}
 */
public record JsonataBindings(JsonNode states, Map<String, JsonNode> variables) {

  public JsonataBindings {
    Objects.requireNonNull(states, "states");
    if (!states.isObject()) {
      throw new IllegalArgumentException(
          "states must be a JSON object, was " + states.getNodeType());
    }
    variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
  }

  /** Bindings with the given {@code $states} object and no workflow variables. */
  public static JsonataBindings of(JsonNode states) {
    return new JsonataBindings(states, Map.of());
  }
}
