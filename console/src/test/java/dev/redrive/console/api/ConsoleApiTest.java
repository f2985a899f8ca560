package dev.redrive.console.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.console.ConsoleRequest;
import dev.redrive.console.ConsoleResponse;
import dev.redrive.console.ControllerDecisions;
import dev.redrive.simulator.service.StepFunctionsService;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console's endpoints without a browser: errors as the API words them, refused requests. */
class ConsoleApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASS =
      "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}";
  static final Map<String, String> FROM_PAGE = Map.of("x-redrive-console", "1");

  final StepFunctionsService service = StepFunctionsService.builder().build();
  final ConsoleApi api = new ConsoleApi(service, ControllerDecisions.NONE);

  @AfterEach
  void close() {
    service.close();
  }

  private JsonNode call(
      int status,
      String method,
      String route,
      Map<String, String> query,
      Map<String, String> headers,
      String body)
      throws Exception {
    ConsoleResponse r =
        api.handle(
            route,
            new ConsoleRequest(
                method,
                "/console/api/" + route,
                query,
                headers,
                body.getBytes(StandardCharsets.UTF_8)));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(status);
    assertThat(r.contentType()).isEqualTo(ConsoleResponse.JSON);
    return JSON.readTree(r.body());
  }

  @Test
  void unknownExecutionIsAnsweredWithAwsCodeAndMessage() throws Exception {
    String arn = "arn:aws:states:us-east-1:111111111111:execution:none:x";

    JsonNode error = call(400, "GET", "execution", Map.of("arn", arn), Map.of(), "");

    assertThat(error.path("__type").asText()).isEqualTo("ExecutionDoesNotExist");
    assertThat(error.path("message").asText()).contains(arn);
  }

  @Test
  void actionWithoutTheConsoleHeaderIsRefused() throws Exception {
    String sm =
        service
            .createStateMachine(
                "p", PASS, "arn:aws:iam::111111111111:role/r", null, null, null, null, null)
            .arn();

    JsonNode error =
        call(
            403,
            "POST",
            "actions/start",
            Map.of(),
            Map.of(),
            "{\"stateMachineArn\":\"" + sm + "\"}");

    assertThat(error.path("__type").asText()).isEqualTo("Forbidden");
    assertThat(service.listExecutions(sm, null, null, null, null, null).items()).isEmpty();
  }

  @Test
  void actionBodyThatIsNotJsonIsRefusedAsTheApiWould() throws Exception {
    JsonNode error = call(400, "POST", "actions/stop", Map.of(), FROM_PAGE, "{\"executionArn\":");

    assertThat(error.path("__type").asText()).isEqualTo("SerializationException");
  }

  @Test
  void startWithMalformedInputGetsTheServiceError() throws Exception {
    String sm =
        service
            .createStateMachine(
                "p", PASS, "arn:aws:iam::111111111111:role/r", null, null, null, null, null)
            .arn();

    JsonNode error =
        call(
            400,
            "POST",
            "actions/start",
            Map.of(),
            FROM_PAGE,
            "{\"stateMachineArn\":\"" + sm + "\",\"input\":\"{oops\"}");

    assertThat(error.path("__type").asText()).isEqualTo("InvalidExecutionInput");
  }

  @Test
  void startThenListShowsTheExecutionNewestFirst() throws Exception {
    String sm =
        service
            .createStateMachine(
                "p", PASS, "arn:aws:iam::111111111111:role/r", null, null, null, null, null)
            .arn();
    for (String name : new String[] {"first", "second"}) {
      call(
          200,
          "POST",
          "actions/start",
          Map.of(),
          FROM_PAGE,
          "{\"stateMachineArn\":\"" + sm + "\",\"name\":\"" + name + "\"}");
    }

    JsonNode list = call(200, "GET", "executions", Map.of("name", "s"), Map.of(), "");

    assertThat(list.path("total").asInt()).isEqualTo(2);
    assertThat(list.path("items").get(0).path("name").asText()).isEqualTo("second");
    assertThat(list.path("items").get(0).has("input")).isFalse();
  }

  @Test
  void badPageNumberSaysWhatWasExpected() throws Exception {
    JsonNode error = call(400, "GET", "executions", Map.of("page", "zero"), Map.of(), "");

    assertThat(error.path("message").asText())
        .isEqualTo("expected 'page' to be a whole number, found 'zero'");
  }
}
