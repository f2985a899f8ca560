package dev.redrive.simulator.execution;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The status of an execution, as {@code DescribeExecution} reports it, with its transition table:
 *
 * <pre>
 * RUNNING          -> SUCCEEDED, FAILED, TIMED_OUT, ABORTED
 * SUCCEEDED        -> (none)
 * FAILED           -> RUNNING (RedriveExecution), PENDING_REDRIVE (a map run child whose map run is redriven)
 * TIMED_OUT        -> RUNNING, PENDING_REDRIVE
 * ABORTED          -> RUNNING, PENDING_REDRIVE
 * PENDING_REDRIVE  -> RUNNING
 * </pre>
 *
 * A running execution ends once per run; a failed, timed-out or aborted one may run again ("An
 * execution can be redriven if it failed, timed out, or was aborted", AWS developer guide).
 */
public enum ExecutionStatus {
  RUNNING,
  SUCCEEDED,
  FAILED,
  TIMED_OUT,
  ABORTED,
  PENDING_REDRIVE;

  private static final Map<ExecutionStatus, Set<ExecutionStatus>> NEXT =
      new EnumMap<>(ExecutionStatus.class);

  static {
    NEXT.put(RUNNING, EnumSet.of(SUCCEEDED, FAILED, TIMED_OUT, ABORTED));
    NEXT.put(SUCCEEDED, EnumSet.noneOf(ExecutionStatus.class));
    NEXT.put(FAILED, EnumSet.of(PENDING_REDRIVE, RUNNING));
    NEXT.put(TIMED_OUT, EnumSet.of(PENDING_REDRIVE, RUNNING));
    NEXT.put(ABORTED, EnumSet.of(PENDING_REDRIVE, RUNNING));
    NEXT.put(PENDING_REDRIVE, EnumSet.of(RUNNING));
  }

  /** True when the execution may move to the given status. */
  public boolean canMoveTo(ExecutionStatus next) {
    return NEXT.get(this).contains(next);
  }

  /** The statuses this one may move to. */
  public Set<ExecutionStatus> next() {
    Set<ExecutionStatus> next = EnumSet.noneOf(ExecutionStatus.class);
    next.addAll(NEXT.get(this));
    return next;
  }

  /**
   * The given status, checked against this one.
   *
   * @throws IllegalTransitionException for an illegal transition, e.g. SUCCEEDED to RUNNING
   */
  public ExecutionStatus moveTo(ExecutionStatus next) {
    if (!canMoveTo(next)) {
      throw new IllegalTransitionException("execution status", this, next, NEXT.get(this));
    }
    return next;
  }

  /** True for SUCCEEDED, FAILED, TIMED_OUT and ABORTED. */
  public boolean isTerminal() {
    return this != RUNNING && this != PENDING_REDRIVE;
  }

  /** True for FAILED, TIMED_OUT and ABORTED: the statuses a redrive starts from. */
  public boolean isUnsuccessful() {
    return this == FAILED || this == TIMED_OUT || this == ABORTED;
  }

  /**
   * The status of that name, as the API spells it.
   *
   * @throws IllegalArgumentException naming the expected values when there is none
   */
  public static ExecutionStatus parse(String name) {
    for (ExecutionStatus s : values()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "execution status must be one of " + java.util.Arrays.toString(values()) + ", was " + name);
  }
}
