package dev.redrive.simulator.definition.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.error.StatesError;
import dev.redrive.simulator.path.PathResolver;
import java.util.List;
import java.util.Optional;

/**
 * Compiles JSONPath-mode Choice Rules and names the errors a Choice state raises.
 *
 * <p>Semantics follow the AWS Step Functions developer guide ("Choice workflow state") and the
 * behaviour recorded against AWS in the conformance corpus:
 *
 * <ul>
 *   <li>Comparison operators: {@code String}, {@code Numeric} and {@code Timestamp} each with
 *       {@code Equals}, {@code LessThan}, {@code GreaterThan}, {@code LessThanEquals}, {@code
 *       GreaterThanEquals}; {@code BooleanEquals}; every one of those also as a {@code ...Path}
 *       form whose operand is a reference path; {@code StringMatches} ({@code *} wildcard, {@code
 *       \*} and {@code \\} escapes); {@code IsNull}, {@code IsPresent}, {@code IsNumeric}, {@code
 *       IsString}, {@code IsBoolean}, {@code IsTimestamp}; and {@code And}, {@code Or}, {@code
 *       Not}.
 *   <li>A value of the wrong type makes a comparison false, never an error: {@code "NumericEquals":
 *       0} is false for {@code "0"}, {@code false}, {@code null}, {@code []} or {@code {}}.
 *   <li>Numbers compare by value: {@code 0} equals {@code 0.0}.
 *   <li>Timestamps compare as instants, fractional seconds and offsets included (see {@link
 *       Timestamp} for the accepted form).
 *   <li>A {@code Variable} or {@code ...Path} operand that selects nothing raises {@code
 *       States.Runtime}, except under {@code IsPresent}, which is then simply false (or true for
 *       {@code "IsPresent": false}).
 * </ul>
 */
public final class ChoiceRules {

  /** Raised when no Choice Rule matches and the Choice state has no {@code Default}. */
  public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";

  private ChoiceRules() {}

  /**
   * Compiles one element of a Choice state's {@code Choices} array (a top-level rule, with {@code
   * Next} and optionally {@code Assign}) or a nested rule. Done once, when the definition loads;
   * literals are converted then (timestamps parsed, {@code StringMatches} patterns compiled).
   *
   * <p>A rule holds either {@code Variable} with exactly one comparison operator, or exactly one of
   * {@code And}, {@code Or} (non-empty arrays of rules) and {@code Not} (one rule); {@code Comment}
   * is allowed anywhere; {@code Next} and {@code Assign} only at the top level. This method does
   * not require {@code Next}: the caller knows whether the rule is a top-level one.
   *
   * @param rule the rule's JSON, as in the definition
   * @return the compiled rule, immutable and thread-safe
   * @throws IllegalArgumentException naming every problem found, each with the JSON Pointer of the
   *     nested rule it is in: an unknown field, a missing or extra operator, an operand of the
   *     wrong type (e.g. {@code "NumericEquals": "1"}, a timestamp literal that is not RFC 3339), a
   *     path that does not start with {@code $}, a JSONata {@code Condition}
   */
  public static ChoiceRule compile(JsonNode rule) {
    return RuleCompiler.compile(rule);
  }

  /**
   * Compiles every rule of a {@code Choices} array, in order.
   *
   * @throws IllegalArgumentException when {@code choices} is not a non-empty array, or a rule is
   *     malformed; the message names the rule's index
   */
  public static List<ChoiceRule> compileAll(JsonNode choices) {
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      throw new IllegalArgumentException(
          "Choices must be a non-empty array of Choice Rules, was "
              + (choices == null ? "absent" : choices.toString()));
    }
    ChoiceRule[] rules = new ChoiceRule[choices.size()];
    for (int i = 0; i < rules.length; i++) {
      try {
        rules[i] = compile(choices.get(i));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Choices[" + i + "]: " + e.getMessage(), e);
      }
    }
    return List.of(rules);
  }

  /**
   * The first rule, in {@code Choices} order, that matches: the one whose {@code Next} (and {@code
   * Assign}) the Choice state takes. Later rules are not evaluated, so they raise no error.
   *
   * @return the matching rule, or empty when none matches and the state's {@code Default} applies
   *     (or, without one, {@link #noChoiceMatched(String)})
   * @throws StatesError as {@link ChoiceRule#matches} documents, from the first rule that raises
   */
  public static Optional<ChoiceRule> firstMatch(List<ChoiceRule> rules, PathResolver resolver) {
    for (int i = 0; i < rules.size(); i++) {
      ChoiceRule rule = rules.get(i);
      if (rule.matches(resolver)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  /**
   * The names of every JSONPath comparison operator ({@code StringEquals}, ..., {@code
   * IsTimestamp}).
   */
  public static List<String> operatorNames() {
    return RuleCompiler.operatorNames();
  }

  /**
   * The cause of the {@code States.Runtime} error raised when a Choice Rule's {@code Variable} (or
   * a {@code ...Path} operand) selects nothing, e.g. {@code Invalid path '$.foo': The choice
   * state's condition path references an invalid value.}
   *
   * <p>This is the text of the condition itself; in the history AWS puts it after the usual state
   * prefix, {@code An error occurred while executing the state 'Choice' (entered at the event id
   * #2). }, which the runtime adds as for every {@code States.Runtime} error of a state. The corpus
   * has no recording of this error; the wording is the one AWS is widely reported to use.
   */
  public static String invalidPathCause(String path) {
    return "Invalid path '"
        + path
        + "': The choice state's condition path references an invalid value.";
  }

  /**
   * The error a Choice state raises when no rule matched and it has no {@code Default}: {@code
   * States.NoChoiceMatched}.
   *
   * <p>The cause is not recorded anywhere in the conformance corpus, so its wording here is this
   * simulator's, not AWS's; tests should not pin it until a recording shows AWS's text.
   *
   * @param stateName the Choice state's name
   */
  public static StatesError noChoiceMatched(String stateName) {
    return new StatesError(
        NO_CHOICE_MATCHED,
        "No Choice Rule matched in the Choice state '" + stateName + "' and it has no Default.");
  }
}
