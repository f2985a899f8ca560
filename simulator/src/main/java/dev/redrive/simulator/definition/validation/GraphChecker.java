package dev.redrive.simulator.definition.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The transition rules, run once the schema holds: every {@code Next}, {@code Default} and catcher
 * target names a state of the same state machine ({@code MISSING_TRANSITION_TARGET: Missing 'Next'
 * target: X}), every state is reachable from {@code StartAt} ({@code State "X" is not reachable.}),
 * and some state ends the workflow ({@code MISSING_END_STATE: Workflow has no terminal state}).
 * Parallel branches and Map processors are state machines of their own, checked the same way; state
 * names are unique across all of them ({@code DUPLICATE_STATE_NAME: Duplicate State name: X}; ASL:
 * "State names MUST be unique within the scope of the whole state machine").
 */
final class GraphChecker {
  private final Findings findings;

  /** Every state name seen so far: names are unique across the whole state machine. */
  private final Set<String> names = new HashSet<>();

  GraphChecker(Findings findings) {
    this.findings = findings;
  }

  /** Checks the state machine at {@code prefix} ({@code ""} for the top level) and those nested. */
  void check(JsonNode machine, String prefix) {
    JsonNode states = machine.get("States");
    String startAt = machine.path("StartAt").asText();
    List<String> missing = new ArrayList<>();
    if (!states.has(startAt)) {
      findings.add(
          DiagnosticCodes.MISSING_TRANSITION_TARGET,
          "Missing 'Next' target: " + startAt,
          prefix + "/StartAt");
    }
    boolean terminal = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String loc = prefix + "/States/" + e.getKey();
      JsonNode state = e.getValue();
      if (!names.add(e.getKey())) {
        findings.add(
            DiagnosticCodes.DUPLICATE_STATE_NAME, "Duplicate State name: " + e.getKey(), loc);
      }
      for (Map.Entry<String, String> t : targets(state, loc).entrySet()) {
        if (!states.has(t.getValue())) {
          missing.add(t.getKey());
          findings.add(
              DiagnosticCodes.MISSING_TRANSITION_TARGET,
              "Missing 'Next' target: " + t.getValue(),
              t.getKey());
        }
      }
      String type = state.path("Type").asText();
      terminal |=
          "Succeed".equals(type) || "Fail".equals(type) || state.path("End").asBoolean(false);
    }
    Set<String> reached = reachable(states, startAt);
    boolean unreachable = false;
    for (Iterator<String> it = states.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!reached.contains(name)) {
        unreachable = true;
        findings.add(
            DiagnosticCodes.MISSING_TRANSITION_TARGET,
            "State \"" + name + "\" is not reachable.",
            prefix + "/States/" + name);
      }
    }
    if (!terminal && !unreachable && missing.isEmpty()) {
      findings.add(DiagnosticCodes.MISSING_END_STATE, "Workflow has no terminal state", null);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String loc = prefix + "/States/" + e.getKey();
      JsonNode state = e.getValue();
      JsonNode branches = state.path("Branches");
      for (int i = 0; i < branches.size(); i++) {
        check(branches.get(i), loc + "/Branches[" + i + "]");
      }
      for (String key : List.of("ItemProcessor", "Iterator")) {
        if (state.has(key)) {
          check(state.get(key), loc + "/" + key);
        }
      }
    }
  }

  /** Each transition of a state, by its location, e.g. {@code /States/A/Next -> B}. */
  private static Map<String, String> targets(JsonNode state, String loc) {
    Map<String, String> out = new LinkedHashMap<>();
    if (state.has("Next")) {
      out.put(loc + "/Next", state.get("Next").asText());
    }
    JsonNode choices = state.path("Choices");
    for (int i = 0; i < choices.size(); i++) {
      if (choices.get(i).has("Next")) {
        out.put(loc + "/Choices[" + i + "]/Next", choices.get(i).get("Next").asText());
      }
    }
    if (state.has("Default")) {
      out.put(loc + "/Default", state.get("Default").asText());
    }
    JsonNode catchers = state.path("Catch");
    for (int i = 0; i < catchers.size(); i++) {
      if (catchers.get(i).has("Next")) {
        out.put(loc + "/Catch[" + i + "]/Next", catchers.get(i).get("Next").asText());
      }
    }
    return out;
  }

  private static Set<String> reachable(JsonNode states, String startAt) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    if (states.has(startAt)) {
      todo.add(startAt);
    }
    while (!todo.isEmpty()) {
      String name = todo.poll();
      if (!seen.add(name)) {
        continue;
      }
      for (String target : targets(states.get(name), "").values()) {
        if (states.has(target) && !seen.contains(target)) {
          todo.add(target);
        }
      }
    }
    return seen;
  }
}
