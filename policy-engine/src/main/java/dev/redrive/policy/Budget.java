package dev.redrive.policy;

import java.time.Duration;
import java.util.Objects;

/**
 * A cap on redrives per state machine, which stops a redrive storm while a downstream is down: at
 * most {@code maxRedrives} redrives of one state machine's executions in each fixed window of
 * length {@code per}. The controller counts it in its ledger; once spent, further REDRIVE decisions
 * for that state machine become GIVE_UP ("budget exhausted") until the next window.
 *
 * @param maxRedrives redrives allowed per window, >= 1
 * @param per the window's length, >= 1 second
 */
public record Budget(int maxRedrives, Duration per) {
  /** Checks the values. */
  public Budget {
    if (maxRedrives < 1) {
      throw new IllegalArgumentException("budget.maxRedrives must be >= 1, was " + maxRedrives);
    }
    Objects.requireNonNull(per, "per");
    if (per.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("budget.per must be >= 1s, was " + per);
    }
  }
}
