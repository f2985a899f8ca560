package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.runtime.VirtualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Seed 002 over HTTP: a Map whose items fail by chance, handled by the Map's own Retry (every item
 * runs again) or by reporting failures and running only the failed items again. The seed's {@code
 * States.MathRandom(1, 6)} roll is a local function {@code roll} here, scripted per item, so each
 * test decides which attempt of B-456 fails.
 */
class SeedMapRetryApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Rolls still to come per item id; an item without a script rolls 3. */
  private final Map<String, Deque<Integer>> rolls = new ConcurrentHashMap<>();

  /** How often each item was rolled for, that is processed. */
  private final Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();

  private final Endpoint endpoint =
      new Endpoint(
          Simulator.builder()
              .clock(new VirtualClock(Instant.parse("2026-01-01T00:00:00Z")))
              .function(
                  "roll",
                  (in, clock) -> {
                    String id = in.path("id").asText();
                    processed.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    Deque<Integer> script = rolls.get(id);
                    Integer next = script == null ? null : script.pollFirst();
                    return IntNode.valueOf(next == null ? 3 : next);
                  })
              .build());

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private void script(String id, Integer... values) {
    rolls.put(id, new ArrayDeque<>(List.of(values)));
  }

  private int processed(String id) {
    AtomicInteger n = processed.get(id);
    return n == null ? 0 : n.get();
  }

  private static String definition(String file) throws IOException {
    return Files.readString(Path.of("src/test/resources/seeds", file));
  }

  private List<HistoryEventType> types(String arn) {
    return endpoint
        .sfn
        .getExecutionHistory(b -> b.executionArn(arn).maxResults(1000))
        .events()
        .stream()
        .map(HistoryEvent::type)
        .toList();
  }

  @Test
  void mapRetryRunsEveryItemAgainUntilTheFlakyOneSucceeds() throws IOException {
    script("B-456", 2, 4, 5);
    String sm =
        endpoint.createStateMachine("whole-map", definition("002-whole-map-retry.asl.json"));

    String arn = endpoint.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
    DescribeExecutionResponse done = endpoint.awaitEnd(arn);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    // three attempts of the whole Map: A-123, which never fails, ran three times too
    assertThat(processed("A-123")).isEqualTo(3);
    assertThat(processed("B-456")).isEqualTo(3);
    JsonNode results = JSON.readTree(done.output()).path("processedResults");
    assertThat(results).hasSize(2);
    assertThat(results.get(1).path("processedInfo").path("randomUsed").asInt()).isEqualTo(5);
    assertThat(types(arn).stream().filter(HistoryEventType.MAP_STATE_STARTED::equals)).hasSize(3);
  }

  @Test
  void redriveOfTheFailedMapRunsOnlyTheFailedIteration() throws IOException {
    // The seed lowers MaxAttempts to make the Map fail, then redrives. With no retry at all the
    // redrive is seen on its own (see the disabled test above for the Retry itself).
    script("B-456", 1, 5);
    String sm =
        endpoint.createStateMachine(
            "whole-map-no-retry",
            definition("002-whole-map-retry.asl.json")
                .replace("\"MaxAttempts\": 10", "\"MaxAttempts\": 0"));

    String arn = endpoint.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
    DescribeExecutionResponse failed = endpoint.awaitEnd(arn);
    int aBefore = processed("A-123");
    endpoint.sfn.redriveExecution(b -> b.executionArn(arn));
    DescribeExecutionResponse redriven = endpoint.awaitEnd(arn);

    assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(failed.error()).isEqualTo("MyProcessingError");
    assertThat(failed.cause()).isEqualTo("Intentional random failure for testing retry");
    assertThat(aBefore).isEqualTo(1);
    // AWS: "For workflows that include an Inline Map or Parallel state, RedriveExecution
    // reschedules and redrives only the iterations and branches that failed or aborted." (The
    // seed's author saw the whole Map run again; the API reference says otherwise.)
    assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(redriven.redriveCount()).isEqualTo(1);
    assertThat(processed("A-123")).as("A-123 succeeded before the redrive").isEqualTo(1);
    assertThat(processed("B-456")).isEqualTo(2);
    JsonNode results = JSON.readTree(redriven.output()).path("processedResults");
    assertThat(results)
        .extracting(r -> r.path("processedInfo").path("itemId").asText())
        .containsExactly("A-123", "B-456");
    List<HistoryEventType> types = types(arn);
    List<HistoryEventType> afterRedrive =
        types.subList(types.indexOf(HistoryEventType.EXECUTION_REDRIVEN), types.size());
    assertThat(afterRedrive.stream().filter(HistoryEventType.MAP_ITERATION_STARTED::equals))
        .hasSize(1);
  }

  @Test
  void failedItemsOnlyPatternRunsTheFailedItemAgainAndNothingElse() throws IOException {
    script("B-456", 2, 5);
    String sm =
        endpoint.createStateMachine("failed-only", definition("002-failed-items-only.asl.json"));

    String arn = endpoint.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
    DescribeExecutionResponse done = endpoint.awaitEnd(arn);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(processed("A-123")).isEqualTo(1);
    assertThat(processed("C-789")).isEqualTo(1);
    assertThat(processed("B-456")).isEqualTo(2);
    JsonNode out = JSON.readTree(done.output());
    assertThat(out.path("retryQueue").path("failedItems"))
        .extracting(i -> i.path("id").asText())
        .containsExactly("B-456");
    assertThat(out.path("secondPassResults"))
        .extracting(i -> i.path("status").asText())
        .containsExactly("success");
    assertThat(out.path("finalFailedItems").path("failedItems")).isEmpty();
  }

  @Test
  void redriveOfTheFailedItemsOnlyPatternReRunsOnlyTheFailState() throws IOException {
    script("B-456", 2, 3);
    String sm =
        endpoint.createStateMachine("failed-only", definition("002-failed-items-only.asl.json"));

    String arn = endpoint.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
    DescribeExecutionResponse failed = endpoint.awaitEnd(arn);
    endpoint.sfn.redriveExecution(b -> b.executionArn(arn));
    DescribeExecutionResponse again = endpoint.awaitEnd(arn);

    assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(failed.error()).isEqualTo("RetryFailed");
    assertThat(failed.cause()).isEqualTo("Some items failed even after retry.");
    // the seed's observation: redriving only runs FinalFailure again, so it fails the same way
    assertThat(again.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(again.error()).isEqualTo("RetryFailed");
    assertThat(again.redriveCount()).isEqualTo(1);
    assertThat(processed("A-123") + processed("B-456") + processed("C-789")).isEqualTo(4);
    List<HistoryEventType> types = types(arn);
    assertThat(types.subList(types.indexOf(HistoryEventType.EXECUTION_REDRIVEN), types.size()))
        .containsExactly(
            HistoryEventType.EXECUTION_REDRIVEN,
            HistoryEventType.FAIL_STATE_ENTERED,
            HistoryEventType.EXECUTION_FAILED);
  }
}
