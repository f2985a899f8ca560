package dev.redrive.functions.controller;

import java.time.Duration;
import java.util.Objects;

/**
 * The controller's own settings (the policy says what to decide; these say how to run).
 *
 * @param auditRetention how long decisions are kept in the ledger (AUDIT_TTL_DAYS, default 30)
 * @param checkNestedParents whether a child execution is redriven only while its parent still runs
 *     (NESTED_CHECK, default true)
 * @param mode whether decisions are acted on (CONTROLLER_MODE, default {@link
 *     ControllerMode#ENFORCE})
 */
public record ControllerSettings(
    Duration auditRetention, boolean checkNestedParents, ControllerMode mode) {
  /** The defaults. */
  public static final ControllerSettings DEFAULTS =
      new ControllerSettings(Duration.ofDays(30), true, ControllerMode.ENFORCE);

  public ControllerSettings {
    Objects.requireNonNull(auditRetention, "auditRetention");
    Objects.requireNonNull(mode, "mode");
    if (auditRetention.isNegative() || auditRetention.isZero()) {
      throw new IllegalArgumentException("auditRetention must be > 0, was " + auditRetention);
    }
  }

  /** Settings in {@link ControllerMode#ENFORCE} mode. */
  public ControllerSettings(Duration auditRetention, boolean checkNestedParents) {
    this(auditRetention, checkNestedParents, ControllerMode.ENFORCE);
  }

  /** These settings in {@code value} mode. */
  public ControllerSettings withMode(ControllerMode value) {
    return new ControllerSettings(auditRetention, checkNestedParents, value);
  }
}
