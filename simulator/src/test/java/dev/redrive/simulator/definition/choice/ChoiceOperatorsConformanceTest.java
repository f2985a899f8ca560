package dev.redrive.simulator.definition.choice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.error.StatesError;
import dev.redrive.simulator.testing.Corpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Golden test against AWS: every {@code choice_operators} case of {@code execution-cases.jsonl} is
 * a Choice state whose rule compares {@code $.Variable} (to a literal, or to {@code $.Value} for
 * the {@code ...Path} forms) and two Pass states with a literal Result, so the recorded output
 * names the branch AWS took. The rules are compiled and evaluated here, the branch (or {@code
 * Default}) looked up, and its Result compared with AWS's output.
 */
class ChoiceOperatorsConformanceTest {

  /** Cases that must pass; raise it when more pass, never lower it. */
  private static final int BASELINE = 332;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void takesTheBranchAwsTookForEveryRecordedOperatorCase() {
    List<JsonNode> cases =
        Corpus.cases("execution-cases.jsonl").stream()
            .filter(c -> c.path("feature_area").asText().equals("choice_operators"))
            .toList();
    int passed = 0;
    List<String> failures = new ArrayList<>();
    for (JsonNode c : cases) {
      Optional<String> failure = check(c);
      if (failure.isEmpty()) {
        passed++;
      } else {
        failures.add(c.path("id").asText() + ": " + failure.get());
      }
    }
    System.out.printf("choice_operators: %d of %d cases pass%n", passed, cases.size());
    assertThat(cases).hasSize(332);
    assertThat(passed)
        .as("passing cases; failures:%n%s", String.join("\n", failures))
        .isGreaterThanOrEqualTo(BASELINE);
  }

  private static Optional<String> check(JsonNode c) {
    JsonNode definition = c.path("definition");
    JsonNode states = definition.path("States");
    JsonNode choice = states.path(definition.path("StartAt").asText());
    JsonNode expected = c.path("expected");
    if (!expected.path("status").asText().equals("SUCCEEDED")) {
      return Optional.of("only SUCCEEDED recordings are checked here");
    }
    JsonNode input = parse(c.path("input_raw").asText());
    String next;
    try {
      next = choose(ChoiceRules.compileAll(choice.path("Choices")), choice, input);
    } catch (StatesError e) {
      return Optional.of("raised " + e.error() + ": " + e.cause());
    } catch (IllegalArgumentException e) {
      return Optional.of("did not compile: " + e.getMessage());
    }
    JsonNode result = states.path(next).path("Result");
    return result.equals(expected.path("output"))
        ? Optional.empty()
        : Optional.of("took " + next + ", AWS output " + expected.path("output"));
  }

  /** The state a Choice state moves to, as the runtime will decide it. */
  static String choose(List<ChoiceRule> rules, JsonNode choiceState, JsonNode input) {
    Optional<ChoiceRule> matched = ChoiceRules.firstMatch(rules, TestPathResolver.of(input));
    if (matched.isPresent()) {
      return matched.get().next().orElseThrow();
    }
    JsonNode fallback = choiceState.get("Default");
    if (fallback == null) {
      throw ChoiceRules.noChoiceMatched("state");
    }
    return fallback.asText();
  }

  private static JsonNode parse(String raw) {
    try {
      return JSON.readTree(raw);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
