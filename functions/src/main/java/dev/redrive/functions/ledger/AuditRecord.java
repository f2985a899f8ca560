package dev.redrive.functions.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One decision taken by the controller, kept for audit.
 *
 * @param executionArn the execution the event was about
 * @param redriveCount the event's redriveCount
 * @param status the event's status (FAILED, TIMED_OUT, ABORTED)
 * @param action what the controller did: REDRIVE, GIVE_UP, IGNORE, DEFERRED, DELAYED, ...
 * @param rule the policy rule that decided, if any
 * @param reason why, in words
 * @param decidedAt when the decision was taken
 * @param expiresAt when the record may be deleted (DynamoDB TTL)
 * @param delaySeconds the decision's backoff before the redrive, in seconds (0 when none)
 * @param taken whether the action was carried out (false in shadow mode)
 */
public record AuditRecord(
    String executionArn,
    long redriveCount,
    String status,
    String action,
    Optional<String> rule,
    String reason,
    Instant decidedAt,
    Instant expiresAt,
    long delaySeconds,
    boolean taken) {
  public AuditRecord {
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(decidedAt, "decidedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (redriveCount < 0) {
      throw new IllegalArgumentException("redriveCount must be >= 0, was " + redriveCount);
    }
    if (delaySeconds < 0) {
      throw new IllegalArgumentException("delaySeconds must be >= 0, was " + delaySeconds);
    }
  }

  /** A record of an action carried out without delay. */
  public AuditRecord(
      String executionArn,
      long redriveCount,
      String status,
      String action,
      Optional<String> rule,
      String reason,
      Instant decidedAt,
      Instant expiresAt) {
    this(executionArn, redriveCount, status, action, rule, reason, decidedAt, expiresAt, 0, true);
  }
}
