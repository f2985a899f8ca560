package dev.redrive.simulator.definition.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.definition.choice.Comparisons.Comparison;
import dev.redrive.simulator.definition.choice.Comparisons.Kind;
import dev.redrive.simulator.definition.choice.Comparisons.Literal;
import dev.redrive.simulator.definition.choice.Comparisons.Operand;
import dev.redrive.simulator.definition.choice.Comparisons.PathOperand;
import dev.redrive.simulator.definition.choice.Comparisons.PresenceTest;
import dev.redrive.simulator.definition.choice.Comparisons.StringMatch;
import dev.redrive.simulator.definition.choice.Comparisons.TypeTest;
import dev.redrive.simulator.definition.choice.Logical.AllOf;
import dev.redrive.simulator.definition.choice.Logical.AnyOf;
import dev.redrive.simulator.definition.choice.Logical.Negation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the JSON of a Choice Rule into a {@link ChoiceRule}, collecting every problem (each with
 * the JSON Pointer of the rule it is in, relative to the compiled rule) before failing.
 */
final class RuleCompiler {

  /** Builds the condition of one operator from its Variable and operand, or records a problem. */
  @FunctionalInterface
  private interface OperatorFactory {
    Condition build(String variable, JsonNode operand, String where, List<String> problems);
  }

  private static final Map<String, OperatorFactory> OPERATORS = operators();

  private final List<String> problems = new ArrayList<>();

  private RuleCompiler() {}

  /**
   * @see ChoiceRules#compile(JsonNode)
   */
  static ChoiceRule compile(JsonNode rule) {
    RuleCompiler compiler = new RuleCompiler();
    if (rule == null || !rule.isObject()) {
      throw new IllegalArgumentException(
          "a Choice Rule must be a JSON object, was " + describe(rule));
    }
    Condition condition = compiler.condition(rule, "", true);
    Optional<String> next = compiler.next(rule);
    Optional<JsonNode> assign = compiler.assign(rule);
    if (!compiler.problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid Choice Rule: " + String.join("; ", compiler.problems));
    }
    return new CompiledChoiceRule(condition, next, assign);
  }

  /** The names of every JSONPath comparison operator, in a stable order. */
  static List<String> operatorNames() {
    return List.copyOf(OPERATORS.keySet());
  }

