package dev.redrive.simulator.definition.validation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields a Choice rule may hold (ASL spec, "Choice Rules"; AWS docs, "Choice workflow state"):
 * in JSONPath, a {@code Variable} with one comparison operator, or a boolean combination ({@code
 * And}, {@code Or}, {@code Not}); in JSONata, a {@code Condition}. Top-level rules add {@code Next}
 * and {@code Assign}, and in JSONata {@code Output}.
 */
final class ChoiceRuleFields {
  /** Data-test operators of JSONPath Choice rules; most also exist with a {@code Path} suffix. */
  private static final List<String> COMPARISONS =
      List.of(
          "StringEquals",
          "StringLessThan",
          "StringGreaterThan",
          "StringLessThanEquals",
          "StringGreaterThanEquals",
          "NumericEquals",
          "NumericLessThan",
          "NumericGreaterThan",
          "NumericLessThanEquals",
          "NumericGreaterThanEquals",
          "BooleanEquals",
          "TimestampEquals",
          "TimestampLessThan",
          "TimestampGreaterThan",
          "TimestampLessThanEquals",
          "TimestampGreaterThanEquals");

  private static final List<String> UNARY =
      List.of(
          "StringMatches",
          "IsNull",
          "IsPresent",
          "IsNumeric",
          "IsString",
          "IsBoolean",
          "IsTimestamp");

  private static final Set<String> JSONPATH_FIELDS = jsonPathFields();

  private static final Set<String> JSONATA_FIELDS =
      Set.of("Condition", "Next", "Output", "Assign", "Comment");

  private ChoiceRuleFields() {}

  /** Whether {@code field} belongs in a rule of the given language. */
  static boolean accepts(LanguageFields language, String field) {
    return language == LanguageFields.JSONATA
        ? JSONATA_FIELDS.contains(field)
        : JSONPATH_FIELDS.contains(field);
  }

  /** Whether {@code field} belongs only to rules of the other language. */
  static boolean belongsToOther(LanguageFields language, String field) {
    return !accepts(language, field) && accepts(language.other(), field);
  }

  private static Set<String> jsonPathFields() {
    Set<String> fields =
        new HashSet<>(List.of("Variable", "Next", "Assign", "Comment", "And", "Or", "Not"));
    for (String op : COMPARISONS) {
      fields.add(op);
      fields.add(op + "Path");
    }
    fields.addAll(UNARY);
    return Set.copyOf(fields);
  }
}
