package dev.redrive.simulator.definition.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code Retry} and {@code Catch} fields (ASL spec, "Error Handling"): arrays of retriers and
 * catchers, each with a non-empty {@code ErrorEquals}; retrier numbers in range ({@code
 * IntervalSeconds} and {@code MaxDelaySeconds} positive, {@code MaxAttempts} not negative, {@code
 * BackoffRate} at least 1.0); catchers with a {@code Next}.
 */
final class ErrorHandlerChecker {
  private static final Set<String> RETRIER_FIELDS =
      Set.of(
          "ErrorEquals",
          "IntervalSeconds",
          "MaxAttempts",
          "BackoffRate",
          "MaxDelaySeconds",
          "JitterStrategy",
          "Comment");
  private static final Set<String> CATCHER_FIELDS =
      Set.of("ErrorEquals", "Next", "ResultPath", "Output", "Assign", "Comment");

  private static final String STATES_ALL = "States.ALL";

  private final Findings findings;

  ErrorHandlerChecker(Findings findings) {
    this.findings = findings;
  }

  void checkRetry(JsonNode retry, String loc) {
    if (!retry.isArray()) {
      findings.schema("The value for the field 'Retry' must be an array", loc);
      return;
    }
    for (int i = 0; i < retry.size(); i++) {
      JsonNode r = retry.get(i);
      String at = loc + "[" + i + "]";
      if (!r.isObject()) {
        findings.schema("The value for the field 'Retry' must be an array of objects", at);
        continue;
      }
      findings.unsupportedFields(r, RETRIER_FIELDS, at);
      checkErrorEquals(r, at);
      JsonNode interval = r.get("IntervalSeconds");
      if (interval != null && !ValueShapes.isPositiveInteger(interval)) {
        findings.schema(
            "The value for the field 'IntervalSeconds' must be a positive integer",
            at + "/IntervalSeconds");
      }
      JsonNode attempts = r.get("MaxAttempts");
      if (attempts != null && !ValueShapes.isNonNegativeInteger(attempts)) {
        findings.schema(
            "The value for the field 'MaxAttempts' must be a non-negative integer",
            at + "/MaxAttempts");
      }
      JsonNode backoff = r.get("BackoffRate");
      if (backoff != null && !(backoff.isNumber() && backoff.doubleValue() >= 1.0)) {
        findings.schema(
            "The value for the field 'BackoffRate' must be a number greater than or equal to 1.0",
            at + "/BackoffRate");
      }
      JsonNode maxDelay = r.get("MaxDelaySeconds");
      if (maxDelay != null && !ValueShapes.isPositiveInteger(maxDelay)) {
        findings.schema(
            "The value for the field 'MaxDelaySeconds' must be a positive integer",
            at + "/MaxDelaySeconds");
      }
      JsonNode jitter = r.get("JitterStrategy");
      if (jitter != null && !Set.of("FULL", "NONE").contains(jitter.asText())) {
        findings.schema(
            "The field 'JitterStrategy' should have one of these values: [FULL, NONE]",
            at + "/JitterStrategy");
      }
    }
    checkStatesAllLast(retry, loc, "Retrier", "Retry");
  }

  /**
   * The ASL spec: "The reserved name States.ALL [...] must appear alone in the ErrorEquals array
   * and must appear in the last Retrier" (likewise the last Catcher).
   */
  private void checkStatesAllLast(JsonNode handlers, String loc, String kind, String field) {
    for (int i = 0; i < handlers.size() - 1; i++) {
      JsonNode errors = handlers.get(i).path("ErrorEquals");
      if (errors.isArray() && contains(errors, STATES_ALL)) {
        findings.schema(
            "A " + kind + " with States.ALL must be the last one in '" + field + "'",
            loc + "[" + i + "]/ErrorEquals");
      }
    }
  }

  private static boolean contains(JsonNode errors, String name) {
    for (JsonNode e : errors) {
      if (name.equals(e.asText(null))) {
        return true;
      }
    }
    return false;
  }

  void checkCatch(JsonNode catchers, String loc, LanguageFields language) {
    if (!catchers.isArray()) {
      findings.schema("The value for the field 'Catch' must be an array", loc);
      return;
    }
    for (int i = 0; i < catchers.size(); i++) {
      JsonNode c = catchers.get(i);
      String at = loc + "[" + i + "]";
      if (!c.isObject()) {
        findings.schema("The value for the field 'Catch' must be an array of objects", at);
        continue;
      }
      findings.unsupportedFields(c, CATCHER_FIELDS, at);
      List<String> missing = new ArrayList<>();
      if (!c.has("ErrorEquals")) {
        missing.add("ErrorEquals");
      }
      if (!c.has("Next")) {
        missing.add("Next");
      }
      if (!missing.isEmpty()) {
        findings.schema("These fields are required: " + missing, at);
      }
      if (c.has("ErrorEquals")) {
        checkErrorEquals(c, at);
      }
      findings.requireStrings(c, at, "Next");
      for (String field : List.of("ResultPath", "Output")) {
        if (c.has(field) && language.forbids(field)) {
          findings.languageMismatch(language, field, at);
        }
      }
      JsonNode resultPath = c.get("ResultPath");
      if (language == LanguageFields.JSONPATH
          && resultPath != null
          && !resultPath.isNull()
          && !ValueShapes.isPath(resultPath)) {
        findings.schema(
            "The value for the field 'ResultPath' must be a valid JSONPath", at + "/ResultPath");
      }
    }
    checkStatesAllLast(catchers, loc, "Catcher", "Catch");
  }

  private void checkErrorEquals(JsonNode owner, String at) {
    JsonNode errors = owner.get("ErrorEquals");
    if (errors == null) {
      findings.schema("These fields are required: [ErrorEquals]", at);
      return;
    }
    if (!errors.isArray()) {
      findings.schema(
          "The value for the field 'ErrorEquals' must be an array", at + "/ErrorEquals");
      return;
    }
    if (errors.isEmpty()) {
      findings.schema("Value cannot be empty", at + "/ErrorEquals");
    }
    for (JsonNode e : errors) {
      if (!e.isTextual()) {
        findings.schema(
            "The value for the field 'ErrorEquals' must be an array of strings",
            at + "/ErrorEquals");
        return;
      }
    }
    if (errors.size() > 1 && contains(errors, STATES_ALL)) {
      findings.schema(
          "States.ALL must appear alone in the field 'ErrorEquals'", at + "/ErrorEquals");
    }
  }
}
