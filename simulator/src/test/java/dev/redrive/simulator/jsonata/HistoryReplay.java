package dev.redrive.simulator.jsonata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Replays the JSONata parts of one recorded AWS history without an interpreter: for every state in
 * JSONata mode, it evaluates the state's expressions against the input AWS recorded when the state
 * was entered (and the result, error and variables AWS recorded) and compares with what AWS
 * recorded next: the state's output, assigned variables, task parameters, the branch a Choice took,
 * or the {@code EvaluationFailed} cause.
 */
final class HistoryReplay {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** One comparison with AWS. {@code passed} is empty when the check was skipped. */
  record Check(String id, String featureArea, Optional<Boolean> passed, String detail) {}

  private final JsonataEngine engine;
  private final JsonNode testCase;
  private final JsonNode definition;
  private final List<JsonNode> events = new ArrayList<>();
  private final Map<String, JsonNode> variables = new HashMap<>();
  private final List<Check> checks = new ArrayList<>();
  private JsonNode currentState;

  HistoryReplay(JsonataEngine engine, JsonNode testCase) {
    this.engine = engine;
    this.testCase = testCase;
    this.definition = testCase.get("definition");
    testCase.path("expected").path("events").forEach(events::add);
  }

  /** Whether a case uses JSONata anywhere in its definition. */
  static boolean usesJsonata(JsonNode testCase) {
    String text = testCase.path("definition").toString();
    return text.contains("{%") || text.contains("\"JSONata\"");
  }

  List<Check> run() {
    if (testCase.path("parallel_event_order_normalised").asBoolean(false)) {
      return checks;
    }
    for (int i = 0; i < events.size(); i++) {
      JsonNode event = events.get(i);
      if (event.path("type").asText().endsWith("StateEntered")) {
        replayState(i);
      }
      JsonNode assigned = event.path("stateExitedEventDetails").path("assignedVariables");
      assigned.fields().forEachRemaining(f -> variables.put(f.getKey(), decode(f.getValue())));
    }
    return checks;
  }

  private void replayState(int enteredIndex) {
    JsonNode entered = events.get(enteredIndex);
    JsonNode details = entered.path("stateEnteredEventDetails");
    String name = details.path("name").asText();
    JsonNode state = findState(definition, name);
    if (state == null || !isJsonata(state)) {
      return;
    }
    currentState = state;
    long enteredId = entered.path("id").asLong();
    JsonNode input = decode(details.path("input"));
    int end = findEnd(enteredIndex, name);
    if (end < 0) {
      return;
    }
    JsonNode last = events.get(end);
    String prefix = id() + "#" + enteredId + ":" + name + ":";
    String type = state.path("Type").asText();
    if (last.path("type").asText().equals("EvaluationFailed")) {
      checkEvaluationFailed(prefix, state, name, enteredId, input, last);
      return;
    }
    if (type.equals("Fail")) {
      checkFail(prefix, state, input, last);
      return;
    }
    JsonNode exited = last.path("stateExitedEventDetails");
    JsonNode output = decode(exited.path("output"));
    JsonNode assigned = exited.path("assignedVariables");
    switch (type) {
      case "Pass", "Succeed", "Wait" -> {
        if (type.equals("Wait")) {
          for (String field : List.of("Seconds", "Timestamp")) {
            if (JsonataEngine.isExpression(state.path(field))) {
              check(prefix + field, () -> evaluates(state.get(field), bindings(input), field));
            }
          }
        }
        checkOutputAndAssign(prefix, state, bindings(input), input, output, assigned);
      }
      case "Task" -> replayTask(prefix, state, enteredIndex, end, input, output, assigned);
      case "Choice" -> replayChoice(prefix, state, end, input);
      case "Map" -> replayMap(prefix, state, enteredIndex, end, input);
      default -> {}
    }
  }

