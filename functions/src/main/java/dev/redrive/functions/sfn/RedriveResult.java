package dev.redrive.functions.sfn;

import java.util.Objects;

/**
 * The outcome of a {@code RedriveExecution} call that reached Step Functions.
 *
 * @param kind what happened
 * @param message AWS's message for NOT_REDRIVABLE and NOT_FOUND, empty for REDRIVEN
 */
public record RedriveResult(Kind kind, String message) {
  /** What the call did. */
  public enum Kind {
    /** The execution was redriven (or had been, with the same client token). */
    REDRIVEN,
    /** {@code ExecutionNotRedrivable}: someone else redrove it, or it cannot be. */
    NOT_REDRIVABLE,
    /** {@code ExecutionDoesNotExist}. */
    NOT_FOUND
  }

  public RedriveResult {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
