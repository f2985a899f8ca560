package dev.redrive.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * A decision and why: what {@code redrive policy explain} shows.
 *
 * @param decision the decision, the same {@link Policy#decide} gives
 * @param steps the decision's steps before the rules (is it a status change, is it redrivable), and
 *     after them, one sentence each
 * @param rules every rule, in order, with whether its match holds and why
 */
public record Explanation(Decision decision, List<String> steps, List<RuleTrace> rules) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Checks the values and copies the lists. */
  public Explanation {
    Objects.requireNonNull(decision, "decision");
    steps = List.copyOf(steps);
    rules = List.copyOf(rules);
  }

  /** What happened to a rule while deciding. */
  public enum Outcome {
    /** Its match holds, and it decided (it is the first such rule). */
    DECIDED,
    /** Its match does not hold. */
    NOT_MATCHED,
    /**
     * The decision was made before this rule was reached (by an earlier rule, or before the rules);
     * its checks show whether it would have matched.
     */
    NOT_REACHED
  }

  /**
   * One rule in the trace.
   *
   * @param rule the rule's name
   * @param outcome whether it decided, did not match, or was not reached
   * @param matches whether its match holds for the event
   * @param checks each field of its match with whether it holds and why; empty for {@code match:
   *     {}}
   */
  public record RuleTrace(String rule, Outcome outcome, boolean matches, List<Check> checks) {
    /** Checks the values and copies the list. */
    public RuleTrace {
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(outcome, "outcome");
      checks = List.copyOf(checks);
    }
  }

  /**
   * One field of a rule's match.
   *
   * @param field the field's name, such as {@code errors}
   * @param holds whether it holds for the event
   * @param detail why, as a phrase for people
   */
  public record Check(String field, boolean holds, String detail) {
    /** Checks the values. */
    public Check {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** The explanation for people, several lines, ending with a newline. */
  public String toText() {
    StringBuilder text = new StringBuilder();
    text.append(decision.action());
    if (decision.delaySeconds() > 0) {
      text.append(" after ").append(decision.delaySeconds()).append("s");
    }
    decision.rule().ifPresent(rule -> text.append(" (rule ").append(rule).append(')'));
    text.append(": ").append(decision.reason()).append('\n');
    for (String step : steps) {
      text.append("  - ").append(step).append('\n');
    }
    if (!rules.isEmpty()) {
      text.append("rules:\n");
    }
    for (RuleTrace trace : rules) {
      String outcome =
          switch (trace.outcome()) {
            case DECIDED -> "decided";
            case NOT_MATCHED -> "no match";
            case NOT_REACHED -> trace.matches() ? "not reached (would match)" : "not reached";
          };
      text.append("  ").append(trace.rule()).append(": ").append(outcome).append('\n');
      if (trace.checks().isEmpty()) {
        text.append("      match {} holds for every event\n");
      }
      for (Check check : trace.checks()) {
        text.append("      ")
            .append(check.holds() ? "[x] " : "[ ] ")
            .append(check.field())
            .append(": ")
            .append(check.detail())
            .append('\n');
      }
    }
    return text.toString();
  }

  /**
   * The explanation as JSON: {@code {"decision": {...}, "steps": [...], "rules": [{"rule": name,
   * "outcome": "DECIDED" | "NOT_MATCHED" | "NOT_REACHED", "matches": bool, "checks": [{"field",
   * "holds", "detail"}]}]}}, where {@code decision} is {@link Decision#toJson()}'s object.
   */
  public String toJson() {
    try {
      ObjectNode root = MAPPER.createObjectNode();
      root.set("decision", MAPPER.readTree(decision.toJson()));
      ArrayNode stepArray = root.putArray("steps");
      steps.forEach(stepArray::add);
      ArrayNode ruleArray = root.putArray("rules");
      for (RuleTrace trace : rules) {
        ObjectNode rule = ruleArray.addObject();
        rule.put("rule", trace.rule());
        rule.put("outcome", trace.outcome().name());
        rule.put("matches", trace.matches());
        ArrayNode checks = rule.putArray("checks");
        for (Check check : trace.checks()) {
          checks
              .addObject()
              .put("field", check.field())
              .put("holds", check.holds())
              .put("detail", check.detail());
        }
      }
      return MAPPER.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write an explanation as JSON", e);
    }
  }
}
