package dev.redrive.simulator.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.ExecutionResult;
import dev.redrive.simulator.RunOptions;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.history.HistoryJson;
import dev.redrive.simulator.runtime.LocalFunction;
import dev.redrive.simulator.runtime.VirtualClock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs one corpus case on the simulator and compares the result with AWS's recording. */
final class CaseRunner {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String ROLE = "arn:aws:iam::111111111111:role/ConformanceRole";
  static final String STATE_MACHINE = "ConformanceMachine";
  static final String EXECUTION = "conformance-execution";

  /** The verdict on one case. */
  record Verdict(String id, String area, boolean passed, String reason) {}

  private CaseRunner() {}

  /**
   * What a run showed, whichever path ran it: status, output or error and cause, and the history
   * rendered as {@code GetExecutionHistory} JSON events.
   */
  record Observed(
      String status,
      Optional<JsonNode> output,
      Optional<String> error,
      Optional<String> cause,
      ArrayNode history) {
    static Observed of(ExecutionResult r) {
      ArrayNode rendered = JsonNodeFactory.instance.arrayNode();
      for (HistoryEvent e : r.history()) {
        rendered.add(HistoryJson.event(e));
      }
      return new Observed(r.status().name(), r.output(), r.error(), r.cause(), rendered);
    }
  }

  /** Where a case's fixtures go: activities, auxiliary state machines and executions. */
  interface Fixtures {
    String activityArn(String name);

    String register(String name, String definition, String type);

    void start(String stateMachineArn, String input, String name);
  }

  /** A case's definition and input with the corpus' placeholders replaced. */
  record Prepared(String definition, String input) {}

  /** Runs a case in-process ({@link Simulator#run}) and judges it. */
  static Verdict run(JsonNode c) {
    String id = c.path("id").asText();
    String area = c.path("feature_area").asText();
    try {
      Optional<String> unsupported = unsupported(c);
      if (unsupported.isPresent()) {
        return new Verdict(id, area, false, unsupported.get());
      }
      return compare(c, Observed.of(execute(c)));
    } catch (RuntimeException | StackOverflowError e) {
      return new Verdict(id, area, false, "simulator threw " + e);
    }
  }

  private static Optional<String> unsupported(JsonNode c) {
    if (c.path("expected_kind").asText().equals("sync_response")
        && c.path("expected").path("output").toString().contains(":express:")) {
      return Optional.of("express execution ARNs in the context object are not modelled");
    }
    return Optional.empty();
  }

  /** A simulator builder for the case: its recording time on a virtual clock, its functions. */
  static Simulator.Builder simulatorFor(JsonNode c, VirtualClock clock) {
    Simulator.Builder b = Simulator.builder().clock(clock).validateDefinitions(false);
    for (JsonNode f : c.path("lambda_functions")) {
      String name = f.path("func_name").asText();
      LocalFunction fn =
          CorpusFunctions.forHandler(f.path("handler_file").asText())
              .orElseThrow(
                  () ->
                      new IllegalStateException("no local handler for " + f.path("handler_file")));
      b.function(name, fn);
    }
    return b;
  }

  /**
   * Replaces the corpus' placeholders (Lambda ARNs, activity, state machine ARNs) in the case's
   * definition and input, registering its fixtures with {@code fixtures} and starting its auxiliary
   * executions (activity workers).
   */
  static Prepared prepare(JsonNode c, Fixtures fixtures) {
    String definition = c.path("definition").toString();
    for (JsonNode f : c.path("lambda_functions")) {
      String name = f.path("func_name").asText();
      String arn = "arn:aws:lambda:" + Simulator.DEFAULT_REGION + ":111111111111:function:" + name;
      definition =
          definition.replaceFirst(
              java.util.regex.Pattern.quote(
                  "AUTO<fixture.create_lambda_function()['CreateFunctionResponse']['FunctionArn']>"),
              arn);
    }
    String input = c.path("input_raw").asText("{}");
    java.util.Map<String, String> tokens = new java.util.LinkedHashMap<>();
    for (JsonNode a : c.path("activities")) {
      tokens.put(a.path("token").asText(), fixtures.activityArn(a.path("name").asText()));
    }
    for (JsonNode aux : c.path("auxiliary_state_machines")) {
      String auxDefinition = aux.path("definition").toString();
      for (var t : tokens.entrySet()) {
        auxDefinition = auxDefinition.replace(t.getKey(), t.getValue());
      }
      String arn =
          fixtures.register(
              aux.path("name").asText(), auxDefinition, aux.path("type").asText("STANDARD"));
      tokens.put(aux.path("token").asText(), arn);
    }
    for (var t : tokens.entrySet()) {
      definition = definition.replace(t.getKey(), t.getValue());
      input = input.replace(t.getKey(), t.getValue());
    }
    int n = 0;
    for (JsonNode aux : c.path("auxiliary_executions")) {
      String auxInput = aux.path("input").asText("{}");
      for (var t : tokens.entrySet()) {
        auxInput = auxInput.replace(t.getKey(), t.getValue());
      }
      fixtures.start(tokens.get(aux.path("state_machine").asText()), auxInput, "worker-" + n++);
    }
    return new Prepared(definition, input);
  }

  private static ExecutionResult execute(JsonNode c) {
    Simulator simulator = simulatorFor(c, new VirtualClock(recordedAt(c))).build();
    Prepared p =
        prepare(
            c,
            new Fixtures() {
              @Override
              public String activityArn(String name) {
                return simulator.activityArn(name);
              }

              @Override
              public String register(String name, String definition, String type) {
                return simulator.register(name, definition);
              }

              @Override
              public void start(String stateMachineArn, String input, String name) {
                simulator.startRegistered(stateMachineArn, input, name);
              }
            });
    RunOptions options = new RunOptions(STATE_MACHINE, EXECUTION, ROLE);
    return simulator.run(p.definition(), p.input(), options);
  }

