package dev.redrive.simulator.definition.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.testing.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Golden tests against AWS's recordings: the definitions AWS rejected, with its exact code and
 * message, and every definition AWS ran, which must pass.
 */
class DefinitionCorpusTest {
  /**
   * Cases of {@code api-error-cases.jsonl} whose code and message we reproduce exactly. Raise it
   * when more pass; the test fails below it.
   */
  private static final int BASELINE = 72;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> DEFINITION_OPERATIONS =
      Set.of("create_state_machine", "update_state_machine", "test_state");

  @Test
  void rejectsInvalidDefinitionsWithAwsMessages() {
    List<String> mismatches = new ArrayList<>();
    int total = 0;
    int passed = 0;
    for (JsonNode c : Corpus.cases("api-error-cases.jsonl")) {
      JsonNode error = c.path("expected_error").path("Error");
      if (!DEFINITION_OPERATIONS.contains(c.path("operation").asText())
          || !InvalidDefinitionException.ERROR_CODE.equals(error.path("Code").asText())) {
        continue;
      }
      total++;
      String expected = error.path("Message").asText();
      String actual = outcome(c);
      if (expected.equals(actual)) {
        passed++;
      } else {
        mismatches.add(
            c.path("id").asText() + "\n  expected: " + expected + "\n  actual:   " + actual);
      }
    }
    System.out.printf("definition cases: %d/%d match AWS%n", passed, total);
    mismatches.forEach(m -> System.out.println("MISMATCH " + m));
    assertThat(passed)
        .as("definition cases matching AWS (%d in all)", total)
        .isGreaterThanOrEqualTo(BASELINE);
  }

  @Test
  void acceptsEveryDefinitionAwsRan() throws Exception {
    List<String> rejected = new ArrayList<>();
    int checked = 0;
    for (String file : List.of("execution-cases.jsonl", "lambda-cases.jsonl")) {
      for (JsonNode c : Corpus.cases(file)) {
        List<JsonNode[]> machines = new ArrayList<>();
        machines.add(new JsonNode[] {c.get("definition"), c.get("state_machine_type")});
        for (JsonNode aux : c.path("auxiliary_state_machines")) {
          machines.add(new JsonNode[] {aux.get("definition"), aux.get("type")});
        }
        for (JsonNode[] m : machines) {
          checked++;
          String definition = concrete(JSON.writeValueAsString(m[0]));
          String type = m[1] == null ? DefinitionValidator.STANDARD : m[1].asText();
          List<Diagnostic> problems = DefinitionValidator.diagnose(definition, type);
          if (!problems.isEmpty()) {
            rejected.add(c.path("id").asText() + ": " + problems);
          }
        }
      }
    }
    System.out.printf("valid definitions accepted: %d/%d%n", checked - rejected.size(), checked);
    assertThat(rejected).as("definitions AWS ran but we reject").isEmpty();
  }

  @Test
  void acceptsEveryStateTestStateRan() throws Exception {
    List<String> rejected = new ArrayList<>();
    for (JsonNode c : Corpus.cases("test-state-cases.jsonl")) {
      JsonNode request = c.path("request");
      String definition = concrete(JSON.writeValueAsString(request.get("definition")));
      String stateName = request.hasNonNull("stateName") ? request.get("stateName").asText() : null;
      try {
        DefinitionValidator.validateForTestState(definition, stateName, request.has("mock"));
      } catch (InvalidDefinitionException e) {
        rejected.add(c.path("id").asText() + ": " + e.getMessage());
      }
    }
    assertThat(rejected).as("TestState definitions AWS ran but we reject").isEmpty();
  }

  private static String outcome(JsonNode c) {
    JsonNode request = c.path("request");
    String definition = request.path("definition").asText();
    try {
      if ("test_state".equals(c.path("operation").asText())) {
        String stateName =
            request.hasNonNull("stateName") ? request.get("stateName").asText() : null;
        DefinitionValidator.validateForTestState(definition, stateName, request.has("mock"));
      } else {
        DefinitionValidator.validate(definition, request.path("type").asText(null));
      }
      return "(accepted)";
    } catch (InvalidDefinitionException e) {
      return e.getMessage();
    }
  }

  private static String concrete(String definition) {
    return Placeholders.concrete(definition);
  }
}
