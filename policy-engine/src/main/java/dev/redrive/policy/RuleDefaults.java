package dev.redrive.policy;

import java.util.Objects;

/**
 * The {@code defaults} section of a policy: what every rule inherits, field by field, unless it
 * says otherwise.
 *
 * @param maxRedrives redrive only while the event's {@code redriveCount < maxRedrives}; >= 0;
 *     default 3
 * @param backoff the delay before a redrive; default {@link Backoff#DEFAULT}
 * @param onGiveUp {@code notify} or {@code silent}; default {@code notify}
 */
public record RuleDefaults(int maxRedrives, Backoff backoff, OnGiveUp onGiveUp) {

  /** The defaults of DESIGN.md, used for whatever the policy's {@code defaults} leaves out. */
  public static final RuleDefaults BUILT_IN = new RuleDefaults(3, Backoff.DEFAULT, OnGiveUp.NOTIFY);

  /** Checks the values: {@code maxRedrives >= 0}, the rest non-null. */
  public RuleDefaults {
    if (maxRedrives < 0) {
      throw new IllegalArgumentException("maxRedrives must be >= 0, was " + maxRedrives);
    }
    Objects.requireNonNull(backoff, "backoff");
    Objects.requireNonNull(onGiveUp, "onGiveUp");
  }
}