  private void replayTask(
      String prefix,
      JsonNode state,
      int from,
      int to,
      JsonNode input,
      JsonNode output,
      JsonNode assigned) {
    JsonNode scheduled = null;
    JsonNode succeeded = null;
    JsonNode failed = null;
    for (int k = from + 1; k < to; k++) {
      JsonNode e = events.get(k);
      switch (e.path("type").asText()) {
        case "TaskScheduled" -> scheduled = e.path("taskScheduledEventDetails");
        case "LambdaFunctionScheduled" -> scheduled = e.path("lambdaFunctionScheduledEventDetails");
        case "TaskSucceeded" -> succeeded = e.path("taskSucceededEventDetails");
        case "LambdaFunctionSucceeded" -> succeeded = e.path("lambdaFunctionSucceededEventDetails");
        case "TaskFailed" -> failed = e.path("taskFailedEventDetails");
        case "LambdaFunctionFailed" -> failed = e.path("lambdaFunctionFailedEventDetails");
        default -> {}
      }
    }
    JsonataBindings inputOnly = bindings(input);
    if (scheduled != null
        && state.has("Arguments")
        && !state.get("Arguments").toString().contains("AUTO<")) {
      JsonNode parameters =
          decode(
              scheduled.has("parameters") ? scheduled.get("parameters") : scheduled.get("input"));
      check(
          prefix + "Arguments",
          () -> same(evaluateTemplate(state.get("Arguments"), inputOnly, "Arguments"), parameters));
    }
    if (scheduled != null) {
      for (String[] field :
          new String[][] {
            {"TimeoutSeconds", "timeoutInSeconds"}, {"HeartbeatSeconds", "heartbeatInSeconds"}
          }) {
        if (JsonataEngine.isExpression(state.path(field[0]))) {
          JsonNode recorded = scheduled.path(field[1]);
          check(
              prefix + field[0],
              () -> same(evaluateTemplate(state.get(field[0]), inputOnly, field[0]), recorded));
        }
      }
    }
    if (succeeded != null && failed == null) {
      ObjectNode states = statesObject(input);
      states.set("result", decode(succeeded.path("output")));
      checkOutputAndAssign(
          prefix,
          state,
          new JsonataBindings(states, Map.copyOf(variables)),
          states.get("result"),
          output,
          assigned);
    } else if (failed != null) {
      String error = failed.path("error").asText();
      JsonNode catcher = findCatcher(state, error);
      if (catcher == null) {
        return;
      }
      ObjectNode errorOutput = NODES.objectNode();
      errorOutput.put("Error", error);
      JsonNode cause = failed.path("cause");
      // the normalised history holds a JSON cause parsed; AWS passes it on as text
      errorOutput.put("Cause", cause.isTextual() ? cause.textValue() : cause.toString());
      ObjectNode states = statesObject(input);
      states.set("errorOutput", errorOutput);
      checkOutputAndAssign(
          prefix + "Catch/",
          catcher,
          new JsonataBindings(states, Map.copyOf(variables)),
          errorOutput,
          output,
          assigned);
    }
  }

  private void replayChoice(String prefix, JsonNode state, int exitIndex, JsonNode input) {
    String next = null;
    for (int k = exitIndex + 1; k < events.size() && next == null; k++) {
      JsonNode e = events.get(k);
      if (e.path("type").asText().endsWith("StateEntered")) {
        next = e.path("stateEnteredEventDetails").path("name").asText();
      }
    }
    if (next == null) {
      return;
    }
    String expected = next;
    check(
        prefix + "Condition",
        () -> {
          JsonataBindings b = bindings(input);
          String chosen = state.path("Default").asText(null);
          int index = 0;
          for (JsonNode choice : state.path("Choices")) {
            JsonNode condition = choice.path("Condition");
            boolean holds =
                JsonataEngine.isExpression(condition)
                    ? engine
                        .evaluateAs(
                            condition.textValue(),
                            b,
                            "Choices[" + index + "]/Condition",
                            JsonataType.BOOLEAN)
                        .booleanValue()
                    : condition.asBoolean();
            if (holds) {
              chosen = choice.path("Next").asText();
              break;
            }
            index++;
          }
          return expected.equals(chosen)
              ? Optional.empty()
              : Optional.of("chose " + chosen + ", AWS went to " + expected);
        });
  }

  private void replayMap(String prefix, JsonNode state, int from, int to, JsonNode input) {
    JsonNode items = state.get("Items");
    if (items == null) {
      return;
    }
    JsonNode started = null;
    for (int k = from + 1; k < to && started == null; k++) {
      if (events.get(k).path("type").asText().equals("MapStateStarted")) {
        started = events.get(k).path("mapStateStartedEventDetails");
      }
    }
    if (started == null) {
      return;
    }
    int length = started.path("length").asInt();
    check(
        prefix + "Items",
        () -> {
          JsonNode evaluated =
              JsonataEngine.isExpression(items)
                  ? engine.evaluateAs(
                      items.textValue(), bindings(input), "Items", JsonataType.ARRAY)
                  : engine.evaluateTemplate(items, bindings(input), "Items");
          return evaluated.size() == length
              ? Optional.empty()
              : Optional.of("items " + evaluated + ", AWS iterated " + length);
        });
  }

