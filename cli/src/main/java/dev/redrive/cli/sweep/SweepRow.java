package dev.redrive.cli.sweep;

import java.util.Objects;
import java.util.Optional;

/**
 * One swept execution: what it was and what was decided (and, with {@code --apply}, done).
 *
 * @param executionArn the execution
 * @param status FAILED, TIMED_OUT or ABORTED ({@code ?} when it could not be read)
 * @param error the execution's error, if any
 * @param redriveCount its redriveCount when swept
 * @param action REDRIVE, GAVE_UP, IGNORED, DUPLICATE, SUPERSEDED, NOT_REDRIVABLE, DEFERRED, or
 *     ERROR when it could not be read or handled
 * @param delaySeconds the policy's backoff, reported and not waited for
 * @param rule the policy rule that decided, if any
 * @param detail why, in words (for ERROR, the problem)
 * @param taken whether the action was carried out (only with --apply, and never for a give-up)
 */
record SweepRow(
    String executionArn,
    String status,
    Optional<String> error,
    long redriveCount,
    String action,
    long delaySeconds,
    Optional<String> rule,
    String detail,
    boolean taken) {
  static final String ERROR = "ERROR";

  SweepRow {
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(detail, "detail");
  }

  /** An execution that could not be read or handled. */
  static SweepRow error(String executionArn, String problem) {
    return new SweepRow(
        executionArn, "?", Optional.empty(), 0, ERROR, 0, Optional.empty(), problem, false);
  }
}
