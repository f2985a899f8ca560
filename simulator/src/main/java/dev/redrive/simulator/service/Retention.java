package dev.redrive.simulator.service;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How many finished executions the service keeps, and for how long. Beyond either bound the
 * executions that finished first are dropped, with their histories and map runs; running executions
 * are never dropped. Checked whenever an execution starts or ends, and when executions are listed.
 *
 * @param maxExecutions the most finished (SUCCEEDED, FAILED, TIMED_OUT, ABORTED) Standard
 *     executions kept, at least 1 (default {@value #DEFAULT_MAX_EXECUTIONS})
 * @param maxAge how long after it stopped a finished execution is kept, more than zero (default
 *     {@link #DEFAULT_MAX_AGE}: AWS keeps closed executions for 90 days)
 */
public record Retention(long maxExecutions, Duration maxAge) {
  /** The default count: 10,000 finished executions (about 65 MB of heap for small ones). */
  public static final long DEFAULT_MAX_EXECUTIONS = 10_000;

  /** The default age: 90 days, as AWS keeps closed executions. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(90);

  /** The defaults. */
  public static final Retention DEFAULT = new Retention(DEFAULT_MAX_EXECUTIONS, DEFAULT_MAX_AGE);

  public Retention {
    Objects.requireNonNull(maxAge, "maxAge");
    if (maxExecutions < 1) {
      throw new IllegalArgumentException("maxExecutions must be >= 1, was " + maxExecutions);
    }
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be > 0, was " + maxAge);
    }
  }

  /**
   * A duration as the CLI takes it: {@code 30s}, {@code 5m}, {@code 24h}, {@code 90d}, or ISO-8601
   * ({@code PT24H}).
   *
   * @throws IllegalArgumentException saying what was expected and what was found
   */
  public static Duration parseAge(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.startsWith("p")) {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      }
      if (t.length() >= 2) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        switch (t.charAt(t.length() - 1)) {
          case 's':
            return Duration.ofSeconds(n);
          case 'm':
            return Duration.ofMinutes(n);
          case 'h':
            return Duration.ofHours(n);
          case 'd':
            return Duration.ofDays(n);
          default:
            break;
        }
      }
    } catch (RuntimeException e) {
      // reported below with the expected forms
    }
    throw new IllegalArgumentException(
        "expected a duration such as 30s, 5m, 24h, 90d or PT24H, found '" + text + "'");
  }
}
