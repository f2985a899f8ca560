package dev.redrive.simulator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** State machines the benchmarks run, built in code so their size is a parameter. */
final class Machines {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Machines() {}

  /** {@code length} Pass states in a row, each with Parameters and ResultPath. */
  static String passChain(int length) {
    ObjectNode def = JSON.createObjectNode();
    def.put("StartAt", "P0");
    ObjectNode states = def.putObject("States");
    for (int i = 0; i < length; i++) {
      ObjectNode s = states.putObject("P" + i);
      s.put("Type", "Pass");
      ObjectNode params = s.putObject("Parameters");
      params.put("step", i);
      params.put("value.$", "$.value");
      params.put("name.$", "$$.State.Name");
      s.put("ResultPath", "$.last");
      if (i == length - 1) {
        s.put("End", true);
      } else {
        s.put("Next", "P" + (i + 1));
      }
    }
    return def.toString();
  }

  /** An inline Map over the input array; each item goes through a Choice and a Pass. */
  static String mapOfPassAndChoice() {
    return """
        {"StartAt": "Map", "States": {"Map": {"Type": "Map", "ItemsPath": "$.items",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Check",
            "States": {
              "Check": {"Type": "Choice", "Choices": [
                {"Variable": "$.n", "NumericGreaterThanEquals": 5000, "Next": "Big"}],
                "Default": "Small"},
              "Big": {"Type": "Pass", "Parameters": {"size": "big", "n.$": "$.n"}, "End": true},
              "Small": {"Type": "Pass", "Parameters": {"size": "small", "n.$": "$.n"}, "End": true}}},
          "End": true}}}
        """;
  }

  /**
   * The same Map in Distributed mode: one Standard child workflow execution per item, each with its
   * own history.
   */
  static String distributedMapOfPassAndChoice() {
    return mapOfPassAndChoice()
        .replace(
            "{\"Mode\": \"INLINE\"}",
            "{\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"}");
  }

  /** {@code {"items": [{"n": 0}, ...]}} with {@code count} items. */
  static String items(int count) {
    ObjectNode in = JSON.createObjectNode();
    ArrayNode items = in.putArray("items");
    for (int i = 0; i < count; i++) {
      items.addObject().put("n", i);
    }
    return in.toString();
  }
}
