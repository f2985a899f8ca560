package dev.redrive.policy;

import java.util.Optional;

/** How a backoff delay is randomised, the {@code backoff.jitter} field of the policy file. */
public enum Jitter {
  /** The delay as computed. */
  NONE("none"),
  /** A delay drawn uniformly from {@code [0, delay]} (whole seconds, both ends included). */
  FULL("full");

  private final String policyName;

  Jitter(String policyName) {
    this.policyName = policyName;
  }

  /** The spelling in the policy file. */
  public String policyName() {
    return policyName;
  }

  /** The jitter spelled {@code name} in the policy file, if there is one. */
  public static Optional<Jitter> fromPolicyName(String name) {
    for (Jitter jitter : values()) {
      if (jitter.policyName.equals(name)) {
        return Optional.of(jitter);
      }
    }
    return Optional.empty();
  }
}
