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
      String actual = normalised(outcome(operation, c.path("request")), c.path("request"));
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

  private static String outcome(String operation, JsonNode r) {
    try {
      switch (operation) {
        case "create_activity" -> RequestValidator.createActivity(text(r, "name"));
        case "describe_activity", "delete_activity" ->
            RequestValidator.activityArn(arn(text(r, "activityArn")));
        case "get_activity_task" ->
            RequestValidator.getActivityTask(arn(text(r, "activityArn")), text(r, "workerName"));
        case "create_state_machine" ->
            RequestValidator.createStateMachine(
                text(r, "name"),
                text(r, "type"),
                r.has("publish") ? r.get("publish").asBoolean() : null,
                text(r, "versionDescription"));
        case "update_state_machine" ->
            RequestValidator.updateStateMachine(
                arn(text(r, "stateMachineArn")),
                text(r, "definition"),
                text(r, "roleArn"),
                r.has("loggingConfiguration"),
                r.has("tracingConfiguration"),
                r.has("publish") ? r.get("publish").asBoolean() : null,
                text(r, "versionDescription"));
        case "start_execution", "start_sync_execution" ->
            RequestValidator.startExecution(
                arn(text(r, "stateMachineArn")), text(r, "name"), text(r, "input"));
        case "list_executions" ->
            RequestValidator.listExecutions(
                arn(text(r, "stateMachineArn")),
                arn(text(r, "mapRunArn")),
                r.has("maxResults") ? r.get("maxResults").asInt() : null,
                text(r, "nextToken"),
                text(r, "statusFilter"));
        default ->
            RequestValidator.list(
                arn(text(r, "stateMachineArn")),
                r.has("maxResults") ? r.get("maxResults").asInt() : null,
                text(r, "nextToken"));
      }
      return "(accepted)";
    } catch (InvalidRequestException e) {
      return e.errorCode() + " | " + e.getMessage();
    }
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

  private static String arn(String value) {
    if (value == null) {
      return null;
    }
    return value
        .replace("${SM_ARN_0}", "arn:aws:states:us-east-1:111111111111:stateMachine:machine0")
        .replace("${ACTIVITY_ARN_0}", "arn:aws:states:us-east-1:111111111111:activity:activity0");
  }
}
