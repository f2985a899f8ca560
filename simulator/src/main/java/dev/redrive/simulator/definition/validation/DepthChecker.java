package dev.redrive.simulator.definition.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.jsonata.JsonataEngine;
import dev.redrive.simulator.path.Nesting;
import dev.redrive.simulator.path.intrinsic.Intrinsics;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses expressions nested too deeply to be parsed (see {@link Nesting}): intrinsic function
 * calls and paths in {@code .$} fields and {@code *Path} fields, and JSONata expressions anywhere,
 * with the schema message AWS gives for a field whose value it cannot read. Without it, such a
 * definition would be accepted, then fail where the expression is first parsed.
 */
final class DepthChecker {
  private final Findings findings;

  DepthChecker(Findings findings) {
    this.findings = findings;
  }

  /** Checks every string value under {@code node}, whose location is {@code loc}. */
  void check(JsonNode node, String loc) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), loc + "[" + i + "]");
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      JsonNode value = e.getValue();
      String at = loc + "/" + key;
      if (value.isTextual()) {
        checkText(key, value.textValue(), at);
      } else {
        check(value, at);
      }
    }
  }

  private void checkText(String key, String text, String at) {
    if (JsonataEngine.isExpression(text)) {
      JsonataEngine.depthProblem(text)
          .ifPresent(
              problem ->
                  findings.schema(
                      "The JSONata expression for the field '" + key + "' is invalid: " + problem,
                      at));
      return;
    }
    boolean template = key.endsWith(".$");
    boolean path = key.endsWith("Path");
    if (!template && !path) {
      return;
    }
    Optional<String> problem;
    if (Intrinsics.isIntrinsic(text)) {
      problem = Intrinsics.depthProblem(text);
    } else {
      int at0 = Nesting.tooDeepAt(text, "'\"");
      problem = at0 < 0 ? Optional.empty() : Optional.of(Nesting.problem(at0));
    }
    if (problem.isPresent()) {
      findings.schema(
          template
              ? "The value for the field '"
                  + key
                  + "' must be a valid JSONPath or a valid intrinsic function call"
              : "The value for the field '" + key + "' must be a valid JSONPath",
          at);
    }
  }
}
