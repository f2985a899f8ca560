package dev.redrive.simulator.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

  /**
   * Bindings for a state about to run: {@code $states.input} and {@code $states.context}.
   *
   * @param input the state's input
   * @param context the context object ({@code Execution}, {@code State}, {@code StateMachine},
   *     {@code Task}, {@code Map}, ...)
   * @param variables the workflow variables visible to the state
   */
  public static JsonataBindings forState(
      JsonNode input, JsonNode context, Map<String, JsonNode> variables) {
    ObjectNode states = JsonNodeFactory.instance.objectNode();
    states.set("input", Objects.requireNonNull(input, "input"));
    states.set("context", Objects.requireNonNull(context, "context"));
    return new JsonataBindings(states, variables);
  }

  /** These bindings with {@code $states.result}, for a task's {@code Output} and {@code Assign}. */
  public JsonataBindings withResult(JsonNode result) {
    return with("result", result);
  }

  /**
   * These bindings with {@code $states.errorOutput}, for a catcher's {@code Output}/{@code Assign}.
   */
  public JsonataBindings withErrorOutput(JsonNode errorOutput) {
    return with("errorOutput", errorOutput);
  }

  private JsonataBindings with(String field, JsonNode value) {
    ObjectNode copy = JsonNodeFactory.instance.objectNode();
    copy.setAll((ObjectNode) states);
    copy.set(field, Objects.requireNonNull(value, field));
    return new JsonataBindings(copy, variables);
  }
}
