package dev.redrive.simulator;

import java.util.Objects;
import java.util.UUID;

/**
 * Options of one execution: the names that appear in its ARNs and context object.
 *
 * @param stateMachineName the state machine's name, default {@code LocalStateMachine}
 * @param executionName the execution's name, default a random UUID
 * @param roleArn the role ARN reported in {@code ExecutionStarted}
 */
public record RunOptions(String stateMachineName, String executionName, String roleArn) {
  public RunOptions {
    Objects.requireNonNull(stateMachineName, "stateMachineName");
    Objects.requireNonNull(executionName, "executionName");
    Objects.requireNonNull(roleArn, "roleArn");
    if (stateMachineName.isBlank()) {
      throw new IllegalArgumentException("stateMachineName must not be blank");
    }
    if (executionName.isBlank()) {
      throw new IllegalArgumentException("executionName must not be blank");
    }
  }

  /** Defaults: state machine {@code LocalStateMachine}, a random execution name, a local role. */
  public static RunOptions defaults() {
    return new RunOptions(
        "LocalStateMachine",
        UUID.randomUUID().toString(),
        "arn:aws:iam::" + Simulator.DEFAULT_ACCOUNT + ":role/LocalStepFunctionsRole");
  }

  /** These options with another execution name. */
  public RunOptions withExecutionName(String name) {
    return new RunOptions(stateMachineName, name, roleArn);
  }

  /** These options with another state machine name. */
  public RunOptions withStateMachineName(String name) {
    return new RunOptions(name, executionName, roleArn);
  }

  /** These options with another role ARN. */
  public RunOptions withRoleArn(String arn) {
    return new RunOptions(stateMachineName, executionName, arn);
  }
}
