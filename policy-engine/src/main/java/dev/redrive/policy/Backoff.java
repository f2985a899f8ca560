package dev.redrive.policy;

import dev.redrive.policy.internal.Durations;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before a redrive: {@code delay(n) = initialDelay * multiplier^n}, capped at
 * {@code maxDelay}, where {@code n} is the event's {@code redriveCount}; then, with {@link
 * Jitter#FULL}, a delay drawn uniformly from {@code [0, delay]}. Delays are whole seconds: the
 * product is rounded down.
 *
 * @param initialDelay the delay before the first redrive ({@code redriveCount} 0); whole seconds,
 *     >= 0; default {@code 0s}
 * @param multiplier the factor between consecutive delays; finite, >= 1; default 2.0
 * @param maxDelay the cap on any delay; whole seconds, >= 0; default {@code 15m}
 * @param jitter {@code none} or {@code full}; default {@code none}
 */
public record Backoff(Duration initialDelay, double multiplier, Duration maxDelay, Jitter jitter) {

  /** The defaults of DESIGN.md: {@code 0s}, 2.0, {@code 15m}, {@code none}. */
  public static final Backoff DEFAULT =
      new Backoff(Duration.ZERO, 2.0, Duration.ofMinutes(15), Jitter.NONE);

  /** Checks every value; messages name the field, the rule and the value. */
  public Backoff {
    checkDelay("initialDelay", initialDelay);
    checkMultiplier(multiplier);
    checkDelay("maxDelay", maxDelay);
    Objects.requireNonNull(jitter, "jitter");
  }

  /** A builder starting from {@link #DEFAULT}. */
  public static Builder builder() {
    return new Builder(DEFAULT);
  }

  /** A builder starting from this backoff's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * The delay before redrive number {@code redriveCount + 1}, in whole seconds, without jitter:
   * {@code min(initialDelay * multiplier^redriveCount, maxDelay)}, rounded down.
   *
   * @param redriveCount how many times the execution has been redriven already, >= 0
   */
  public long baseDelaySeconds(int redriveCount) {
    long initial = initialDelay.getSeconds();
    long max = maxDelay.getSeconds();
    if (initial == 0 || max == 0) {
      return 0;
    }
    double delay = initial * Math.pow(multiplier, redriveCount);
    return delay >= max ? max : (long) delay;
  }

  /**
   * The delay before redrive number {@code redriveCount + 1}, in whole seconds: {@link
   * #baseDelaySeconds(int)}, and with {@link Jitter#FULL} a value drawn uniformly from {@code [0,
   * base]} using {@code random} (a seeded generator gives reproducible delays).
   *
   * @param redriveCount how many times the execution has been redriven already, >= 0
   * @param random the source of jitter; not used with {@link Jitter#NONE} or a zero delay
   */
  public long delaySeconds(int redriveCount, RandomGenerator random) {
    long base = baseDelaySeconds(redriveCount);
    if (jitter == Jitter.NONE || base == 0) {
      return base;
    }
    return random.nextLong(base + 1);
  }

  private static void checkDelay(String field, Duration delay) {
    Objects.requireNonNull(delay, field);
    if (delay.isNegative()) {
      throw new IllegalArgumentException(field + " must be >= 0s, was " + Durations.format(delay));
    }
    if (delay.getNano() != 0) {
      throw new IllegalArgumentException(field + " must be whole seconds, was " + delay);
    }
  }

  private static void checkMultiplier(double multiplier) {
    if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be >= 1, was " + multiplier);
    }
  }

  /** Builds a {@link Backoff}, checking each value as it is set. */
  public static final class Builder {
    private Duration initialDelay;
    private double multiplier;
    private Duration maxDelay;
    private Jitter jitter;

    private Builder(Backoff from) {
      this.initialDelay = from.initialDelay;
      this.multiplier = from.multiplier;
      this.maxDelay = from.maxDelay;
      this.jitter = from.jitter;
    }

    /** The delay before the first redrive; whole seconds, >= 0. */
    public Builder initialDelay(Duration initialDelay) {
      checkDelay("initialDelay", initialDelay);
      this.initialDelay = initialDelay;
      return this;
    }

    /** The factor between consecutive delays; >= 1. */
    public Builder multiplier(double multiplier) {
      checkMultiplier(multiplier);
      this.multiplier = multiplier;
      return this;
    }

    /** The cap on any delay; whole seconds, >= 0. */
    public Builder maxDelay(Duration maxDelay) {
      checkDelay("maxDelay", maxDelay);
      this.maxDelay = maxDelay;
      return this;
    }

    /** {@code none} or {@code full}. */
    public Builder jitter(Jitter jitter) {
      this.jitter = Objects.requireNonNull(jitter, "jitter");
      return this;
    }

    /** The backoff. */
    public Backoff build() {
      return new Backoff(initialDelay, multiplier, maxDelay, jitter);
    }
  }
}
