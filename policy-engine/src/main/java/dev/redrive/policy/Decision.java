package dev.redrive.policy;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Objects;
import java.util.Optional;

/**
 * What to do with one event.
 *
 * @param action redrive, give up, or ignore
 * @param delaySeconds for {@link Action#REDRIVE}, how long to wait before redriving, in seconds (0
 *     = now); always 0 for the other actions
 * @param rule the name of the rule that decided, or empty when the decision came before the rules
 *     (not a failure, not redrivable) or when no rule matched
 * @param reason a sentence for people saying why
 */
public record Decision(Action action, long delaySeconds, Optional<String> rule, String reason) {

  /** Checks the values: non-null, {@code delaySeconds >= 0} and 0 unless the action is REDRIVE. */
  public Decision {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(reason, "reason");
    if (delaySeconds < 0) {
      throw new IllegalArgumentException("delaySeconds must be >= 0, was " + delaySeconds);
    }
    if (delaySeconds != 0 && action != Action.REDRIVE) {
      throw new IllegalArgumentException(
          "delaySeconds must be 0 for " + action + ", was " + delaySeconds);
    }
  }

  /** A redrive after {@code delaySeconds} decided by {@code rule}. */
  public static Decision redrive(String rule, long delaySeconds, String reason) {
    return new Decision(Action.REDRIVE, delaySeconds, Optional.of(rule), reason);
  }

  /** A give-up, by a rule or (with an empty {@code rule}) before the rules. */
  public static Decision giveUp(Optional<String> rule, String reason) {
    return new Decision(Action.GIVE_UP, 0, rule, reason);
  }

  /** An ignore, by a rule or (with an empty {@code rule}) before or after the rules. */
  public static Decision ignore(Optional<String> rule, String reason) {
    return new Decision(Action.IGNORE, 0, rule, reason);
  }

  /**
   * The decision as DESIGN.md gives it: {@code {"action": "REDRIVE", "delaySeconds": 30, "rule":
   * "orders-transient", "reason": "..."}}, with {@code "rule": null} when no rule decided. One
   * line, no spaces.
   */
  public String toJson() {
    StringBuilder json = new StringBuilder(96 + reason.length());
    json.append("{\"action\":\"").append(action.name()).append('"');
    json.append(",\"delaySeconds\":").append(delaySeconds);
    json.append(",\"rule\":");
    if (rule.isPresent()) {
      appendString(json, rule.get());
    } else {
      json.append("null");
    }
    json.append(",\"reason\":");
    appendString(json, reason);
    return json.append('}').toString();
  }

  private static void appendString(StringBuilder json, String text) {
    json.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
  }
}
