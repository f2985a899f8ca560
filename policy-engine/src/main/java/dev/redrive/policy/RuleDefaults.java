package dev.redrive.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * The {@code defaults} section of a policy: what every rule inherits, field by field, unless it
 * says otherwise.
 *
 * @param maxRedrives redrive only while the event's {@code redriveCount < maxRedrives}; >= 0;
 *     default 3
 * @param backoff the delay before a redrive; default {@link Backoff#DEFAULT}
 * @param onGiveUp {@code notify} or {@code silent}; default {@code notify}
 * @param budget the per-state-machine redrive budget of every rule that gives none; none by default
 */
public record RuleDefaults(
    int maxRedrives, Backoff backoff, OnGiveUp onGiveUp, Optional<Budget> budget) {

  /** The defaults of DESIGN.md, used for whatever the policy's {@code defaults} leaves out. */
  public static final RuleDefaults BUILT_IN =
      new RuleDefaults(3, Backoff.DEFAULT, OnGiveUp.NOTIFY, Optional.empty());

  /** Checks the values: {@code maxRedrives >= 0}, the rest non-null. */
  public RuleDefaults {
    if (maxRedrives < 0) {
      throw new IllegalArgumentException("maxRedrives must be >= 0, was " + maxRedrives);
    }
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(onGiveUp, "onGiveUp");
    Objects.requireNonNull(budget, "budget");
  }
}