  private Condition condition(JsonNode rule, String where, boolean topLevel) {
    List<String> kinds = new ArrayList<>();
    for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      switch (field) {
        case "And", "Or", "Not" -> kinds.add(field);
        case "Variable", "Comment" -> {}
        case "Next", "Assign" -> {
          if (!topLevel) {
            problem(where, "field '" + field + "' is only allowed in a top-level Choice Rule");
          }
        }
        case "Condition" ->
            problem(
                where,
                "field 'Condition' is a JSONata Choice Rule; JSONPath rules use 'Variable' and a"
                    + " comparison operator");
        default -> {
          if (OPERATORS.containsKey(field)) {
            kinds.add(field);
          } else {
            problem(where, "unknown field '" + field + "'");
          }
        }
      }
    }
    JsonNode comment = rule.get("Comment");
    if (comment != null && !comment.isTextual()) {
      problem(where, "field 'Comment' must be a string, was " + describe(comment));
    }
    if (kinds.size() != 1) {
      problem(
          where,
          kinds.isEmpty()
              ? "expected one comparison operator or one of 'And', 'Or', 'Not', found none"
              : "expected one comparison operator or one of 'And', 'Or', 'Not', found " + kinds);
      return resolver -> false;
    }
    String kind = kinds.get(0);
    JsonNode variable = rule.get("Variable");
    return switch (kind) {
      case "And", "Or" -> {
        if (variable != null) {
          problem(where, "field 'Variable' is not allowed beside '" + kind + "'");
        }
        yield combination(kind, rule.get(kind), where);
      }
      case "Not" -> {
        if (variable != null) {
          problem(where, "field 'Variable' is not allowed beside 'Not'");
        }
        yield negation(rule.get(kind), where + "/Not");
      }
      default -> {
        Optional<String> path = referencePath(variable, "Variable", where);
        Condition built =
            path.isEmpty()
                ? null
                : OPERATORS.get(kind).build(path.get(), rule.get(kind), where, problems);
        yield built == null ? resolver -> false : built;
      }
    };
  }

  private Condition combination(String kind, JsonNode rules, String where) {
    if (rules == null || !rules.isArray() || rules.isEmpty()) {
      problem(
          where,
          "field '" + kind + "' must be a non-empty array of Choice Rules, was " + describe(rules));
      return resolver -> false;
    }
    List<Condition> nested = new ArrayList<>(rules.size());
    for (int i = 0; i < rules.size(); i++) {
      nested.add(nested(rules.get(i), where + "/" + kind + "/" + i));
    }
    return kind.equals("And") ? new AllOf(nested) : new AnyOf(nested);
  }

  private Condition negation(JsonNode rule, String where) {
    return new Negation(nested(rule, where));
  }

  private Condition nested(JsonNode rule, String where) {
    if (rule == null || !rule.isObject()) {
      problem(where, "a nested Choice Rule must be a JSON object, was " + describe(rule));
      return resolver -> false;
    }
    return condition(rule, where, false);
  }

  private Optional<String> next(JsonNode rule) {
    JsonNode next = rule.get("Next");
    if (next == null) {
      return Optional.empty();
    }
    if (!next.isTextual() || next.textValue().isEmpty()) {
      problem("", "field 'Next' must be a non-empty state name, was " + describe(next));
      return Optional.empty();
    }
    return Optional.of(next.textValue());
  }

  private Optional<JsonNode> assign(JsonNode rule) {
    JsonNode assign = rule.get("Assign");
    if (assign == null) {
      return Optional.empty();
    }
    if (!assign.isObject()) {
      problem("", "field 'Assign' must be a JSON object, was " + describe(assign));
      return Optional.empty();
    }
    return Optional.of(assign.deepCopy());
  }

  private Optional<String> referencePath(JsonNode node, String field, String where) {
    if (node == null) {
      problem(where, "field '" + field + "' is required beside a comparison operator");
      return Optional.empty();
    }
    return checkedPath(node, field, where, problems);
  }

  private static Optional<String> checkedPath(
      JsonNode node, String field, String where, List<String> problems) {
    if (!node.isTextual() || !node.textValue().startsWith("$")) {
      problems.add(
          at(where)
              + "field '"
              + field
              + "' must be a reference path starting with '$', was "
              + describe(node));
      return Optional.empty();
    }
    return Optional.of(node.textValue());
  }

  private void problem(String where, String message) {
    problems.add(at(where) + message);
  }

  private static String at(String where) {
    return where.isEmpty() ? "" : "at " + where + ": ";
  }

  private static String describe(JsonNode node) {
    if (node == null) {
      return "absent";
    }
    String text = node.toString();
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }

  // ---- The operator table ----

  private static Map<String, OperatorFactory> operators() {
    Map<String, OperatorFactory> table = new LinkedHashMap<>();
    for (Relation relation : Relation.values()) {
      typed(table, ValueType.STRING, relation, RuleCompiler::stringLiteral);
      typed(table, ValueType.NUMBER, relation, RuleCompiler::numberLiteral);
      typed(table, ValueType.TIMESTAMP, relation, RuleCompiler::timestampLiteral);
    }
    typed(table, ValueType.BOOLEAN, Relation.EQUALS, RuleCompiler::booleanLiteral);
    table.put(
        "StringMatches",
        (variable, operand, where, problems) -> {
          if (!operand.isTextual()) {
            problems.add(at(where) + "'StringMatches' must be a string, was " + describe(operand));
            return null;
          }
          return new StringMatch(variable, WildcardPattern.compile(operand.textValue()));
        });
    for (Kind kind : Kind.values()) {
      table.put(
          kind.operator(),
          (variable, operand, where, problems) ->
              flag(kind.operator(), operand, where, problems)
                  .map(expected -> (Condition) new TypeTest(variable, kind, expected))
                  .orElse(null));
    }
    table.put(
        "IsPresent",
        (variable, operand, where, problems) ->
            flag("IsPresent", operand, where, problems)
                .map(expected -> (Condition) new PresenceTest(variable, expected))
                .orElse(null));
    return Collections.unmodifiableMap(table);
  }

  /** Adds {@code <Type><Relation>} with a literal operand and {@code <Type><Relation>Path}. */
  private static <T> void typed(
      Map<String, OperatorFactory> table,
      ValueType<T> type,
      Relation relation,
      Function<JsonNode, Optional<T>> literal) {
    String name = type.prefix() + relation.suffix();
    table.put(
        name,
        (variable, operand, where, problems) -> {
          Optional<T> value = literal.apply(operand);
          if (value.isEmpty()) {
            problems.add(
                at(where)
                    + "'"
                    + name
                    + "' must be "
                    + expectedLiteral(type)
                    + ", was "
                    + describe(operand));
            return null;
          }
          Operand<T> right = new Literal<>(value.get());
          return new Comparison<>(variable, type, relation, right);
        });
    table.put(
        name + "Path",
        (variable, operand, where, problems) ->
            checkedPath(operand, name + "Path", where, problems)
                .map(
                    path ->
                        (Condition)
                            new Comparison<>(
                                variable, type, relation, new PathOperand<>(path, type)))
                .orElse(null));
  }

  private static String expectedLiteral(ValueType<?> type) {
    if (type == ValueType.STRING) {
      return "a string";
    }
    if (type == ValueType.NUMBER) {
      return "a number";
    }
    if (type == ValueType.BOOLEAN) {
      return "a boolean";
    }
    return "an RFC 3339 timestamp such as \"2016-03-14T01:59:00Z\"";
  }

  private static Optional<String> stringLiteral(JsonNode node) {
    return node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
  }

  private static Optional<JsonNode> numberLiteral(JsonNode node) {
    return node.isNumber() ? Optional.of(node) : Optional.empty();
  }

  private static Optional<Boolean> booleanLiteral(JsonNode node) {
    return node.isBoolean() ? Optional.of(node.booleanValue()) : Optional.empty();
  }

  private static Optional<Timestamp> timestampLiteral(JsonNode node) {
    return node.isTextual() ? Timestamp.parse(node.textValue()) : Optional.empty();
  }

  private static Optional<Boolean> flag(
      String operator, JsonNode operand, String where, List<String> problems) {
    if (!operand.isBoolean()) {
      problems.add(
          at(where) + "'" + operator + "' must be true or false, was " + describe(operand));
      return Optional.empty();
    }
    return Optional.of(operand.booleanValue());
  }
}
