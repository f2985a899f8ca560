package dev.redrive.simulator.definition.choice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.testing.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden test against AWS for the JSONPath Choice states found anywhere else in the corpus
 * (scenarios, context object, activities, Map iterations, the TestState API): every time a recorded
 * history shows a Choice state entered with some input and then the state it moved to, the rules
 * compiled here must pick the same state.
 */
class ChoiceHistoryConformanceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Recorded Choice decisions that must be reproduced; raise it when more are found. */
  private static final int BASELINE_DECISIONS = 18;

  @Test
  void choosesTheStateAwsMovedToInEveryRecordedHistory() {
    List<String> failures = new ArrayList<>();
    int decisions = 0;
    for (String file : List.of("execution-cases.jsonl", "lambda-cases.jsonl")) {
      for (JsonNode c : Corpus.cases(file)) {
        if (c.path("feature_area").asText().equals("choice_operators")) {
          continue;
        }
        Map<String, JsonNode> choiceStates = new HashMap<>();
        collectJsonPathChoiceStates(c.path("definition"), false, choiceStates);
        if (choiceStates.isEmpty()) {
          continue;
        }
        JsonNode context = context(c);
        for (Decision d : decisions(c.path("expected").path("events"))) {
          JsonNode state = choiceStates.get(d.state());
          if (state == null) {
            continue;
          }
          decisions++;
          String chosen = choose(state, d.input(), context);
          if (!chosen.equals(d.next())) {
            failures.add(c.path("id").asText() + ": chose " + chosen + ", AWS " + d.next());
          }
        }
      }
    }
    for (JsonNode c : Corpus.cases("test-state-cases.jsonl")) {
      JsonNode definition = c.path("request").path("definition");
      if (!definition.path("Type").asText().equals("Choice") || isJsonata(definition)) {
        continue;
      }
      decisions++;
      JsonNode input = parse(c.path("request_raw_input").asText());
      String chosen = choose(definition, input, JSON.createObjectNode());
      String expected = c.path("expected_response").path("nextState").asText();
      if (!chosen.equals(expected)) {
        failures.add(c.path("id").asText() + ": chose " + chosen + ", AWS " + expected);
      }
    }
    System.out.printf(
        "Choice decisions in histories: %d, reproduced %d%n",
        decisions, decisions - failures.size());
    assertThat(failures).isEmpty();
    assertThat(decisions).isGreaterThanOrEqualTo(BASELINE_DECISIONS);
  }

  /** One recorded pass through a Choice state: its name, its input, the state entered next. */
  private record Decision(String state, JsonNode input, String next) {}

  private static List<Decision> decisions(JsonNode events) {
    Map<Long, JsonNode> byPrevious = new HashMap<>();
    Map<Long, List<JsonNode>> childrenOf = new HashMap<>();
    for (JsonNode e : events) {
      long previous = e.path("previousEventId").asLong();
      childrenOf.computeIfAbsent(previous, k -> new ArrayList<>()).add(e);
      byPrevious.putIfAbsent(previous, e);
    }
    List<Decision> out = new ArrayList<>();
    for (JsonNode entered : events) {
      if (!entered.path("type").asText().equals("ChoiceStateEntered")) {
        continue;
      }
      JsonNode details = entered.path("stateEnteredEventDetails");
      JsonNode exited = first(childrenOf, entered.path("id").asLong(), "ChoiceStateExited");
      if (exited == null) {
        continue;
      }
      JsonNode next = first(childrenOf, exited.path("id").asLong(), "StateEntered");
      if (next != null) {
        out.add(
            new Decision(
                details.path("name").asText(),
                eventPayload(details.path("input")),
                next.path("stateEnteredEventDetails").path("name").asText()));
      }
    }
    return out;
  }

  private static JsonNode first(Map<Long, List<JsonNode>> childrenOf, long id, String typeSuffix) {
    for (JsonNode e : childrenOf.getOrDefault(id, List.of())) {
      if (e.path("type").asText().endsWith(typeSuffix)) {
        return e;
      }
    }
    return null;
  }

  /** Event payloads are JSON text, except objects, which the corpus stores parsed. */
  private static JsonNode eventPayload(JsonNode recorded) {
    return recorded.isTextual() ? parse(recorded.textValue()) : recorded;
  }

  private static void collectJsonPathChoiceStates(
      JsonNode machine, boolean jsonataAbove, Map<String, JsonNode> out) {
    boolean jsonata = jsonataAbove || isJsonata(machine);
    machine
        .path("States")
        .properties()
        .forEach(
            entry -> {
              JsonNode state = entry.getValue();
              boolean stateJsonata = state.has("QueryLanguage") ? isJsonata(state) : jsonata;
              if (state.path("Type").asText().equals("Choice") && !stateJsonata) {
                out.put(entry.getKey(), state);
              }
              for (String nested : List.of("Iterator", "ItemProcessor")) {
                if (state.has(nested)) {
                  collectJsonPathChoiceStates(state.get(nested), stateJsonata, out);
                }
              }
              for (JsonNode branch : state.path("Branches")) {
                collectJsonPathChoiceStates(branch, stateJsonata, out);
              }
            });
  }

  private static boolean isJsonata(JsonNode node) {
    return node.path("QueryLanguage").asText().equals("JSONata");
  }

  private static String choose(JsonNode choiceState, JsonNode input, JsonNode context) {
    TestPathResolver resolver = new TestPathResolver(input, context, Map.of());
    return ChoiceRules.firstMatch(ChoiceRules.compileAll(choiceState.get("Choices")), resolver)
        .map(rule -> rule.next().orElseThrow())
        .orElseGet(() -> choiceState.path("Default").asText("<no Default>"));
  }

  /** The part of the context object the corpus's Choice rules read: the execution input. */
  private static JsonNode context(JsonNode c) {
    ObjectNode context = JSON.createObjectNode();
    context.putObject("Execution").set("Input", parse(c.path("input_raw").asText("{}")));
    return context;
  }

  private static JsonNode parse(String raw) {
    try {
      return JSON.readTree(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
