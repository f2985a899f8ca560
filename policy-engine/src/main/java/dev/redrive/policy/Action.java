package dev.redrive.policy;

import java.util.Optional;

/**
 * What the controller does with a failed execution: the action of a {@link Decision}, and the
 * action a {@link Rule} names in the policy file ({@code redrive}, {@code give-up}, {@code
 * ignore}).
 */
public enum Action {
  /** Call {@code RedriveExecution}, now or after {@link Decision#delaySeconds()}. */
  REDRIVE("redrive"),
  /** Stop redriving: publish "Redrive Given Up" and, unless the rule is silent, notify. */
  GIVE_UP("give-up"),
  /** Do nothing with this event. */
  IGNORE("ignore");

  private final String policyName;

  Action(String policyName) {
    this.policyName = policyName;
  }

  /** The spelling in the policy file: {@code redrive}, {@code give-up} or {@code ignore}. */
  public String policyName() {
    return policyName;
  }

  /** The action spelled {@code name} in the policy file, if there is one. */
  public static Optional<Action> fromPolicyName(String name) {
    for (Action action : values()) {
      if (action.policyName.equals(name)) {
        return Optional.of(action);
      }
    }
    return Optional.empty();
  }
}
