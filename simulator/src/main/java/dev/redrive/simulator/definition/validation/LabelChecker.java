package dev.redrive.simulator.definition.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The Map state {@code Label} rule (AWS docs, "Map state in Distributed mode": a label is unique,
 * at most 40 characters, and holds no whitespace, no {@code < > { } [ ] ? *}, none of {@code " # %
 * \ ^ | ~ ` $ & , ; : /} and no control character U+0000-001F or U+007F-009F).
 *
 * <p>AWS checks it after the schema, and words its failure as a Python {@code ValueError} quoting
 * the whole definition; see {@link DefinitionValidator#validate(String)}.
 */
final class LabelChecker {
  /** Longest label AWS accepts. */
  static final int MAX_LENGTH = 40;

  private static final String FORBIDDEN = "<>{}[]?*\"#%\\^|~`$&,;:/";

  private final Findings findings;

  LabelChecker(Findings findings) {
    this.findings = findings;
  }

  /** Checks the labels of every Map state of the state machine at {@code prefix}, depth first. */
  void check(JsonNode machine, String prefix) {
    JsonNode states = machine.path("States");
    for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String loc = prefix + "/States/" + e.getKey();
      JsonNode state = e.getValue();
      JsonNode label = state.get("Label");
      if (label != null && "Map".equals(state.path("Type").asText())) {
        String problem = problem(label.asText());
        if (problem != null) {
          findings.add(DiagnosticCodes.INVALID_LABEL_NAME, problem, loc + "/Label");
        }
      }
      JsonNode branches = state.path("Branches");
      for (int i = 0; i < branches.size(); i++) {
        check(branches.get(i), loc + "/Branches[" + i + "]");
      }
      for (String key : new String[] {"ItemProcessor", "Iterator"}) {
        if (state.has(key)) {
          check(state.get(key), loc + "/" + key);
        }
      }
    }
  }

  /** What is wrong with {@code label}, worded as AWS does, or {@code null} if nothing. */
  static String problem(String label) {
    if (label.isEmpty()) {
      return "Label cannot be empty";
    }
    for (int i = 0; i < label.length(); ) {
      int cp = label.codePointAt(i);
      if (forbidden(cp)) {
        return "Label contains invalid character: " + PythonRepr.of(Character.toString(cp));
      }
      i += Character.charCount(cp);
    }
    if (label.codePointCount(0, label.length()) > MAX_LENGTH) {
      return "Label cannot exceed " + MAX_LENGTH + " characters";
    }
    return null;
  }

  private static boolean forbidden(int cp) {
    return Character.isWhitespace(cp)
        || Character.isSpaceChar(cp)
        || cp <= 0x1f
        || (cp >= 0x7f && cp <= 0x9f)
        || FORBIDDEN.indexOf(cp) >= 0;
  }
}
