package dev.redrive.policy;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The parts of an EventBridge "Step Functions Execution Status Change" event the policy reads: the
 * envelope's {@code detail-type} and {@code source}, and the fields of its {@code detail}. Built by
 * {@link EventParser}; the controller adds {@link #failedState()} from the execution history.
 *
 * @param detailType the envelope's {@code detail-type}; empty when absent
 * @param source the envelope's {@code source}; empty when absent
 * @param executionArn {@code detail.executionArn}; never empty
 * @param stateMachineArn {@code detail.stateMachineArn}; empty when absent
 * @param status {@code detail.status} ({@code FAILED}, {@code TIMED_OUT}, {@code ABORTED}, {@code
 *     RUNNING}, {@code SUCCEEDED}, ...); empty when absent
 * @param redriveCount {@code detail.redriveCount}: how many times the execution has been redriven;
 *     0 when absent or null
 * @param redriveStatus {@code detail.redriveStatus} ({@code REDRIVABLE}, {@code NOT_REDRIVABLE},
 *     {@code REDRIVABLE_BY_MAP_RUN}), if given
 * @param redriveStatusReason {@code detail.redriveStatusReason}, if given
 * @param error {@code detail.error}, the error name the execution failed with, if given
 * @param cause {@code detail.cause}, if given
 * @param startDate {@code detail.startDate}, epoch milliseconds, if given
 * @param stopDate {@code detail.stopDate}, epoch milliseconds, if given
 * @param input {@code detail.input}, the raw input string, if given
 * @param failedState the name of the state the execution failed in, when the controller found it in
 *     the execution history; never taken from the event
 * @param stateMachineVersionArn {@code detail.stateMachineVersionArn}, the version the execution
 *     runs when it was started by a version or alias ARN, if given
 * @param stateMachineAliasArn {@code detail.stateMachineAliasArn}, the alias it was started by, if
 *     given
 */
public record ExecutionEvent(
    String detailType,
    String source,
    String executionArn,
    String stateMachineArn,
    String status,
    int redriveCount,
    Optional<String> redriveStatus,
    Optional<String> redriveStatusReason,
    Optional<String> error,
    Optional<String> cause,
    OptionalLong startDate,
    OptionalLong stopDate,
    Optional<String> input,
    Optional<String> failedState,
    Optional<String> stateMachineVersionArn,
    Optional<String> stateMachineAliasArn) {

  /** The {@code detail-type} of the events the policy decides on. */
  public static final String STATUS_CHANGE_DETAIL_TYPE = "Step Functions Execution Status Change";

  /** The {@code source} of Step Functions events. */
  public static final String STEP_FUNCTIONS_SOURCE = "aws.states";

  /** Checks the values: non-null, {@code executionArn} not empty, {@code redriveCount >= 0}. */
  public ExecutionEvent {
    Objects.requireNonNull(detailType, "detailType");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(redriveStatus, "redriveStatus");
    Objects.requireNonNull(redriveStatusReason, "redriveStatusReason");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(stopDate, "stopDate");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(failedState, "failedState");
    Objects.requireNonNull(stateMachineVersionArn, "stateMachineVersionArn");
    Objects.requireNonNull(stateMachineAliasArn, "stateMachineAliasArn");
    if (executionArn.isEmpty()) {
      throw new IllegalArgumentException("executionArn must not be empty");
    }
    if (redriveCount < 0) {
      throw new IllegalArgumentException("redriveCount must be >= 0, was " + redriveCount);
    }
  }

  /** Whether the envelope is a Step Functions execution status change ({@code aws.states}). */
  public boolean isStatusChange() {
    return STATUS_CHANGE_DETAIL_TYPE.equals(detailType) && STEP_FUNCTIONS_SOURCE.equals(source);
  }

  /**
   * The state machine's name: the last {@code :}-separated part of {@link #stateMachineArn()} (the
   * whole value when it has no {@code :}).
   */
  public String stateMachineName() {
    return stateMachineArn.substring(stateMachineArn.lastIndexOf(':') + 1);
  }

  /** This event with {@link #failedState()} set, as the controller finds it in the history. */
  public ExecutionEvent withFailedState(String stateName) {
    return new ExecutionEvent(
        detailType,
        source,
        executionArn,
        stateMachineArn,
        status,
        redriveCount,
        redriveStatus,
        redriveStatusReason,
        error,
        cause,
        startDate,
        stopDate,
        input,
        Optional.of(stateName),
        stateMachineVersionArn,
        stateMachineAliasArn);
  }
}
