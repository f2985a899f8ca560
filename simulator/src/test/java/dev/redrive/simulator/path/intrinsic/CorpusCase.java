package dev.redrive.simulator.path.intrinsic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.redrive.simulator.error.StatesError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Replays one recorded execution of the conformance corpus as far as intrinsics go: every Pass
 * state whose {@code Parameters} call an intrinsic is evaluated against the input AWS recorded for
 * it ({@code PassStateEntered}), with the variables assigned before it, and the result is compared
 * with the recorded {@code PassStateExited} output, or with the recorded error and cause when the
 * execution failed in that state.
 */
final class CorpusCase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern ISO_DATE =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?");
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final JsonNode recorded;
  private final Map<String, JsonNode> states = new HashMap<>();
  private int checks;
  private final List<String> mismatches = new ArrayList<>();

  private CorpusCase(JsonNode recorded) {
    this.recorded = recorded;
    collectStates(recorded.get("definition"));
  }

  /** Replays a corpus case; see {@link #checks()} and {@link #mismatches()}. */
  static CorpusCase replay(JsonNode recorded) {
    CorpusCase c = new CorpusCase(recorded);
    c.run();
    return c;
  }

  String id() {
    return recorded.get("id").asText();
  }

  /** How many state evaluations involved an intrinsic; 0 when the case has none (JSONata). */
  int checks() {
    return checks;
  }

  List<String> mismatches() {
    return mismatches;
  }

  boolean passed() {
    return checks > 0 && mismatches.isEmpty();
  }

  private void collectStates(JsonNode machine) {
    if (machine == null || !machine.has("States")) {
      return;
    }
    machine
        .get("States")
        .properties()
        .forEach(
            e -> {
              states.put(e.getKey(), e.getValue());
              collectStates(e.getValue().get("Iterator"));
              collectStates(e.getValue().get("ItemProcessor"));
              JsonNode branches = e.getValue().get("Branches");
              if (branches != null) {
                branches.forEach(this::collectStates);
              }
            });
  }

  private void run() {
    JsonNode events = recorded.get("expected").get("events");
    if (events == null) {
      return;
    }
    Map<String, JsonNode> variables = new HashMap<>();
    Map<String, JsonNode> entered = new HashMap<>();
    Map<String, Integer> enteredId = new HashMap<>();
    MapIteration iteration = null;
    for (JsonNode event : events) {
      String type = event.get("type").asText();
      if (type.endsWith("StateEntered")) {
        JsonNode details = event.get("stateEnteredEventDetails");
        entered.put(details.get("name").asText(), details.get("input"));
        enteredId.put(details.get("name").asText(), event.get("id").asInt());
        if (iteration != null) {
          checkItemSelector(iteration, entered, variables, details.get("input"));
          iteration = null;
        }
      } else if (type.equals("MapIterationStarted")) {
        JsonNode details = event.get("mapIterationStartedEventDetails");
        iteration = new MapIteration(details.get("name").asText(), details.get("index").asInt());
      } else if (type.equals("PassStateExited")) {
        JsonNode details = event.get("stateExitedEventDetails");
        String name = details.get("name").asText();
        checkOutput(name, entered.get(name), variables, details.get("output"));
      } else if (type.equals("ExecutionFailed")) {
        JsonNode details = event.get("executionFailedEventDetails");
        entered.forEach(
            (name, input) -> checkFailure(name, input, enteredId.get(name), variables, details));
      }
      JsonNode exited = event.get("stateExitedEventDetails");
      if (exited != null && exited.has("assignedVariables")) {
        exited
            .get("assignedVariables")
            .properties()
            .forEach(v -> variables.put(v.getKey(), variableValue(v.getValue())));
      }
    }
  }

  /** An iteration of a Map state whose first inner state has not been entered yet. */
  private record MapIteration(String mapName, int index) {}

  /**
   * A Map state's ItemSelector, evaluated for one item, must give the input of the iteration's
   * first state.
   */
  private void checkItemSelector(
      MapIteration iteration,
      Map<String, JsonNode> entered,
      Map<String, JsonNode> variables,
      JsonNode expected) {
    JsonNode map = states.get(iteration.mapName());
    JsonNode input = entered.get(iteration.mapName());
    if (map == null
        || input == null
        || map.has("InputPath")
        || !map.has("ItemSelector")
        || !callsIntrinsic(map.get("ItemSelector"))) {
      return;
    }
    checks++;
    String where = iteration.mapName() + "[" + iteration.index() + "]";
    try {
      TestResolver outer = resolver(iteration.mapName(), input, variables);
      String itemsPath = map.path("ItemsPath").asText("$");
      JsonNode item =
          outer
              .resolve(itemsPath)
              .orElseThrow(() -> StatesError.runtime("items not found: " + itemsPath))
              .get(iteration.index());
      ObjectNode context = ((ObjectNode) outer.context()).deepCopy();
      ObjectNode mapItem = context.putObject("Map").putObject("Item");
      mapItem.put("Index", iteration.index());
      mapItem.set("Value", item);
      JsonNode actual =
          normalise(apply(map.get("ItemSelector"), new TestResolver(input, context, variables)));
      if (!actual.equals(expected)) {
        mismatches.add(where + ": expected item " + expected + " but was " + actual);
      }
    } catch (StatesError e) {
      mismatches.add(where + ": expected item " + expected + " but failed with " + e.getMessage());
    }
  }

  private Optional<JsonNode> template(String stateName) {
    JsonNode state = states.get(stateName);
    if (state == null
        || !"Pass".equals(state.path("Type").asText())
        || !state.has("Parameters")
        || state.has("InputPath")
        || state.has("ResultPath")
        || state.has("OutputPath")
        || !callsIntrinsic(state.get("Parameters"))) {
      return Optional.empty();
    }
    return Optional.of(state.get("Parameters"));
  }

  private void checkOutput(
      String stateName, JsonNode input, Map<String, JsonNode> variables, JsonNode expected) {
    Optional<JsonNode> template = template(stateName);
    if (template.isEmpty() || input == null) {
      return;
    }
    checks++;
    try {
      JsonNode actual = normalise(apply(template.get(), resolver(stateName, input, variables)));
      if (!actual.equals(expected)) {
        mismatches.add(stateName + ": expected output " + expected + " but was " + actual);
      }
    } catch (StatesError e) {
      mismatches.add(
          stateName + ": expected output " + expected + " but failed with " + e.getMessage());
    }
  }

  private void checkFailure(
      String stateName,
      JsonNode input,
      int enteredEventId,
      Map<String, JsonNode> variables,
      JsonNode failure) {
    Optional<JsonNode> template = template(stateName);
    if (template.isEmpty()) {
      return;
    }
    checks++;
    String expected = failure.path("error").asText() + ": " + failure.path("cause").asText();
    try {
      JsonNode actual = apply(template.get(), resolver(stateName, input, variables));
      mismatches.add(stateName + ": expected " + expected + " but produced " + actual);
    } catch (StatesError e) {
      String actual =
          e.error()
              + ": An error occurred while executing the state '"
              + stateName
              + "' (entered at the event id #"
              + enteredEventId
              + "). "
              + e.cause();
      if (!actual.equals(expected)) {
        mismatches.add(stateName + ": expected " + expected + " but was " + actual);
      }
    }
  }

  private TestResolver resolver(String stateName, JsonNode input, Map<String, JsonNode> vars) {
    String machine = "arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>";
    ObjectNode context = NODES.objectNode();
    ObjectNode execution = context.putObject("Execution");
    execution.put(
        "Id",
        "arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx>");
    execution.set("Input", recorded.get("input"));
    execution.put("Name", "<ExecArnPart_0idx>");
    execution.put("RoleArn", "snf_role_arn");
    execution.put("StartTime", "date");
    ObjectNode machineNode = context.putObject("StateMachine");
    machineNode.put("Id", machine);
    machineNode.put("Name", "<ArnPart_0idx>");
    ObjectNode state = context.putObject("State");
    state.put("EnteredTime", "date");
    state.put("Name", stateName);
    return new TestResolver(input, context, vars);
  }

  /** Applies a payload template the way the runtime will: {@code .$} fields are evaluated. */
  private static JsonNode apply(JsonNode template, TestResolver resolver) {
    if (template.isObject()) {
      ObjectNode out = NODES.objectNode();
      for (Map.Entry<String, JsonNode> field : template.properties()) {
        String key = field.getKey();
        if (key.endsWith(".$") && field.getValue().isTextual()) {
          String value = field.getValue().asText();
          String name = key.substring(0, key.length() - 2);
          if (Intrinsics.isIntrinsic(value)) {
            out.set(name, Intrinsics.parse(value).evaluate(resolver));
          } else {
            out.set(
                name,
                resolver
                    .resolve(value)
                    .orElseThrow(() -> StatesError.runtime("path not found: " + value)));
          }
        } else {
          out.set(key, apply(field.getValue(), resolver));
        }
      }
      return out;
    }
    if (template.isArray()) {
      ArrayNode out = NODES.arrayNode();
      template.forEach(item -> out.add(apply(item, resolver)));
      return out;
    }
    return template;
  }

  private static boolean callsIntrinsic(JsonNode template) {
    for (Map.Entry<String, JsonNode> field : template.properties()) {
      if (field.getKey().endsWith(".$") && Intrinsics.isIntrinsic(field.getValue().asText())) {
        return true;
      }
      if (field.getValue().isContainerNode() && callsIntrinsic(field.getValue())) {
        return true;
      }
    }
    for (JsonNode item : template.isArray() ? template : NODES.arrayNode()) {
      if (callsIntrinsic(item)) {
        return true;
      }
    }
    return false;
  }

  /** A variable as recorded: JSON text, or an object the corpus normalisation already parsed. */
  private static JsonNode variableValue(JsonNode recorded) {
    if (!recorded.isTextual()) {
      return recorded;
    }
    try {
      return JSON.readTree(recorded.asText());
    } catch (JsonProcessingException e) {
      return recorded;
    }
  }

  /** The corpus normalisation (README, "How expected values were normalised"), as it applies. */
  private JsonNode normalise(JsonNode value) {
    // an event field that holds JSON object text is recorded parsed; nested strings are not
    if (value.isTextual() && value.asText().startsWith("{")) {
      try {
        value = JSON.readTree(value.asText());
      } catch (JsonProcessingException notJson) {
        // stays a string
      }
    }
    JsonNode out = normalise(value, "", new LinkedHashMap<>());
    if (out.isObject()) {
      applyReplacements((ObjectNode) out);
    }
    return out;
  }

  private JsonNode normalise(JsonNode value, String key, Map<String, String> uuids) {
    if (value.isTextual()) {
      String text = value.asText();
      if (ISO_DATE.matcher(text).matches()) {
        return TextNode.valueOf("date");
      }
      if (key.toLowerCase().endsWith("id") && UUID.matcher(text).matches()) {
        return TextNode.valueOf(
            uuids.computeIfAbsent(text, t -> "<uuid:" + (uuids.size() + 1) + ">"));
      }
      return value;
    }
    if (value.isObject()) {
      ObjectNode out = NODES.objectNode();
      value
          .properties()
          .forEach(f -> out.set(f.getKey(), normalise(f.getValue(), f.getKey(), uuids)));
      return out;
    }
    if (value.isArray()) {
      ArrayNode out = NODES.arrayNode();
      value.forEach(item -> out.add(normalise(item, key, uuids)));
      return out;
    }
    return value;
  }

  /** JsonpathTransformers of the case, e.g. a random number replaced by a fixed word. */
  private void applyReplacements(ObjectNode output) {
    for (JsonNode transformer : recorded.path("transformers")) {
      if (!"JsonpathTransformer".equals(transformer.path("t").asText())) {
        continue;
      }
      String path = transformer.path("args").path(0).asText();
      int dot = path.lastIndexOf(".output.");
      if (dot < 0) {
        continue;
      }
      String field = path.substring(dot + ".output.".length());
      if (output.has(field)) {
        output.set(field, transformer.path("args").path(1));
      }
    }
  }
}