  private void checkFail(String prefix, JsonNode state, JsonNode input, JsonNode last) {
    int index = events.indexOf(last);
    JsonNode next = index + 1 < events.size() ? events.get(index + 1) : null;
    if (next == null || !next.path("type").asText().equals("ExecutionFailed")) {
      return;
    }
    JsonNode failed = next.path("executionFailedEventDetails");
    for (String field : List.of("Error", "Cause")) {
      if (JsonataEngine.isExpression(state.path(field))) {
        JsonNode recorded = failed.path(field.toLowerCase());
        check(
            prefix + field,
            () -> same(evaluateTemplate(state.get(field), bindings(input), field), recorded));
      }
    }
  }

  private void checkEvaluationFailed(
      String prefix, JsonNode state, String name, long enteredId, JsonNode input, JsonNode event) {
    JsonNode details = event.path("evaluationFailedEventDetails");
    String expectedCause = details.path("cause").asText();
    String location = details.path("location").asText("");
    String field = location.replaceFirst("[/\\[].*", "");
    check(
        prefix + "EvaluationFailed",
        () -> {
          JsonataException failure;
          try {
            failure = failureFor(state, field, location, input);
          } catch (JsonataException e) {
            failure = e;
          }
          if (failure == null) {
            return Optional.of("evaluated without error; AWS: " + expectedCause);
          }
          String actual = failure.toStatesError(name, enteredId).cause();
          if (!actual.equals(expectedCause)) {
            return Optional.of("cause\n      ours: " + actual + "\n      AWS:  " + expectedCause);
          }
          return failure.location().equals(location)
              ? Optional.empty()
              : Optional.of("location " + failure.location() + ", AWS " + location);
        });
  }

  /** Evaluates the failing field as the interpreter would; returns a non-thrown failure, if any. */
  private JsonataException failureFor(
      JsonNode state, String field, String location, JsonNode input) {
    JsonataBindings b = bindings(input);
    switch (field) {
      case "Items" -> {
        JsonNode items = state.get("Items");
        if (JsonataEngine.isExpression(items)) {
          engine.evaluateAs(items.textValue(), b, "Items", JsonataType.ARRAY);
        } else {
          engine.evaluateTemplate(items, b, "Items");
        }
        return null;
      }
      case "" -> {
        if (state.path("Type").asText().equals("Map") && !state.has("Items") && !input.isArray()) {
          return JsonataException.mapInputNotArray(input);
        }
        return null;
      }
      case "Timestamp" -> {
        JsonNode value = engine.evaluateTemplate(state.get("Timestamp"), b, "Timestamp");
        if (value.asText().equals("timestamp") || value.asText().equals("date")) {
          throw new Redacted("the recorded timestamp was redacted");
        }
        try {
          OffsetDateTime.parse(value.asText());
          return null;
        } catch (DateTimeParseException e) {
          return JsonataException.invalidTimestamp(value.asText());
        }
      }
      case "Choices" -> {
        int index = Integer.parseInt(location.replaceFirst("^Choices\\[(\\d+)].*", "$1"));
        JsonNode condition = state.path("Choices").path(index).path("Condition");
        engine.evaluateAs(condition.asText(), b, location, JsonataType.BOOLEAN);
        return null;
      }
      default -> {
        if (state.has(field)) {
          engine.evaluateTemplate(state.get(field), b, field);
        }
        return null;
      }
    }
  }

  private void checkOutputAndAssign(
      String prefix,
      JsonNode holder,
      JsonataBindings b,
      JsonNode defaultOutput,
      JsonNode recordedOutput,
      JsonNode recordedAssigned) {
    if (holder.has("Assign")) {
      check(
          prefix + "Assign",
          () -> {
            JsonNode ours = evaluateTemplate(holder.get("Assign"), b, "Assign");
            ObjectNode aws = NODES.objectNode();
            recordedAssigned
                .fields()
                .forEachRemaining(f -> aws.set(f.getKey(), decode(f.getValue())));
            return same(ours, aws);
          });
    }
    JsonNode template = holder.get("Output");
    check(
        prefix + "Output",
        () ->
            same(
                template == null ? defaultOutput : evaluateTemplate(template, b, "Output"),
                recordedOutput));
  }

