package dev.redrive.simulator.definition.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;

/**
 * The Choice state: a non-empty {@code Choices} array of rules, each with a {@code Next} (and a
 * {@code Condition} in JSONata), holding only the fields {@link ChoiceRuleFields} allows, and in
 * JSONPath the nested rules of {@code And}, {@code Or} and {@code Not}.
 */
final class ChoiceChecker {
  private final Findings findings;

  ChoiceChecker(Findings findings) {
    this.findings = findings;
  }

  void check(JsonNode state, String loc, LanguageFields language) {
    JsonNode choices = state.get("Choices");
    if (choices == null) {
      findings.schema("These fields are required: [Choices]", loc);
    } else if (!choices.isArray()) {
      findings.schema("The value for the field 'Choices' must be an array", loc + "/Choices");
    } else if (choices.isEmpty()) {
      findings.schema("Value cannot be empty", loc + "/Choices");
    } else {
      for (int i = 0; i < choices.size(); i++) {
        JsonNode rule = choices.get(i);
        String at = loc + "/Choices[" + i + "]";
        if (!rule.isObject()) {
          findings.schema("The value for the field 'Choices' must be an array of objects", at);
        } else if (!rule.has("Next")) {
          findings.schema("These fields are required: [Next]", at);
        } else if (language == LanguageFields.JSONATA && !rule.has("Condition")) {
          findings.schema("These fields are required: [Condition]", at);
        } else {
          findings.requireStrings(rule, at, "Next");
        }
        if (rule.isObject()) {
          checkRule(rule, at, language);
        }
      }
    }
    findings.requireStrings(state, loc, "Default");
  }

  /** Checks the fields of a Choice rule and, in JSONPath, of the rules it combines. */
  private void checkRule(JsonNode rule, String at, LanguageFields language) {
    for (Iterator<String> it = rule.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (ChoiceRuleFields.belongsToOther(language, field)) {
        findings.languageMismatch(language, field, at);
      } else if (!ChoiceRuleFields.accepts(language, field)) {
        findings.schema("Field '" + field + "' is not supported", at);
      }
    }
    if (language == LanguageFields.JSONATA) {
      return;
    }
    for (String combinator : List.of("And", "Or")) {
      JsonNode rules = rule.get(combinator);
      if (rules == null) {
        continue;
      }
      if (!rules.isArray()) {
        findings.schema(
            "The value for the field '" + combinator + "' must be an array", at + "/" + combinator);
        continue;
      }
      if (rules.isEmpty()) {
        findings.schema("Value cannot be empty", at + "/" + combinator);
      }
      for (int i = 0; i < rules.size(); i++) {
        checkNestedRule(rules.get(i), at + "/" + combinator + "[" + i + "]");
      }
    }
    if (rule.has("Not")) {
      checkNestedRule(rule.get("Not"), at + "/Not");
    }
  }

  private void checkNestedRule(JsonNode rule, String at) {
    if (!rule.isObject()) {
      findings.schema("The value for the field 'Choices' must be an array of objects", at);
      return;
    }
    for (String topLevelOnly : List.of("Next", "Assign")) {
      if (rule.has(topLevelOnly)) {
        findings.schema("Field '" + topLevelOnly + "' is not supported", at);
      }
    }
    checkRule(rule, at, LanguageFields.JSONPATH);
  }
}
