package dev.redrive.simulator.definition;

import java.util.Map;
import java.util.Optional;

/**
 * A parsed state machine, or a branch of one (a Parallel branch, a Map's item processor).
 *
 * @param startAt {@code StartAt}
 * @param states the states by name
 * @param queryLanguage the top-level {@code QueryLanguage}, inherited by the states
 * @param timeoutSeconds the top-level {@code TimeoutSeconds}, if any
 */
public record StateMachineDefinition(
    String startAt,
    Map<String, State> states,
    QueryLanguage queryLanguage,
    Optional<Integer> timeoutSeconds) {
  public StateMachineDefinition {
    states = Map.copyOf(states);
  }

  /** The state with that name. */
  public State state(String name) {
    State s = states.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no state named " + name);
    }
    return s;
  }
}
