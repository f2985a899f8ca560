package dev.redrive.simulator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.definition.validation.InvalidDefinitionException;
import dev.redrive.simulator.definition.validation.Placeholders;
import dev.redrive.simulator.testing.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of TestState's request checks: the requests AWS refused, with code and message, and
 * the requests AWS ran, which must pass.
 */
class TestStateCorpusTest {
  /** Refused TestState requests reproduced exactly; raise it when more pass. */
  private static final int BASELINE = 34;

  @Test
  void refusesTestStateRequestsAsAwsDoes() {
    List<String> mismatches = new ArrayList<>();
    int total = 0;
    int passed = 0;
    for (JsonNode c : Corpus.cases("api-error-cases.jsonl")) {
      if (!c.path("operation").asText().equals("test_state")) {
        continue;
      }
      total++;
      JsonNode error = c.path("expected_error").path("Error");
      String expected = error.path("Code").asText() + " | " + error.path("Message").asText();
      String actual = outcome(c.path("request"));
      if (expected.equals(actual)) {
        passed++;
      } else {
        mismatches.add(
            c.path("id").asText() + "\n  expected: " + expected + "\n  actual:   " + actual);
      }
    }
    System.out.printf("test_state cases: %d/%d match AWS%n", passed, total);
    mismatches.forEach(m -> System.out.println("MISMATCH " + m));
    assertThat(passed)
        .as("test_state cases matching AWS (%d in all)", total)
        .isGreaterThanOrEqualTo(BASELINE);
  }

  @Test
  void acceptsEveryRequestTestStateRan() {
    List<String> rejected = new ArrayList<>();
    for (JsonNode c : Corpus.cases("test-state-cases.jsonl")) {
      String outcome = outcome(c.path("request"));
      if (!outcome.equals("(accepted)")) {
        rejected.add(c.path("id").asText() + ": " + outcome);
      }
    }
    assertThat(rejected).as("TestState requests AWS ran but we refuse").isEmpty();
  }

  private static String outcome(JsonNode r) {
    JsonNode definition = r.path("definition");
    JsonNode mock = r.path("mock");
    JsonNode count = r.path("stateConfiguration").path("mapIterationFailureCount");
    TestStateRequest request =
        new TestStateRequest(
            Placeholders.concrete(
                definition.isTextual() ? definition.asText() : definition.toString()),
            Optional.ofNullable(r.hasNonNull("stateName") ? r.get("stateName").asText() : null),
            Optional.ofNullable(r.hasNonNull("roleArn") ? r.get("roleArn").asText() : null),
            mock.isObject()
                ? Optional.of(
                    new TestStateRequest.Mock(
                        Optional.ofNullable(
                            mock.hasNonNull("result") ? mock.get("result").asText() : null),
                        mock.path("fieldValidationMode").asText("STRICT")))
                : Optional.empty(),
            r.path("revealSecrets").asBoolean(false),
            count.isInt() ? Optional.of(count.asInt()) : Optional.empty());
    try {
      RequestValidator.testState(request);
      return "(accepted)";
    } catch (InvalidRequestException e) {
      return e.errorCode() + " | " + e.getMessage();
    } catch (InvalidDefinitionException e) {
      return e.errorCode() + " | " + e.getMessage();
    }
  }
}