  private JsonNode evaluateTemplate(JsonNode template, JsonataBindings b, String field) {
    return engine.evaluateTemplate(template, b, field);
  }

  private Optional<String> evaluates(JsonNode template, JsonataBindings b, String field) {
    engine.evaluateTemplate(template, b, field);
    return Optional.empty();
  }

  private void check(String id, Supplier<Optional<String>> comparison) {
    String area = testCase.path("feature_area").asText();
    if (currentState.toString().contains("$states.context")) {
      checks.add(new Check(id, area, Optional.empty(), "uses $states.context"));
      return;
    }
    try {
      Optional<String> difference = comparison.get();
      checks.add(new Check(id, area, Optional.of(difference.isEmpty()), difference.orElse("")));
    } catch (Redacted e) {
      checks.add(new Check(id, area, Optional.empty(), e.getMessage()));
    } catch (JsonataException e) {
      checks.add(new Check(id, area, Optional.of(false), "threw: " + e.getMessage()));
    } catch (RuntimeException e) {
      checks.add(new Check(id, area, Optional.of(false), "crashed: " + e));
    }
  }

  private static Optional<String> same(JsonNode ours, JsonNode aws) {
    return ours.equals(NUMERIC, aws)
        ? Optional.empty()
        : Optional.of("\n      ours: " + ours + "\n      AWS:  " + aws);
  }

  private static final Comparator<JsonNode> NUMERIC =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText()));
        }
        return a.equals(b) ? 0 : 1;
      };

  private JsonataBindings bindings(JsonNode input) {
    return new JsonataBindings(statesObject(input), Map.copyOf(variables));
  }

  private static ObjectNode statesObject(JsonNode input) {
    ObjectNode states = NODES.objectNode();
    states.set("input", input);
    states.set("context", NODES.objectNode());
    return states;
  }

  private int findEnd(int enteredIndex, String name) {
    for (int k = enteredIndex + 1; k < events.size(); k++) {
      JsonNode e = events.get(k);
      String type = e.path("type").asText();
      if (type.endsWith("StateExited")
          && name.equals(e.path("stateExitedEventDetails").path("name").asText())) {
        return k;
      }
      if (type.equals("EvaluationFailed")
          && name.equals(e.path("evaluationFailedEventDetails").path("state").asText())) {
        return k;
      }
      if (type.equals("FailStateEntered") && k == enteredIndex) {
        return k;
      }
    }
    return events.get(enteredIndex).path("type").asText().equals("FailStateEntered")
        ? enteredIndex
        : -1;
  }

  private boolean isJsonata(JsonNode state) {
    String language =
        state.path("QueryLanguage").asText(definition.path("QueryLanguage").asText("JSONPath"));
    return language.equals("JSONata");
  }

  private static JsonNode findCatcher(JsonNode state, String error) {
    for (JsonNode catcher : state.path("Catch")) {
      for (JsonNode equals : catcher.path("ErrorEquals")) {
        String name = equals.asText();
        if (name.equals(error)
            || name.equals("States.ALL")
            || (name.equals("States.TaskFailed") && !error.startsWith("States."))) {
          return catcher;
        }
      }
    }
    return null;
  }

  /** The state with that name anywhere in the definition (branches and item processors too). */
  static JsonNode findState(JsonNode machine, String name) {
    JsonNode states = machine.path("States");
    if (states.has(name)) {
      return states.get(name);
    }
    Iterator<JsonNode> all = states.elements();
    while (all.hasNext()) {
      JsonNode state = all.next();
      for (JsonNode branch : state.path("Branches")) {
        JsonNode found = findState(branch, name);
        if (found != null) {
          return found;
        }
      }
      for (String nested : List.of("ItemProcessor", "Iterator")) {
        if (state.has(nested)) {
          JsonNode found = findState(state.get(nested), name);
          if (found != null) {
            return found;
          }
        }
      }
    }
    return null;
  }

  /** The recording hides the value the check needs. */
  private static final class Redacted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Redacted(String message) {
      super(message);
    }
  }

  /** A value as the normalised history stores it: JSON text, or already parsed when an object. */
  private static JsonNode decode(JsonNode recorded) {
    if (recorded == null || recorded.isMissingNode()) {
      return NODES.nullNode();
    }
    if (!recorded.isTextual()) {
      return recorded;
    }
    try {
      return JSON.readTree(recorded.textValue());
    } catch (JsonProcessingException e) {
      return recorded;
    }
  }

  private String id() {
    return testCase.path("id").asText();
  }
}
