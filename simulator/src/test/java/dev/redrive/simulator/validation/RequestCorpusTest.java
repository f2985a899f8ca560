package dev.redrive.simulator.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.testing.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Golden test against AWS's recordings: the requests AWS refused for a reason visible in the
 * request itself (a bad name, a value over its limit, an input that is not JSON), with the exact
 * code and message.
 */
class RequestCorpusTest {
  /** Cases reproduced exactly; raise it when more pass, the test fails below it. */
  private static final int BASELINE = 34;

  private static final Set<String> REQUEST_CODES =
      Set.of(
          InvalidRequestException.INVALID_NAME,
          InvalidRequestException.INVALID_ARN,
          InvalidRequestException.VALIDATION_EXCEPTION,
          InvalidRequestException.INVALID_EXECUTION_INPUT,
          InvalidRequestException.MISSING_REQUIRED_PARAMETER);

  @Test
  void refusesRequestsAsAwsDoes() {
    List<String> mismatches = new ArrayList<>();
    int total = 0;
    int passed = 0;
    for (JsonNode c : Corpus.cases("api-error-cases.jsonl")) {
      JsonNode error = c.path("expected_error").path("Error");
      String operation = c.path("operation").asText();
      if (!REQUEST_CODES.contains(error.path("Code").asText()) || operation.equals("test_state")) {
        continue;
      }
      total++;
      String expected = error.path("Code").asText() + " | " + error.path("Message").asText();
      String actual =
          normalised(RequestCalls.outcome(operation, c.path("request")), c.path("request"));
      if (expected.equals(actual)) {
        passed++;
      } else {
        mismatches.add(
            c.path("id").asText() + "\n  expected: " + expected + "\n  actual:   " + actual);
      }
    }
    System.out.printf("request cases: %d/%d match AWS%n", passed, total);
    mismatches.forEach(m -> System.out.println("MISMATCH " + m));
    assertThat(passed)
        .as("request cases matching AWS (%d in all)", total)
        .isGreaterThanOrEqualTo(BASELINE);
  }

  /** The corpus shows long tokens as {@code <invalid_token_N_chars>}. */
  private static String normalised(String message, JsonNode request) {
    String token = text(request, "nextToken");
    if (token == null) {
      return message;
    }
    return message.replace("'" + token + "'", "'<invalid_token_" + token.length() + "_chars>'");
  }

  private static String text(JsonNode r, String field) {
    return r.hasNonNull(field) ? r.get(field).asText() : null;
  }
}
