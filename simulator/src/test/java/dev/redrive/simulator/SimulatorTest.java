package dev.redrive.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.history.HistoryJson;
import dev.redrive.simulator.runtime.FunctionError;
import dev.redrive.simulator.runtime.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimulatorTest {
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  private static Simulator virtual() {
    return Simulator.builder().clock(new VirtualClock(START)).build();
  }

  private static List<String> types(ExecutionResult r) {
    return r.history().stream().map(HistoryEvent::type).toList();
  }

  @Test
  void runsPassStatesWithParametersAndResultPath() {
    String def =
        """
        {"StartAt": "A", "States": {
          "A": {"Type": "Pass", "Parameters": {"x.$": "$.in", "name.$": "$$.State.Name"},
                "ResultPath": "$.a", "Next": "B"},
          "B": {"Type": "Pass", "OutputPath": "$.a", "End": true}}}
        """;
    ExecutionResult r = virtual().run(def, "{\"in\": 7}", RunOptions.defaults());

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.output().orElseThrow().toString()).isEqualTo("{\"x\":7,\"name\":\"A\"}");
    assertThat(types(r))
        .containsExactly(
            "ExecutionStarted",
            "PassStateEntered",
            "PassStateExited",
            "PassStateEntered",
            "PassStateExited",
            "ExecutionSucceeded");
    assertThat(r.history().get(1).previousEventId()).isZero();
    assertThat(r.history().get(2).previousEventId()).isEqualTo(2);
  }

  @Test
  void waitsOnTheVirtualClockWithoutSleeping() {
    String def =
        """
        {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}
        """;
    VirtualClock clock = new VirtualClock(START);
    long before = System.nanoTime();
    ExecutionResult r =
        Simulator.builder().clock(clock).build().run(def, "{}", RunOptions.defaults());

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(clock.now()).isEqualTo(START.plus(Duration.ofHours(1)));
    assertThat(System.nanoTime() - before).isLessThan(TimeUnit.SECONDS.toNanos(5));
  }

  @Test
  void retriesALocalFunctionThenCatchesItsError() {
    String def =
        """
        {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:boom",
                "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2, "IntervalSeconds": 1}],
                "Catch": [{"ErrorEquals": ["Oops"], "Next": "Caught"}], "End": true},
          "Caught": {"Type": "Pass", "End": true}}}
        """;
    Simulator sim =
        Simulator.builder()
            .clock(new VirtualClock(START))
            .function(
                "boom",
                (in, clock) -> {
                  throw new FunctionError("Oops", "no luck", List.of());
                })
            .build();
    ExecutionResult r = sim.run(def, "{}", RunOptions.defaults());

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(types(r).stream().filter("LambdaFunctionFailed"::equals)).hasSize(3);
    assertThat(r.output().orElseThrow().path("Error").asText()).isEqualTo("Oops");
  }

  @Test
  void mapsTenThousandItemsThroughChoiceAndPass() {
    String def =
        """
        {"StartAt": "Map", "States": {"Map": {"Type": "Map", "ItemsPath": "$.items",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Check",
            "States": {
              "Check": {"Type": "Choice", "Choices": [
                {"Variable": "$", "NumericGreaterThanEquals": 5000, "Next": "Big"}],
                "Default": "Small"},
              "Big": {"Type": "Pass", "Result": "big", "End": true},
              "Small": {"Type": "Pass", "Result": "small", "End": true}}},
          "End": true}}}
        """;
    StringBuilder items = new StringBuilder("{\"items\": [0");
    for (int i = 1; i < 10_000; i++) {
      items.append(',').append(i);
    }
    // 60,006 events: past AWS's quota of 25,000, lifted for this measure of speed
    ExecutionResult r =
        Simulator.builder()
            .clock(new VirtualClock(START))
            .historyEventLimit(100_000)
            .build()
            .run(def, items.append("]}").toString(), RunOptions.defaults());

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.output().orElseThrow().size()).isEqualTo(10_000);
    assertThat(r.output().orElseThrow().get(4999).asText()).isEqualTo("small");
    assertThat(r.output().orElseThrow().get(5000).asText()).isEqualTo("big");
    assertThat(r.history()).hasSize(1 + 3 + 10_000 * 6 + 2);
  }

  @Test
  void failsWithAwsMessageWhenAPathSelectsNothing() {
    String def =
        """
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": "$.missing", "End": true}}}
        """;
    ExecutionResult r = virtual().run(def, "{}", RunOptions.defaults());

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.error()).contains("States.Runtime");
    assertThat(r.cause())
        .contains(
            "An error occurred while executing the state 'P' (entered at the event id #2)."
                + " Invalid path '$.missing' : No results for path: $['missing']");
  }

  @Test
  void waitsForATaskTokenUntilItIsCompleted() throws Exception {
    String def =
        """
        {"StartAt": "T", "States": {"T": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Parameters": {"FunctionName": "collect", "Payload": {"token.$": "$$.Task.Token"}},
          "End": true}}}
        """;
    CompletableFuture<String> token = new CompletableFuture<>();
    Simulator sim =
        Simulator.builder()
            .function(
                "collect",
                (in, clock) -> {
                  token.complete(in.path("token").asText());
                  return in;
                })
            .build();
    CompletableFuture<ExecutionResult> run =
        CompletableFuture.supplyAsync(() -> sim.run(def, "{}", RunOptions.defaults()));
    String t = token.get(10, TimeUnit.SECONDS);
    assertThat(sim.taskTokens().succeed(t, JsonNodeFactory.instance.objectNode().put("ok", true)))
        .isTrue();

    ExecutionResult r = run.get(10, TimeUnit.SECONDS);
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.output().orElseThrow().toString()).isEqualTo("{\"ok\":true}");
    assertThat(types(r)).contains("TaskSubmitted", "TaskSucceeded");
  }

  @Test
  void rendersHistoryAsGetExecutionHistoryJson() {
    String def = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}";
    ExecutionResult r = virtual().run(def, "{\"a\": 1}", RunOptions.defaults());

    var json = HistoryJson.response(r.history());
    var entered = json.path("events").get(1);
    assertThat(entered.path("type").asText()).isEqualTo("PassStateEntered");
    assertThat(entered.path("stateEnteredEventDetails").path("input").asText())
        .isEqualTo("{\"a\":1}");
    assertThat(entered.path("timestamp").decimalValue().longValue())
        .isEqualTo(START.getEpochSecond());
  }

  @Test
  void runsANestedExecutionOfARegisteredStateMachine() {
    Simulator sim = virtual();
    String child =
        sim.register(
            "Child",
            "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\","
                + " \"Result\": {\"from\": \"child\"}, \"End\": true}}}");
    String parent =
        """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task",
          "Resource": "arn:aws:states:::states:startExecution.sync:2",
          "Parameters": {"StateMachineArn": "%s", "Input": {"x": 1}, "Name": "kid"},
          "OutputPath": "$.Output", "End": true}}}
        """
            .formatted(child);

    ExecutionResult r = sim.run(parent, "{}", RunOptions.defaults());

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.output().orElseThrow().toString()).isEqualTo("{\"from\":\"child\"}");
    assertThat(types(r)).contains("TaskSubmitted", "TaskSucceeded");
  }

  @Test
  void failsAStateWhoseOutputIsOver256KiB() {
    String def =
        """
        {"StartAt": "Big", "States": {"Big": {"Type": "Pass",
          "Parameters": {"a.$": "$.s", "b.$": "$.s"}, "End": true}}}
        """;
    String input = "{\"s\": \"" + "x".repeat(150 * 1024) + "\"}";
    ExecutionResult r = virtual().run(def, input, RunOptions.defaults());

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.error()).contains("States.DataLimitExceeded");
  }
}
