package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.events.JsonLinesFileSink;
import dev.redrive.simulator.runtime.FunctionError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Status-change events of executions run through the API, compared with AWS's captured events (seed
 * 001): the same fields in the same order, of the same JSON types, with the redrive fields AWS sets
 * for each status.
 */
class StatusChangeEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String FAILS_ONCE =
      "{\"StartAt\":\"Invoke\",\"States\":{\"Invoke\":{\"Type\":\"Task\","
          + "\"Resource\":\"arn:aws:states:::lambda:invoke\","
          + "\"Parameters\":{\"FunctionName\":\"flaky\",\"Payload.$\":\"$\"},"
          + "\"OutputPath\":\"$.Payload\",\"End\":true}}}";

  @TempDir Path dir;

  private final AtomicInteger calls = new AtomicInteger();
  private final Endpoint endpoint =
      new Endpoint(
          Simulator.builder()
              .function(
                  "flaky",
                  (in, clock) -> {
                    if (calls.getAndIncrement() == 0) {
                      throw new FunctionError("AccessDeniedException", "not authorized", List.of());
                    }
                    return JsonNodeFactory.instance.objectNode().put("statusCode", 200);
                  })
              .build());
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void publishesEveryStatusChangeOfAFailingThenRedrivenExecution() throws IOException {
    Path file = dir.resolve("events.jsonl");
    endpoint.bus.addSink(new JsonLinesFileSink(file));
    endpoint.bus.subscribe(
        "{\"source\":[\"aws.states\"],\"detail-type\":[\"Step Functions Execution Status Change\"]}",
        received::add);
    String sm = endpoint.createStateMachine("MyStateMachine", FAILS_ONCE);

    String arn =
        endpoint
            .sfn
            .startExecution(b -> b.stateMachineArn(sm).input("{\n  \"FunctionName\": \"test\"\n}"))
            .executionArn();
    assertThat(endpoint.awaitEnd(arn).status()).isEqualTo(ExecutionStatus.FAILED);
    endpoint.sfn.redriveExecution(b -> b.executionArn(arn));
    assertThat(endpoint.awaitEnd(arn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    Endpoint.await(() -> received.size() >= 4 ? true : null);

    assertThat(received)
        .extracting(e -> e.at("/detail/status").asText())
        .containsExactly("RUNNING", "FAILED", "RUNNING", "SUCCEEDED");
    JsonNode failed = received.get(1);
    assertThat(shape(failed)).isEqualTo(shape(sample("failed-count0.json")));
    assertThat(failed.at("/detail/executionArn").asText()).isEqualTo(arn);
    assertThat(failed.at("/resources/0").asText()).isEqualTo(arn);
    assertThat(failed.at("/detail/input").asText()).isEqualTo("{\n  \"FunctionName\": \"test\"\n}");
    assertThat(failed.at("/detail/error").asText()).isEqualTo("AccessDeniedException");
    assertThat(failed.at("/detail/redriveCount").asInt()).isZero();
    assertThat(failed.at("/detail/redriveStatus").asText()).isEqualTo("REDRIVABLE");
    assertThat(failed.at("/detail/redriveStatusReason").isNull()).isTrue();
    JsonNode redriven = received.get(2);
    assertThat(shape(redriven)).isEqualTo(shape(sample("running-redriven-count1.json")));
    assertThat(redriven.at("/detail/redriveCount").asInt()).isEqualTo(1);
    assertThat(redriven.at("/detail/redriveStatusReason").asText())
        .isEqualTo("Execution is RUNNING and cannot be redriven");
    JsonNode succeeded = received.get(3);
    assertThat(shape(succeeded)).isEqualTo(shape(sample("succeeded-count3.json")));
    assertThat(succeeded.at("/detail/output").asText()).isEqualTo("{\"statusCode\":200}");
    assertThat(succeeded.at("/detail/redriveStatusReason").asText())
        .isEqualTo("Execution is SUCCEEDED and cannot be redriven");
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(4);
    assertThat(JSON.readTree(lines.get(1))).isEqualTo(failed);
  }

  @Test
  void routesByPatternAndPublishesAbortedExecutions() {
    List<JsonNode> failures = new CopyOnWriteArrayList<>();
    endpoint.bus.subscribe(
        "{\"source\":[\"aws.states\"],\"detail\":{\"status\":[\"FAILED\",\"TIMED_OUT\",\"ABORTED\"]}}",
        failures::add);
    String sm =
        endpoint.createStateMachine(
            "waits",
            "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":600,\"End\":true}}}");
    String arn = endpoint.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();

    endpoint.sfn.stopExecution(b -> b.executionArn(arn));
    Endpoint.await(() -> failures.isEmpty() ? null : true);

    assertThat(failures).hasSize(1);
    assertThat(shape(failures.get(0))).isEqualTo(shape(sample("aborted.json")));
    assertThat(failures.get(0).at("/detail/status").asText()).isEqualTo("ABORTED");
    assertThatThrownBy(() -> endpoint.sfn.redriveExecution(b -> b.executionArn(arn + "x")))
        .hasMessageStartingWith("Execution Does Not Exist");
  }

  @Test
  void redrivesAStoppedExecutionAtOnce() {
    endpoint.bus.subscribe("{\"source\":[\"aws.states\"]}", received::add);
    String sm =
        endpoint.createStateMachine(
            "stop-redrive",
            "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":600,\"End\":true}}}");
    String arn = endpoint.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();

    endpoint.sfn.stopExecution(b -> b.executionArn(arn));
    endpoint.sfn.redriveExecution(b -> b.executionArn(arn));
    var running = endpoint.sfn.describeExecution(b -> b.executionArn(arn));
    endpoint.sfn.stopExecution(b -> b.executionArn(arn).error("Again"));
    var stopped = endpoint.awaitEnd(arn);
    Endpoint.await(() -> received.size() >= 4 ? true : null);

    assertThat(running.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(running.redriveCount()).isEqualTo(1);
    assertThat(running.redriveDate()).isNotNull();
    assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(stopped.error()).isEqualTo("Again");
    assertThat(received)
        .extracting(e -> e.at("/detail/status").asText() + "/" + e.at("/detail/redriveCount"))
        .containsExactly("RUNNING/0", "ABORTED/0", "RUNNING/1", "ABORTED/1");
    assertThat(
            endpoint.sfn.getExecutionHistory(b -> b.executionArn(arn)).events().stream()
                .map(e -> e.typeAsString())
                .filter(t -> t.startsWith("Execution")))
        .containsExactly(
            "ExecutionStarted", "ExecutionAborted", "ExecutionRedriven", "ExecutionAborted");
  }

  @Test
  void refusesToRedriveSucceededExecution() {
    calls.set(1);
    String sm = endpoint.createStateMachine("ok", FAILS_ONCE);
    String arn = endpoint.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
    endpoint.awaitEnd(arn);

    assertThatThrownBy(() -> endpoint.sfn.redriveExecution(b -> b.executionArn(arn)))
        .isInstanceOf(ExecutionNotRedrivableException.class)
        .hasMessageStartingWith("Execution is SUCCEEDED and cannot be redriven");
  }

  private static JsonNode sample(String name) {
    try (InputStream in = StatusChangeEventsTest.class.getResourceAsStream("/api/events/" + name)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new AssertionError("cannot read sample " + name, e);
    }
  }

  /** The field names in order and the JSON type of each value, recursively. */
  private static JsonNode shape(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        out.set(f.getKey(), shape(f.getValue()));
      }
      return out;
    }
    if (node.isArray()) {
      return JsonNodeFactory.instance.arrayNode().add(shape(node.get(0)));
    }
    return JsonNodeFactory.instance.textNode(node.getNodeType().name());
  }
}
