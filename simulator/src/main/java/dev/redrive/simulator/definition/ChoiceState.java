package dev.redrive.simulator.definition;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.definition.choice.ChoiceRule;
import java.util.List;
import java.util.Optional;

/**
 * A {@code Choice} state.
 *
 * @param choices the rules, compiled, in order (JSONPath mode)
 * @param conditions the rules as written (JSONata mode: {@code Condition}, {@code Next}, {@code
 *     Assign}, {@code Output})
 * @param defaultState {@code Default}, if any
 */
public record ChoiceState(
    StateCommon common,
    List<ChoiceRule> choices,
    List<JsonNode> conditions,
    Optional<String> defaultState)
    implements State {
  public ChoiceState {
    choices = List.copyOf(choices);
    conditions = List.copyOf(conditions);
  }
}
