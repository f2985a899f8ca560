package dev.redrive.functions.sfn;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard the controller pushes on the Step Functions API.
 *
 * @param maxAttempts attempts per call, first included, on throttling and 5xx (default 5)
 * @param initialBackoff the first retry's upper bound; doubles per attempt, full jitter (200ms)
 * @param maxBackoff the cap on one retry's wait (5s)
 * @param redrivesPerSecond RedriveExecution calls allowed per second by this instance, kept under
 *     the account's quota (default 2)
 * @param rateLimitWait how long a call may wait for a permit before failing (10s)
 * @param breakerFailureRatePercent share of failed calls over the last 20 that opens the breaker
 *     (50)
 * @param breakerOpenFor how long the breaker stays open before probing again (30s)
 */
public record ResilienceSettings(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double redrivesPerSecond,
    Duration rateLimitWait,
    float breakerFailureRatePercent,
    Duration breakerOpenFor) {

  /** The defaults above. */
  public static final ResilienceSettings DEFAULTS =
      new ResilienceSettings(
          5,
          Duration.ofMillis(200),
          Duration.ofSeconds(5),
          2.0,
          Duration.ofSeconds(10),
          50f,
          Duration.ofSeconds(30));

  public ResilienceSettings {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(rateLimitWait, "rateLimitWait");
    Objects.requireNonNull(breakerOpenFor, "breakerOpenFor");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "backoff must satisfy 0 <= initialBackoff <= maxBackoff, was "
              + initialBackoff
              + " and "
              + maxBackoff);
    }
    if (!(redrivesPerSecond > 0)) {
      throw new IllegalArgumentException("redrivesPerSecond must be > 0, was " + redrivesPerSecond);
    }
    if (!(breakerFailureRatePercent > 0 && breakerFailureRatePercent <= 100)) {
      throw new IllegalArgumentException(
          "breakerFailureRatePercent must be in (0, 100], was " + breakerFailureRatePercent);
    }
  }
}
