package dev.redrive.functions.sfn;

import java.util.Objects;

/**
 * Where an execution stopped, read from its history.
 *
 * @param stateName the innermost state that was entered and never exited
 * @param stateType its type as the history names it: Task, Map, Parallel, Fail, Pass, ...
 * @param reachedThroughCatch true when that state is a Fail state entered after a caught error:
 *     redriving such an execution only re-runs the Fail state, so it fails again
 */
public record FailurePoint(String stateName, String stateType, boolean reachedThroughCatch) {
  public FailurePoint {
    Objects.requireNonNull(stateName, "stateName");
    Objects.requireNonNull(stateType, "stateType");
  }
}
