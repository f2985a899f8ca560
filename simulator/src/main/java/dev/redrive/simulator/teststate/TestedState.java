package dev.redrive.simulator.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The state a TestState request names: its name, its definition and the query language it is
 * written in.
 *
 * @param name the state's name ({@link StateTester#DEFAULT_NAME} for a state given alone)
 * @param state the state's definition
 * @param queryLanguage the state machine's {@code QueryLanguage}, if it sets one
 */
record TestedState(String name, JsonNode state, Optional<String> queryLanguage) {

  /** The state's {@code Type}. */
  String type() {
    return state.path("Type").asText();
  }

  /** True when the state is written in JSONata (its own QueryLanguage, else the machine's). */
  boolean jsonata() {
    String own = state.path("QueryLanguage").asText(null);
    return "JSONata".equals(own != null ? own : queryLanguage.orElse("JSONPath"));
  }

  /**
   * Finds the state: a state given alone, or the named state (default StartAt) of a whole state
   * machine, also inside a Map's ItemProcessor or a Parallel's branches.
   *
   * @throws IllegalArgumentException when the state machine has no state of that name
   */
  static TestedState find(JsonNode definition, Optional<String> stateName) {
    if (!definition.has("States")) {
      return new TestedState(
          stateName.orElse(StateTester.DEFAULT_NAME), definition, Optional.empty());
    }
    String name = stateName.orElse(definition.path("StartAt").asText());
    Optional<String> language = Optional.ofNullable(definition.path("QueryLanguage").asText(null));
    JsonNode found = search(definition, name);
    if (found == null) {
      throw new IllegalArgumentException(
          "stateName '" + name + "' names no state of the definition");
    }
    return new TestedState(name, found, language);
  }

  private static JsonNode search(JsonNode machine, String name) {
    JsonNode states = machine.path("States");
    if (states.has(name)) {
      return states.get(name);
    }
    Iterator<Map.Entry<String, JsonNode>> it = states.fields();
    while (it.hasNext()) {
      JsonNode s = it.next().getValue();
      for (String nested : new String[] {"ItemProcessor", "Iterator"}) {
        if (s.has(nested)) {
          JsonNode f = search(s.get(nested), name);
          if (f != null) {
            return f;
          }
        }
      }
      for (JsonNode branch : s.path("Branches")) {
        JsonNode f = search(branch, name);
        if (f != null) {
          return f;
        }
      }
    }
    return null;
  }
}
