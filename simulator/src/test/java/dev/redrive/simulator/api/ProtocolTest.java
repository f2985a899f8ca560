package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** The JSON 1.0 protocol itself: content type, dates, and the errors of malformed requests. */
class ProtocolTest {
  private final Endpoint endpoint = new Endpoint();
  private final RawClient raw = new RawClient(endpoint.server.port());

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void answersInJson10WithEpochSecondDates() {
    RawClient.Response r =
        raw.call(
            "CreateStateMachine",
            "{\"name\":\"p\",\"roleArn\":\""
                + Endpoint.ROLE_ARN
                + "\",\"definition\":\"{\\\"StartAt\\\":\\\"A\\\",\\\"States\\\":{\\\"A\\\":"
                + "{\\\"Type\\\":\\\"Succeed\\\"}}}\"}");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("application/x-amz-json-1.0");
    assertThat(r.body().get("creationDate").isNumber()).isTrue();
    assertThat(r.body().get("creationDate").asDouble()).isGreaterThan(1.6e9).isLessThan(1e10);
  }

  @Test
  void refusesBodyThatIsNotJson() {
    RawClient.Response r = raw.call("ListStateMachines", "{not json");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorType()).isEqualTo("SerializationException");
    assertThat(r.message()).startsWith("Request body is not JSON");
  }

  @Test
  void refusesFieldOfTheWrongType() {
    RawClient.Response r = raw.call("ListStateMachines", "{\"maxResults\":\"ten\"}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorType()).isEqualTo("SerializationException");
  }

  @Test
  void refusesUnknownOrMissingOperation() {
    RawClient.Response unknown = raw.call("LaunchRocket", "{}");
    RawClient.Response missing =
        raw.send(
            HttpRequest.newBuilder(raw.endpoint())
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build());
    RawClient.Response get =
        raw.send(
            HttpRequest.newBuilder(raw.endpoint())
                .header("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
                .GET()
                .build());

    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errorType()).isEqualTo("UnknownOperationException");
    assertThat(unknown.message()).isEqualTo("Unknown operation: AWSStepFunctions.LaunchRocket");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.errorType()).isEqualTo("UnknownOperationException");
    assertThat(get.status()).isEqualTo(405);
  }

  @Test
  void refusesOversizedInput() {
    String sm = endpoint.createStateMachine("big", StateMachineApiTest.PASS);
    String input = "\"" + "a".repeat(262_145) + "\"";

    RawClient.Response r =
        raw.call("StartExecution", Json.object().put("stateMachineArn", sm).put("input", input));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorType()).isEqualTo("ValidationException");
    assertThat(r.message())
        .isEqualTo(
            "1 validation error detected: Value at 'input' failed to satisfy constraint: Member"
                + " must have length less than or equal to 262144");
  }

  @Test
  void badRequestsNeverDisturbAcceptedExecutions() throws Exception {
    String sm =
        endpoint.createStateMachine(
            "steady",
            "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":1,\"Next\":\"P\"},"
                + "\"P\":{\"Type\":\"Pass\",\"End\":true}}}");
    List<String> arns = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      arns.add(endpoint.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn());
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<RawClient.Response>> bad = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = i;
        bad.add(
            pool.submit(
                () ->
                    switch (n % 4) {
                      case 0 -> raw.call("StartExecution", "{broken");
                      case 1 -> raw.call("Nope", "{}");
                      case 2 -> raw.call("StartExecution", "{\"stateMachineArn\":\"x\"}");
                      default ->
                          raw.call(
                              "DescribeExecution",
                              "{\"executionArn\":\"" + arns.get(0) + "-missing\"}");
                    }));
      }
      for (Future<RawClient.Response> f : bad) {
        assertThat(f.get().status()).isEqualTo(400);
      }
    } finally {
      pool.shutdownNow();
    }

    for (String arn : arns) {
      assertThat(endpoint.awaitEnd(arn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }
}
