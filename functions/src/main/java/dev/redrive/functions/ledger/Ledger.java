package dev.redrive.functions.ledger;

import java.time.Duration;
import java.time.Instant;

/**
 * The controller's memory: one claim per {@code (executionArn, redriveCount)}, the audit trail of
 * decisions, and per-state-machine redrive budgets.
 *
 * <p>EventBridge delivers at least once and out of order; the claim is what makes a duplicate or
 * stale event harmless. Implementations must make {@link #claim} atomic across concurrent callers.
 */
public interface Ledger {

  /**
   * Claims the right to redrive {@code executionArn} at {@code redriveCount}.
   *
   * @return {@link ClaimResult#CLAIMED} for the first caller; {@link ClaimResult#PENDING} when a
   *     claim exists that was never completed (an earlier attempt failed midway: the caller may try
   *     again after checking the execution); {@link ClaimResult#COMPLETED} when the redrive was
   *     already done
   */
  ClaimResult claim(String executionArn, long redriveCount, Instant now);

  /**
   * Whether the redrive of {@code executionArn} at {@code redriveCount} was already done (its claim
   * completed): a read only, so that a duplicate event costs no Step Functions call.
   */
  boolean completed(String executionArn, long redriveCount);

  /**
   * Marks the claim of {@code (executionArn, redriveCount)} as done: later claims see COMPLETED.
   */
  void complete(String executionArn, long redriveCount, Instant now);

  /**
   * Claims the single give-up notice for {@code (executionArn, redriveCount)}, so duplicate events
   * publish it once.
   *
   * @return true for the first caller
   */
  boolean claimNotice(String executionArn, long redriveCount, Instant now);

  /**
   * Takes one redrive from the budget of {@code stateMachineArn}: at most {@code maxRedrives} per
   * fixed window of length {@code per} (windows start at multiples of {@code per} since the epoch).
   *
   * @return true when the budget allowed it (and was charged), false when it is spent
   */
  boolean tryConsumeBudget(String stateMachineArn, int maxRedrives, Duration per, Instant now);

  /** Appends a decision to the audit trail; kept until it expires (TTL). */
  void record(AuditRecord record);

  /** The outcome of {@link #claim}. */
  enum ClaimResult {
    CLAIMED,
    PENDING,
    COMPLETED
  }
}
