package dev.redrive.simulator.execution;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Whether an execution may be redriven, as {@code DescribeExecution}'s {@code redriveStatus} and
 * the status-change events report it, with its transition table:
 *
 * <pre>
 * NOT_REDRIVABLE         -> REDRIVABLE (it failed, timed out or was aborted),
 *                           REDRIVABLE_BY_MAP_RUN (a map run child that did so)
 * REDRIVABLE             -> NOT_REDRIVABLE (redriven: running again; or its redrivable period ended)
 * REDRIVABLE_BY_MAP_RUN  -> NOT_REDRIVABLE (its map run redrove it)
 * </pre>
 *
 * A running or succeeded execution is {@code NOT_REDRIVABLE}, and so is a failed one whose history
 * leaves no room for a redrive.
 */
public enum RedriveStatus {
  REDRIVABLE,
  NOT_REDRIVABLE,
  REDRIVABLE_BY_MAP_RUN;

  private static final Map<RedriveStatus, Set<RedriveStatus>> NEXT =
      new EnumMap<>(RedriveStatus.class);

  static {
    NEXT.put(NOT_REDRIVABLE, EnumSet.of(REDRIVABLE, REDRIVABLE_BY_MAP_RUN));
    NEXT.put(REDRIVABLE, EnumSet.of(NOT_REDRIVABLE));
    NEXT.put(REDRIVABLE_BY_MAP_RUN, EnumSet.of(NOT_REDRIVABLE));
  }

  /** True when the redrive status may move to the given one (or is it already). */
  public boolean canMoveTo(RedriveStatus next) {
    return next == this || NEXT.get(this).contains(next);
  }

  /**
   * The given redrive status, checked against this one; staying where it is is allowed.
   *
   * @throws IllegalTransitionException for an illegal transition, e.g. REDRIVABLE to
   *     REDRIVABLE_BY_MAP_RUN
   */
  public RedriveStatus moveTo(RedriveStatus next) {
    if (!canMoveTo(next)) {
      throw new IllegalTransitionException("redrive status", this, next, NEXT.get(this));
    }
    return next;
  }

  /**
   * The redrive status an execution gets when it enters {@code status}.
   *
   * @param byMapRun whether it is a child workflow execution of a Distributed Map (redriven by its
   *     map run, never by itself)
   * @param historyFull whether its history leaves no room for a redrive
   */
  public static RedriveStatus on(ExecutionStatus status, boolean byMapRun, boolean historyFull) {
    if (!status.isUnsuccessful()) {
      return NOT_REDRIVABLE;
    }
    if (byMapRun) {
      return REDRIVABLE_BY_MAP_RUN;
    }
    return historyFull ? NOT_REDRIVABLE : REDRIVABLE;
  }

  /**
   * The redrive status of that name.
   *
   * @throws IllegalArgumentException naming the expected values when there is none
   */
  public static RedriveStatus parse(String name) {
    for (RedriveStatus s : values()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "redrive status must be one of " + java.util.Arrays.toString(values()) + ", was " + name);
  }
}
