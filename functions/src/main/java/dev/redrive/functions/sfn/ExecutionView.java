package dev.redrive.functions.sfn;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@code DescribeExecution} says about an execution, as far as the controller cares.
 *
 * @param executionArn the execution
 * @param stateMachineArn its state machine
 * @param status RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE
 * @param redriveCount how many times it was redriven (0 when never)
 * @param input the execution input, when AWS returned it
 * @param mapRunArn set for a child execution of a Distributed Map
 */
public record ExecutionView(
    String executionArn,
    String stateMachineArn,
    String status,
    long redriveCount,
    Optional<String> input,
    Optional<String> mapRunArn) {
  public ExecutionView {
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(mapRunArn, "mapRunArn");
  }

  /** True for the statuses a redrive can start from: FAILED, TIMED_OUT, ABORTED. */
  public boolean isRedrivableStatus() {
    return status.equals("FAILED") || status.equals("TIMED_OUT") || status.equals("ABORTED");
  }
}
