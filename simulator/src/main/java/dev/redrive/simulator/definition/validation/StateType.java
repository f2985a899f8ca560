package dev.redrive.simulator.definition.validation;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The eight ASL state types with the fields each accepts (ASL spec, "State Types"; AWS adds {@code
 * Assign}, {@code Output}, {@code Arguments} and {@code QueryLanguage} for JSONata and variables).
 * Listed in the order AWS names them in {@code The field 'Type' should have one of these values}.
 */
enum StateType {
  TASK(
      "Task",
      true,
      "Resource",
      "Parameters",
      "Arguments",
      "ResultPath",
      "ResultSelector",
      "Retry",
      "Catch",
      "TimeoutSeconds",
      "TimeoutSecondsPath",
      "HeartbeatSeconds",
      "HeartbeatSecondsPath",
      "Credentials"),
  WAIT("Wait", true, "Seconds", "SecondsPath", "Timestamp", "TimestampPath"),
  PASS("Pass", true, "Result", "ResultPath", "Parameters"),
  SUCCEED("Succeed", false),
  FAIL("Fail", false, "Error", "ErrorPath", "Cause", "CausePath"),
  CHOICE("Choice", false, "Choices", "Default"),
  PARALLEL(
      "Parallel",
      true,
      "Branches",
      "Parameters",
      "Arguments",
      "ResultPath",
      "ResultSelector",
      "Retry",
      "Catch"),
  MAP(
      "Map",
      true,
      "ItemProcessor",
      "Iterator",
      "ItemsPath",
      "Items",
      "ItemSelector",
      "ItemReader",
      "ItemBatcher",
      "ResultWriter",
      "MaxConcurrency",
      "MaxConcurrencyPath",
      "ToleratedFailureCount",
      "ToleratedFailureCountPath",
      "ToleratedFailurePercentage",
      "ToleratedFailurePercentagePath",
      "Label",
      "Parameters",
      "ResultPath",
      "ResultSelector",
      "Retry",
      "Catch");

  private final String aslName;
  private final boolean transitions;
  private final Set<String> fields;

  StateType(String aslName, boolean transitions, String... own) {
    this.aslName = aslName;
    this.transitions = transitions;
    Set<String> all = new LinkedHashSet<>(Arrays.asList("Type", "Comment", "QueryLanguage"));
    if (transitions) {
      all.addAll(Arrays.asList("Next", "End"));
    }
    if (!"Fail".equals(aslName)) {
      all.addAll(Arrays.asList("InputPath", "OutputPath", "Output"));
    }
    if (!"Fail".equals(aslName) && !"Succeed".equals(aslName)) {
      all.add("Assign");
    }
    all.addAll(Arrays.asList(own));
    this.fields = Set.copyOf(all);
  }

  /** The name used in the definition's {@code Type} field. */
  String aslName() {
    return aslName;
  }

  /**
   * Whether the state moves on with {@code Next} or ends with {@code End} (not Choice, Succeed,
   * Fail).
   */
  boolean hasTransition() {
    return transitions;
  }

  /** Whether {@code field} may appear in a state of this type. */
  boolean accepts(String field) {
    return fields.contains(field);
  }

  /** The type named {@code name}, exactly as spelled in ASL. */
  static Optional<StateType> of(String name) {
    for (StateType t : values()) {
      if (t.aslName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** {@code [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]}, as AWS lists them. */
  static String listing() {
    StringBuilder sb = new StringBuilder("[");
    for (StateType t : values()) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(t.aslName);
    }
    return sb.append(']').toString();
  }
}
