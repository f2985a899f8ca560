package dev.redrive.simulator.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The API model's field constraints, checked the way AWS's request layer does: every violation is
 * collected and reported in one {@code ValidationException},
 *
 * <pre>
 * 1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member
 * must have value less than or equal to 1000
 * </pre>
 *
 * with further violations joined by {@code "; "} under {@code N validation errors detected}.
 */
public final class Constraints {
  private final List<String> violations = new ArrayList<>();

  /** Starts an empty set of violations. */
  public Constraints() {}

  /** {@code value} must be at most {@code max} when given. */
  public Constraints maxValue(String field, Integer value, int max) {
    if (value != null && value > max) {
      violate(field, value.toString(), "Member must have value less than or equal to " + max);
    }
    return this;
  }

  /** {@code value} must be at least {@code min} when given. */
  public Constraints minValue(String field, Integer value, int min) {
    if (value != null && value < min) {
      violate(field, value.toString(), "Member must have value greater than or equal to " + min);
    }
    return this;
  }

  /** {@code value}, when given, must have between {@code min} and {@code max} characters. */
  public Constraints length(String field, String value, int min, int max) {
    if (value == null) {
      return this;
    }
    int length = value.codePointCount(0, value.length());
    if (length < min) {
      violate(field, value, "Member must have length greater than or equal to " + min);
    } else if (length > max) {
      violate(field, value, "Member must have length less than or equal to " + max);
    }
    return this;
  }

  /** {@code value}, when given, must match {@code regex} as a whole (AWS quotes the pattern). */
  public Constraints pattern(String field, String value, String regex) {
    if (value != null && !value.matches(regex)) {
      violate(field, value, "Member must satisfy regular expression pattern: " + regex);
    }
    return this;
  }

  /**
   * A list, when given, must have between {@code min} and {@code max} members; {@code shown} is how
   * the list appears in the message.
   */
  public Constraints members(String field, Integer count, String shown, int min, int max) {
    if (count == null) {
      return this;
    }
    if (count < min) {
      violate(field, shown, "Member must have length greater than or equal to " + min);
    } else if (count > max) {
      violate(field, shown, "Member must have length less than or equal to " + max);
    }
    return this;
  }

  /** {@code value}, when given, must be one of {@code allowed}, listed in AWS's order. */
  public Constraints oneOf(String field, String value, Collection<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      violate(field, value, "Member must satisfy enum value set: " + List.copyOf(allowed));
    }
    return this;
  }

  /**
   * @throws InvalidRequestException a {@code ValidationException} naming every violation
   */
  public void check() {
    if (violations.isEmpty()) {
      return;
    }
    String count =
        violations.size() == 1
            ? "1 validation error detected: "
            : violations.size() + " validation errors detected: ";
    throw new InvalidRequestException(
        InvalidRequestException.VALIDATION_EXCEPTION, count + String.join("; ", violations));
  }

  private void violate(String field, String value, String constraint) {
    violations.add(
        "Value '" + value + "' at '" + field + "' failed to satisfy constraint: " + constraint);
  }
}
