package dev.redrive.policy;

import java.util.Optional;

/** What the controller does besides publishing "Redrive Given Up" when it gives up. */
public enum OnGiveUp {
  /** Also send a notification (SNS, when the stack configures a topic). */
  NOTIFY("notify"),
  /** Only the "Redrive Given Up" event and the ledger record. */
  SILENT("silent");

  private final String policyName;

  OnGiveUp(String policyName) {
    this.policyName = policyName;
  }

  /** The spelling in the policy file. */
  public String policyName() {
    return policyName;
  }

  /** The value spelled {@code name} in the policy file, if there is one. */
  public static Optional<OnGiveUp> fromPolicyName(String name) {
    for (OnGiveUp value : values()) {
      if (value.policyName.equals(name)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
