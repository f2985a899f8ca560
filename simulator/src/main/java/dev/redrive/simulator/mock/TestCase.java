package dev.redrive.simulator.mock;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One test case of a state machine ({@code StateMachines.<name>.TestCases.<case>}): the mocked
 * response of each mocked state, by state name. States it does not name run as usual.
 */
public record TestCase(String stateMachine, String name, Map<String, MockedResponse> states) {
  public TestCase {
    Objects.requireNonNull(stateMachine, "stateMachine");
    Objects.requireNonNull(name, "name");
    states = Map.copyOf(states);
  }

  /** The mocked response of a state, empty when the state is not mocked. */
  public Optional<MockedResponse> forState(String stateName) {
    return Optional.ofNullable(states.get(stateName));
  }
}
