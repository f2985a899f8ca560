package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.redrive.simulator.testing.Corpus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Golden test of the HTTP API against AWS's recordings ({@code api-error-cases.jsonl}): each case
 * replays the calls that preceded the refused one, then sends it over HTTP and compares the error
 * code, the HTTP status and the message (AWS's placeholders, such as {@code <region>} or {@code
 * <ArnPart_0idx>}, stand for any value).
 */
class ApiErrorCasesTest {
  /** Cases reproduced exactly; raise it when more pass, the test fails below it. */
  private static final int BASELINE = 101;

  /** The operations this endpoint serves, as the corpus names them. */
  private static final Set<String> SERVED =
      Set.of(
          "create_state_machine",
          "describe_state_machine",
          "list_state_machines",
          "update_state_machine",
          "delete_state_machine",
          "start_execution",
          "start_sync_execution",
          "describe_execution",
          "list_executions",
          "stop_execution",
          "get_execution_history",
          "create_activity",
          "describe_activity",
          "delete_activity",
          "list_activities",
          "get_activity_task");

  /** How the recording refers to the {@code nextToken} of the previous response. */
  private static final String PREVIOUS_TOKEN = "AUTO<resp.call['nextToken']>";

  private static final Pattern PLACEHOLDER =
      Pattern.compile(
          "<(partition|region|ArnPart_\\d+idx|ExecArnPart_\\d+idx|resource:\\d+"
              + "|invalid_token_\\d+_chars)>");

  @Test
  void refusesRequestsAsAwsDoes() {
    int served = 0;
    int passed = 0;
    List<String> mismatches = new ArrayList<>();
    try (Endpoint endpoint = new Endpoint()) {
      RawClient raw = new RawClient(endpoint.server.port());
      for (JsonNode c : Corpus.cases("api-error-cases.jsonl")) {
        if (!SERVED.contains(c.path("operation").asText())) {
          continue;
        }
        served++;
        String outcome = replay(raw, c);
        if (outcome.isEmpty()) {
          passed++;
        } else {
          mismatches.add(c.path("id").asText() + "\n  " + outcome);
        }
      }
    }
    System.out.printf("api error cases: %d/%d served cases match AWS%n", passed, served);
    mismatches.forEach(m -> System.out.println("MISMATCH " + m));
    assertThat(passed)
        .as("api error cases matching AWS (%d served)", served)
        .isGreaterThanOrEqualTo(BASELINE);
  }

  /** Runs one case; empty when it matches AWS, otherwise what differed. */
  private static String replay(RawClient raw, JsonNode c) {
    Map<String, String> placeholders = new HashMap<>();
    placeholders.put("${ROLE_ARN}", Endpoint.ROLE_ARN);
    int machines = 0;
    int activities = 0;
    for (JsonNode call : c.path("preceding_successful_calls")) {
      String op = call.path("op").asText();
      if (!SERVED.contains(op)) {
        return "needs " + op + ", not served";
      }
      RawClient.Response r =
          raw.call(operationName(op), substitute(call.path("kwargs"), placeholders));
      if (r.status() != 200) {
        return "preceding " + op + " failed: " + r.errorType() + " | " + r.message();
      }
      r.body()
          .path("nextToken")
          .asOptional()
          .ifPresent(t -> placeholders.put(PREVIOUS_TOKEN, t.asText()));
      if (op.equals("create_state_machine")) {
        placeholders.put("${SM_ARN_" + machines++ + "}", r.body().path("stateMachineArn").asText());
      } else if (op.equals("create_activity")) {
        placeholders.put(
            "${ACTIVITY_ARN_" + activities++ + "}", r.body().path("activityArn").asText());
      }
    }
    ObjectNode request = substitute(c.path("request"), placeholders);
    request.remove("definition_parsed");
    RawClient.Response r = raw.call(operationName(c.path("operation").asText()), request);
    JsonNode expected = c.path("expected_error");
    String code = expected.path("Error").path("Code").asText();
    String message = expected.path("Error").path("Message").asText();
    int status = expected.path("ResponseMetadata").path("HTTPStatusCode").asInt();
    String actual =
        r.status() + " " + r.errorType() + " | " + normalised(r.message(), placeholders);
    boolean same =
        r.status() == status
            && code.equals(r.errorType())
            && r.message() != null
            && pattern(message).matcher(normalised(r.message(), placeholders)).matches();
    return same
        ? ""
        : "expected: " + status + " " + code + " | " + message + "\n  actual:   " + actual;
  }

  /** "create_state_machine" → "CreateStateMachine". */
  static String operationName(String snake) {
    StringBuilder out = new StringBuilder();
    for (String part : snake.split("_")) {
      out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return out.toString();
  }

  private static ObjectNode substitute(JsonNode node, Map<String, String> placeholders) {
    ObjectNode out = node.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> fields = out.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getValue().isTextual()) {
        String text = f.getValue().asText();
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
          text = text.replace(p.getKey(), p.getValue());
        }
        f.setValue(TextNode.valueOf(text));
      }
    }
    return out;
  }

  /** The recording's normalisation: partition and region as placeholders, activity ARNs named. */
  private static String normalised(String message, Map<String, String> placeholders) {
    if (message == null) {
      return null;
    }
    String out = message;
    for (Map.Entry<String, String> p : placeholders.entrySet()) {
      if (p.getKey().startsWith("${ACTIVITY_ARN_")) {
        out = out.replace(p.getValue(), "activity_arn");
      }
    }
    return out.replace("arn:aws:", "arn:<partition>:").replace(":us-east-1:", ":<region>:");
  }

  private static Pattern pattern(String expected) {
    StringBuilder regex = new StringBuilder();
    Matcher m = PLACEHOLDER.matcher(expected);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(expected.substring(last, m.start())));
      String name = m.group(1);
      regex.append(
          name.equals("partition") || name.equals("region") ? Pattern.quote(m.group()) : "[^:'/]+");
      last = m.end();
    }
    regex.append(Pattern.quote(expected.substring(last)));
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
