package dev.redrive.simulator.execution;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The status of an execution, as {@code DescribeExecution} reports it, with its legal transitions:
 * a running execution ends once; a failed, timed-out or aborted one may be redriven to running
 * again.
 */
public enum ExecutionStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  ABORTED,
  PENDING_REDRIVE;

  private static final Map<ExecutionStatus, Set<ExecutionStatus>> NEXT =
      Map.of(
          RUNNING, EnumSet.of(SUCCEEDED, FAILED, TIMED_OUT, ABORTED),
          SUCCEEDED, EnumSet.noneOf(ExecutionStatus.class),
          FAILED, EnumSet.of(PENDING_REDRIVE, RUNNING),
          TIMED_OUT, EnumSet.of(PENDING_REDRIVE, RUNNING),
          ABORTED, EnumSet.of(PENDING_REDRIVE, RUNNING),
          PENDING_REDRIVE, EnumSet.of(RUNNING));

  /** True when the execution may move to the given status. */
  public boolean canMoveTo(ExecutionStatus next) {
    return NEXT.get(this).contains(next);
  }

  /**
   * The given status, checked against this one.
   *
   * @throws IllegalStateException for an illegal transition, e.g. SUCCEEDED to RUNNING
   */
  public ExecutionStatus moveTo(ExecutionStatus next) {
    if (!canMoveTo(next)) {
      throw new IllegalStateException("execution cannot go from " + this + " to " + next);
    }
    return next;
  }

  /** True for SUCCEEDED, FAILED, TIMED_OUT and ABORTED. */
  public boolean isTerminal() {
    return this != RUNNING && this != PENDING_REDRIVE;
  }
}
