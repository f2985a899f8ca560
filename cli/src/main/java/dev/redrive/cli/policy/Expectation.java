package dev.redrive.cli.policy;

import dev.redrive.policy.Action;
import dev.redrive.policy.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a policy test expects of a decision: any subset of its action, delay and rule.
 *
 * @param action the expected action, if checked
 * @param delaySeconds the expected delay in seconds, if checked
 * @param rule the expected rule, if checked: {@code Optional.of(Optional.empty())} expects no rule
 *     ({@code rule: null} in the file)
 */
record Expectation(
    Optional<Action> action, OptionalLong delaySeconds, Optional<Optional<String>> rule) {

  Expectation {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(delaySeconds, "delaySeconds");
    Objects.requireNonNull(rule, "rule");
    if (action.isEmpty() && delaySeconds.isEmpty() && rule.isEmpty()) {
      throw new IllegalArgumentException("an expectation needs action, delaySeconds or rule");
    }
  }

  /**
   * One checked field: its name, what was expected, what the decision has.
   *
   * @param field {@code action}, {@code delaySeconds} or {@code rule}
   * @param expected the expected value as written in a test file
   * @param actual the decision's value, in the same notation
   */
  record FieldResult(String field, String expected, String actual) {
    boolean holds() {
      return expected.equals(actual);
    }
  }

  /** Each checked field of {@code decision}, in the order action, delaySeconds, rule. */
  List<FieldResult> check(Decision decision) {
    List<FieldResult> results = new ArrayList<>(3);
    action.ifPresent(
        expected ->
            results.add(new FieldResult("action", expected.name(), decision.action().name())));
    delaySeconds.ifPresent(
        expected ->
            results.add(
                new FieldResult(
                    "delaySeconds",
                    Long.toString(expected),
                    Long.toString(decision.delaySeconds()))));
    rule.ifPresent(
        expected ->
            results.add(new FieldResult("rule", ruleText(expected), ruleText(decision.rule()))));
    return results;
  }

  private static String ruleText(Optional<String> rule) {
    return rule.orElse("null");
  }
}
