package dev.redrive.simulator.definition;

import java.util.List;
import java.util.Optional;

/**
 * One entry of a state's {@code Retry} list.
 *
 * @param errorEquals the error names it matches ({@code States.ALL} matches all but {@code
 *     States.Runtime})
 * @param intervalSeconds seconds before the first retry, default 1
 * @param maxAttempts retries at most, default 3 (0: never)
 * @param backoffRate multiplier of the interval per attempt, default 2.0
 * @param maxDelaySeconds cap on the interval, if any
 * @param fullJitter {@code JitterStrategy: FULL}
 */
public record Retrier(
    List<String> errorEquals,
    int intervalSeconds,
    int maxAttempts,
    double backoffRate,
    Optional<Integer> maxDelaySeconds,
    boolean fullJitter) {
  public Retrier {
    errorEquals = List.copyOf(errorEquals);
  }

  /** True when this retrier handles the error name. */
  public boolean matches(String error) {
    return ErrorMatcher.matches(errorEquals, error);
  }

  /**
   * The delay before retry number {@code attempt} (0 for the first retry), in milliseconds, without
   * jitter: interval × backoffRate^attempt, capped by MaxDelaySeconds.
   */
  public long delayMillis(int attempt) {
    double seconds = intervalSeconds * Math.pow(backoffRate, attempt);
    if (maxDelaySeconds.isPresent()) {
      seconds = Math.min(seconds, maxDelaySeconds.get());
    }
    return (long) (seconds * 1000);
  }
}
