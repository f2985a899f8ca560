package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;

/**
 * Starts executions of other state machines for {@code states:startExecution} tasks (nested
 * workflows). The simulator implements it over its registered state machines.
 */
public interface ChildExecutions {

  /** How a child execution ended. */
  record Child(
      String executionArn,
      String name,
      String stateMachineArn,
      JsonNode input,
      String status,
      JsonNode output,
      String error,
      String cause,
      Instant startDate,
      Instant stopDate) {}

  /**
   * Runs an execution of the state machine to its end.
   *
   * @param stateMachineArn the state machine
   * @param name the execution name, empty for a generated one
   * @param input the execution input
   * @return the ended execution, or empty when no state machine has that ARN
   */
  Optional<Child> run(String stateMachineArn, Optional<String> name, JsonNode input);

  /** No state machines at all. */
  ChildExecutions NONE = (arn, name, input) -> Optional.empty();
}
