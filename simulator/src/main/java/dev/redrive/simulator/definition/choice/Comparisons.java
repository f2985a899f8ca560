package dev.redrive.simulator.definition.choice;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.error.StatesError;
import dev.redrive.simulator.path.PathResolver;
import java.util.Objects;
import java.util.Optional;

/** The leaf rules: a {@code Variable} and one comparison operator. */
final class Comparisons {
  private Comparisons() {}

  /**
   * The value a path selects.
   *
   * @throws StatesError {@code States.Runtime} when it selects nothing, worded as AWS words it
   */
  static JsonNode resolveRequired(PathResolver resolver, String path) {
    Optional<JsonNode> value = resolver.resolve(path);
    if (value.isEmpty() || value.get().isMissingNode()) {
      throw StatesError.runtime(ChoiceRules.invalidPathCause(path));
    }
    return value.get();
  }

  /** The right-hand side of a comparison: a literal, or a path for the {@code ...Path} forms. */
  sealed interface Operand<T> {
    /** The operand's value, or null when a path selects a value of another type. */
    T value(PathResolver resolver);
  }

  /** A literal operand, already converted (a timestamp is parsed once, at compile time). */
  record Literal<T>(T value) implements Operand<T> {
    Literal {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public T value(PathResolver resolver) {
      return value;
    }
  }

  /** A path operand ({@code StringEqualsPath}, ...), resolved at each evaluation. */
  record PathOperand<T>(String path, ValueType<T> type) implements Operand<T> {
    PathOperand {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(type, "type");
    }

    @Override
    public T value(PathResolver resolver) {
      return type.read(resolveRequired(resolver, path));
    }
  }

  /**
   * A typed comparison such as {@code NumericLessThan} or {@code TimestampEqualsPath}. A variable
   * or operand of another type makes it false. Both sides are resolved before types are checked, so
   * a missing operand path fails even when the variable has the wrong type.
   */
  record Comparison<T>(String variable, ValueType<T> type, Relation relation, Operand<T> operand)
      implements Condition {
    Comparison {
      Objects.requireNonNull(variable, "variable");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(relation, "relation");
      Objects.requireNonNull(operand, "operand");
    }

    @Override
    public boolean test(PathResolver resolver) {
      JsonNode node = resolveRequired(resolver, variable);
      T right = operand.value(resolver);
      T left = type.read(node);
      return left != null && right != null && relation.holds(type.compare(left, right));
    }
  }

  /** {@code StringMatches}: the variable is a string matching a wildcard pattern. */
  record StringMatch(String variable, WildcardPattern pattern) implements Condition {
    StringMatch {
      Objects.requireNonNull(variable, "variable");
      Objects.requireNonNull(pattern, "pattern");
    }

    @Override
    public boolean test(PathResolver resolver) {
      JsonNode node = resolveRequired(resolver, variable);
      return node.isTextual() && pattern.matches(node.textValue());
    }
  }

  /** The JSON types the {@code Is...} operators test for. */
  enum Kind {
    NULL("IsNull"),
    NUMERIC("IsNumeric"),
    STRING("IsString"),
    BOOLEAN("IsBoolean"),
    TIMESTAMP("IsTimestamp");

    private final String operator;

    Kind(String operator) {
      this.operator = operator;
    }

    String operator() {
      return operator;
    }

    boolean holdsFor(JsonNode node) {
      return switch (this) {
        case NULL -> node.isNull();
        case NUMERIC -> node.isNumber();
        case STRING -> node.isTextual();
        case BOOLEAN -> node.isBoolean();
        case TIMESTAMP -> node.isTextual() && Timestamp.parseOrNull(node.textValue()) != null;
      };
    }
  }

  /**
   * {@code IsNull}, {@code IsNumeric}, {@code IsString}, {@code IsBoolean}, {@code IsTimestamp}:
   * true when whether the variable is of the kind equals {@code expected}. A missing variable is an
   * error, as for every operator but {@code IsPresent}.
   */
  record TypeTest(String variable, Kind kind, boolean expected) implements Condition {
    TypeTest {
      Objects.requireNonNull(variable, "variable");
      Objects.requireNonNull(kind, "kind");
    }

    @Override
    public boolean test(PathResolver resolver) {
      return kind.holdsFor(resolveRequired(resolver, variable)) == expected;
    }
  }

  /** {@code IsPresent}: true when whether the variable selects a value equals {@code expected}. */
  record PresenceTest(String variable, boolean expected) implements Condition {
    PresenceTest {
      Objects.requireNonNull(variable, "variable");
    }

    @Override
    public boolean test(PathResolver resolver) {
      Optional<JsonNode> value = resolver.resolve(variable);
      boolean present = value.isPresent() && !value.get().isMissingNode();
      return present == expected;
    }
  }
}
