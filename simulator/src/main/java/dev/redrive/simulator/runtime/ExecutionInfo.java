package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * What the context object says about an execution ({@code $$.Execution}, {@code $$.StateMachine}).
 *
 * @param executionArn {@code $$.Execution.Id}
 * @param executionName {@code $$.Execution.Name}
 * @param stateMachineArn {@code $$.StateMachine.Id}
 * @param stateMachineName {@code $$.StateMachine.Name}
 * @param roleArn {@code $$.Execution.RoleArn}
 * @param startTime {@code $$.Execution.StartTime}
 * @param input {@code $$.Execution.Input}
 * @param redriveCount {@code $$.Execution.RedriveCount}
 * @param region the region in ARNs and event details
 * @param account the account id in ARNs
 */
public record ExecutionInfo(
    String executionArn,
    String executionName,
    String stateMachineArn,
    String stateMachineName,
    String roleArn,
    Instant startTime,
    JsonNode input,
    int redriveCount,
    String region,
    String account) {
  public ExecutionInfo {
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(input, "input");
  }
}
