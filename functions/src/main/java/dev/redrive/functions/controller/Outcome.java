package dev.redrive.functions.controller;

import dev.redrive.policy.Decision;
import java.util.Objects;
import java.util.Optional;

/**
 * What the controller did with one event.
 *
 * @param result what happened
 * @param executionArn the execution the event was about
 * @param redriveCount the event's redriveCount
 * @param decision the policy's decision, when the policy was asked
 * @param detail why, in words
 * @param taken whether the action was carried out: false for a decision taken in {@link
 *     ControllerMode#SHADOW} mode (nothing was redriven, delayed or published), and for a give-up
 *     that {@code redrive sweep} reports but does not publish
 */
public record Outcome(
    Result result,
    String executionArn,
    long redriveCount,
    Optional<Decision> decision,
    String detail,
    boolean taken) {

  /** The kinds of outcome. */
  public enum Result {
    /** RedriveExecution was called and accepted. */
    REDRIVEN,
    /** A REDRIVE decision with a backoff: the event went back to the queue, delayed. */
    DELAYED,
    /** The controller gave up and published the give-up event. */
    GAVE_UP,
    /** The policy said IGNORE. */
    IGNORED,
    /** A nested child whose parent failed too: the parent's own event decides. */
    DEFERRED,
    /** Another event already redrove this (executionArn, redriveCount). */
    DUPLICATE,
    /** When a delayed redrive came due, the execution had moved on (redriven or finished). */
    SUPERSEDED,
    /** RedriveExecution answered ExecutionNotRedrivable or ExecutionDoesNotExist. */
    NOT_REDRIVABLE
  }

  public Outcome {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(detail, "detail");
  }

  /** An outcome whose action was carried out. */
  public Outcome(
      Result result,
      String executionArn,
      long redriveCount,
      Optional<Decision> decision,
      String detail) {
    this(result, executionArn, redriveCount, decision, detail, true);
  }
}
