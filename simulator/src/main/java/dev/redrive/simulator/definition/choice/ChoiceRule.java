package dev.redrive.simulator.definition.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.path.PathResolver;
import java.util.Optional;

/**
 * One compiled JSONPath-mode Choice Rule: a comparison ({@code Variable} and one operator) or a
 * Boolean combination ({@code And}, {@code Or}, {@code Not}) of nested rules.
 *
 * <p>Built once, when the definition is loaded, by {@link ChoiceRules#compile(JsonNode)}; {@link
 * #matches(PathResolver)} is then safe to call from any thread, any number of times.
 */
public interface ChoiceRule {

  /**
   * Evaluates the rule against the state's effective input, context object and variables.
   *
   * <p>A comparison whose value has the wrong type is {@code false}, not an error: {@code
   * "NumericEquals": 0} on a string, {@code "TimestampEquals"} on a non-timestamp string. {@code
   * And} and {@code Or} stop at the first rule that decides them.
   *
   * @param resolver resolves {@code Variable} and the {@code ...Path} operands
   * @return whether the rule holds
   * @throws dev.redrive.simulator.error.StatesError {@code States.Runtime} when {@code Variable} or
   *     a {@code ...Path} operand selects nothing (except for {@code IsPresent}), with the cause
   *     given by {@link ChoiceRules#invalidPathCause(String)}; or whatever the resolver throws for
   *     a malformed path
   */
  boolean matches(PathResolver resolver);

  /** The {@code Next} state of a top-level rule; empty for a nested rule. */
  Optional<String> next();

  /**
   * The rule's own {@code Assign} block, applied by the Choice state when this rule is the one that
   * matched; empty when the rule has none.
   */
  Optional<JsonNode> assign();
}
