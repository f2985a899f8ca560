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
   * @throws NameTaken when the name is used by an ended execution or a running one with another
   *     input
   */
  Optional<Child> run(String stateMachineArn, Optional<String> name, JsonNode input);

  /**
   * Thrown when the execution name is already used for the state machine, by a closed execution or
   * by a running one with another input: AWS's {@code ExecutionAlreadyExists}, which fails the
   * task.
   */
  final class NameTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String executionArn;

    /**
     * @param executionArn the ARN of the execution that has the name
     */
    public NameTaken(String executionArn) {
      super("Execution Already Exists: '" + executionArn + "'");
      this.executionArn = executionArn;
    }

    /** The ARN of the execution that has the name. */
    public String executionArn() {
      return executionArn;
    }
  }

  /**
   * Thrown when the name and input are those of a running execution: StartExecution is idempotent
   * then, and the task gets that execution instead of a new one.
   */
  final class AlreadyRunning extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient java.util.function.Supplier<Child> existing;

    /**
     * @param existing waits for the running execution to end and describes it
     */
    public AlreadyRunning(java.util.function.Supplier<Child> existing) {
      super(null, null, false, false);
      this.existing = java.util.Objects.requireNonNull(existing, "existing");
    }

    /** Waits for the running execution to end and describes it. */
    public Child awaitEnd() {
      return existing.get();
    }
  }

  /** No state machines at all. */
  ChildExecutions NONE = (arn, name, input) -> Optional.empty();
}
