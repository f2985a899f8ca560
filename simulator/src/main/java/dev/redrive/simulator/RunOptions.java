package dev.redrive.simulator;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Options of one execution: the names that appear in its ARNs and context object.
 *
 * @param stateMachineName the state machine's name, default {@code LocalStateMachine}
 * @param executionName the execution's name, default a random UUID
 * @param roleArn the role ARN reported in {@code ExecutionStarted}
 * @param mocks the test case whose mocked responses answer its Task states, empty for none
 * @param executionArn the execution's ARN when the caller chose it (an Express execution's {@code
 *     express:} ARN), empty for {@code arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME}
 */
public record RunOptions(
    String stateMachineName,
    String executionName,
    String roleArn,
    Optional<dev.redrive.simulator.mock.TestCase> mocks,
    Optional<String> executionArn,
    Optional<java.util.function.UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode>>
        contextEdit,
    java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> variables) {
  public RunOptions {
    Objects.requireNonNull(contextEdit, "contextEdit");
    variables = java.util.Map.copyOf(Objects.requireNonNull(variables, "variables"));
    Objects.requireNonNull(mocks, "mocks");
    Objects.requireNonNull(executionArn, "executionArn");
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

  /** Options without a context edit. */
  public RunOptions(
      String stateMachineName,
      String executionName,
      String roleArn,
      Optional<dev.redrive.simulator.mock.TestCase> mocks,
      Optional<String> executionArn) {
    this(
        stateMachineName,
        executionName,
        roleArn,
        mocks,
        executionArn,
        Optional.empty(),
        java.util.Map.of());
  }

  /** Options without mocked responses. */
  public RunOptions(String stateMachineName, String executionName, String roleArn) {
    this(stateMachineName, executionName, roleArn, Optional.empty(), Optional.empty());
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
    return new RunOptions(
        stateMachineName, name, roleArn, mocks, executionArn, contextEdit, variables);
  }

  /** These options with another state machine name. */
  public RunOptions withStateMachineName(String name) {
    return new RunOptions(
        name, executionName, roleArn, mocks, executionArn, contextEdit, variables);
  }

  /** These options with another role ARN. */
  public RunOptions withRoleArn(String arn) {
    return new RunOptions(
        stateMachineName, executionName, arn, mocks, executionArn, contextEdit, variables);
  }

  /**
   * These options with a test case of a mock configuration: its mocked states do not call their
   * resource but answer with the mocked responses (see {@link
   * dev.redrive.simulator.mock.MockConfig}).
   */
  public RunOptions withMocks(dev.redrive.simulator.mock.TestCase testCase) {
    return new RunOptions(
        stateMachineName,
        executionName,
        roleArn,
        Optional.of(testCase),
        executionArn,
        contextEdit,
        variables);
  }

  /**
   * These options with the execution's ARN chosen by the caller, e.g. an Express execution's {@code
   * arn:aws:states:REGION:ACCOUNT:express:MACHINE:NAME:ID}; it appears in the history and in {@code
   * $$.Execution.Id}.
   */
  public RunOptions withExecutionArn(String arn) {
    if (arn == null || !arn.startsWith("arn:")) {
      throw new IllegalArgumentException("executionArn must be an ARN, was " + arn);
    }
    return new RunOptions(
        stateMachineName, executionName, roleArn, mocks, Optional.of(arn), contextEdit, variables);
  }

  /**
   * These options with an edit of the context object: each state's {@code $$} is the execution's
   * context passed through {@code edit} (TestState gives a state AWS's TestState context, or the
   * one its request names).
   */
  public RunOptions withContextEdit(
      java.util.function.UnaryOperator<com.fasterxml.jackson.databind.node.ObjectNode> edit) {
    return new RunOptions(
        stateMachineName,
        executionName,
        roleArn,
        mocks,
        executionArn,
        Optional.of(Objects.requireNonNull(edit, "edit")),
        variables);
  }

  /** These options with workflow variables in scope from the first state on (TestState). */
  public RunOptions withVariables(
      java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> values) {
    return new RunOptions(
        stateMachineName, executionName, roleArn, mocks, executionArn, contextEdit, values);
  }
}