  private static List<String> auxiliaryNames(JsonNode c) {
    List<String> out = new ArrayList<>();
    c.path("auxiliary_state_machines").forEach(a -> out.add(a.path("name").asText()));
    return out;
  }

  /** When AWS ran the case: its validation date, else its recording date. */
  static Instant recordedAt(JsonNode c) {
    if (c.path("aws_validated_date").isTextual()) {
      // the recording has whole seconds; a real start has milliseconds, which show in the length
      // of a StartExecution response body (Content-Length)
      return OffsetDateTime.parse(c.path("aws_validated_date").asText())
          .toInstant()
          .plusMillis(123);
    }
    if (c.path("recorded_date").isTextual()) {
      return java.time.LocalDateTime.parse(
              c.path("recorded_date").asText(),
              java.time.format.DateTimeFormatter.ofPattern("dd-MM-yyyy, HH:mm:ss"))
          .toInstant(java.time.ZoneOffset.UTC);
    }
    return Instant.parse("2024-01-01T00:00:00Z");
  }

  /** Judges what a run showed against AWS's recording. */
  static Verdict compare(JsonNode c, Observed r) {
    String id = c.path("id").asText();
    String area = c.path("feature_area").asText();
    JsonNode expected = c.path("expected");
    Normaliser n =
        new Normaliser(
            c,
            new Normaliser.Names(
                STATE_MACHINE, EXECUTION, ROLE, Simulator.DEFAULT_REGION, "111111111111"),
            auxiliaryNames(c));
    String status = r.status();
    if (!status.equals(expected.path("status").asText())) {
      return new Verdict(
          id,
          area,
          false,
          "status "
              + status
              + " ("
              + r.error().orElse("")
              + ": "
              + shorten(r.cause().orElse(""))
              + "), AWS "
              + expected.path("status").asText());
    }
    if (c.path("expected_kind").asText().equals("sync_response")) {
      JsonNode mine = n.responseOutput(r.output().orElse(JsonNodeFactory.instance.nullNode()));
      JsonNode theirs = Normaliser.expected(expected.path("output"), true);
      if (!Normaliser.expected(mine, true).equals(theirs)) {
        return new Verdict(
            id,
            area,
            false,
            "output " + shorten(mine.toString()) + ", AWS " + shorten(theirs.toString()));
      }
      return new Verdict(id, area, true, "");
    }
    if (c.path("expected_kind").asText().equals("output_only")) {
      JsonNode mine =
          n.output(
              Normaliser.expected(r.output().orElse(JsonNodeFactory.instance.nullNode()), true));
      JsonNode theirs = Normaliser.expected(expected.path("output"), true);
      if (!mine.equals(theirs)) {
        return new Verdict(
            id,
            area,
            false,
            "output " + shorten(mine.toString()) + ", AWS " + shorten(theirs.toString()));
      }
      return new Verdict(id, area, true, "");
    }
    ArrayNode mine = n.events(r.history());
    if (c.path("parallel_event_order_normalised").asBoolean()) {
      mine = ParallelOrder.normalise(mine);
    }
    JsonNode theirs = Normaliser.expected(expected.path("events"), true);
    if (mine.size() != theirs.size()) {
      return new Verdict(
          id,
          area,
          false,
          "history has "
              + mine.size()
              + " events "
              + types(mine)
              + ", AWS "
              + theirs.size()
              + " "
              + types(theirs)
              + firstDifference(mine, theirs));
    }
    String diff = firstDifference(mine, theirs);
    return new Verdict(id, area, diff.isEmpty(), diff);
  }

  private static String firstDifference(JsonNode mine, JsonNode theirs) {
    for (int i = 0; i < Math.min(mine.size(), theirs.size()); i++) {
      if (!mine.get(i).equals(theirs.get(i))) {
        return " first difference at event "
            + (i + 1)
            + " ("
            + mine.get(i).path("type").asText()
            + ") at "
            + where(mine.get(i), theirs.get(i), "");
      }
    }
    return "";
  }

  /** The path of the first value that differs, with both values. */
  private static String where(JsonNode mine, JsonNode theirs, String path) {
    if (mine != null && theirs != null && mine.isObject() && theirs.isObject()) {
      java.util.Set<String> keys = new java.util.TreeSet<>();
      mine.fieldNames().forEachRemaining(keys::add);
      theirs.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        if (!java.util.Objects.equals(mine.get(k), theirs.get(k))) {
          return where(mine.get(k), theirs.get(k), path + "." + k);
        }
      }
    }
    if (mine != null
        && theirs != null
        && mine.isArray()
        && theirs.isArray()
        && mine.size() == theirs.size()) {
      for (int i = 0; i < mine.size(); i++) {
        if (!mine.get(i).equals(theirs.get(i))) {
          return where(mine.get(i), theirs.get(i), path + "[" + i + "]");
        }
      }
    }
    return path
        + ": "
        + shorten(String.valueOf(mine))
        + " vs AWS "
        + shorten(String.valueOf(theirs));
  }

  private static String types(JsonNode events) {
    List<String> out = new ArrayList<>();
    events.forEach(e -> out.add(e.path("type").asText()));
    return out.toString();
  }

  static String shorten(String s) {
    return s.length() > 600 ? s.substring(0, 600) + "..." : s;
  }

  /** Placeholder to keep Jackson's ObjectNode import used by helpers. */
  static ObjectNode object() {
    return JSON.createObjectNode();
  }
}
