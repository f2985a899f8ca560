package dev.redrive.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.runtime.FunctionError;
import dev.redrive.simulator.runtime.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalExecutionTest {
  private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  private static List<String> types(List<HistoryEvent> events) {
    return events.stream().map(HistoryEvent::type).toList();
  }

  /** A function that fails the first {@code failures} calls, then echoes its input. */
  private static Simulator flaky(AtomicInteger calls, int failures) {
    return Simulator.builder()
        .clock(new VirtualClock(START))
        .function(
            "flaky",
            (in, clock) -> {
              if (calls.incrementAndGet() <= failures) {
                throw new FunctionError("Throttled", "try later", List.of());
              }
              return in;
            })
        .build();
  }

  @Test
  void redrivesFromTheFailedStateKeepingWhatSucceeded() {
    String def =
        """
        {"StartAt": "First", "States": {
          "First": {"Type": "Pass", "Result": {"step": 1}, "Next": "Call"},
          "Call": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:flaky",
                   "End": true}}}
        """;
    AtomicInteger calls = new AtomicInteger();
    LocalExecution e = flaky(calls, 1).start(def, "{}", RunOptions.defaults());
    ExecutionResult failed = e.await();
    assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(failed.error()).contains("Throttled");

    ExecutionResult redriven = e.redrive().await();

    assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(redriven.output().orElseThrow().toString()).isEqualTo("{\"step\":1}");
    assertThat(e.redriveCount()).isEqualTo(1);
    List<String> types = types(redriven.history());
    assertThat(types.subList(types.indexOf("ExecutionFailed"), types.size()))
        .containsExactly(
            "ExecutionFailed",
            "ExecutionRedriven",
            "TaskStateEntered",
            "LambdaFunctionScheduled",
            "LambdaFunctionStarted",
            "LambdaFunctionSucceeded",
            "TaskStateExited",
            "ExecutionSucceeded");
    assertThat(types.stream().filter("PassStateEntered"::equals)).hasSize(1);
  }

  @Test
  void redriveOfAMapRunsOnlyTheIterationsThatFailed() {
    String def =
        """
        {"StartAt": "Map", "States": {"Map": {"Type": "Map", "End": true,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Call",
            "States": {"Call": {"Type": "Task", "End": true,
              "Resource": "arn:aws:lambda:us-east-1:111111111111:function:flaky"}}}}}}
        """;
    AtomicInteger calls = new AtomicInteger();
    // items 0 and 1 succeed (calls 1-2 fail? no: first call fails) -> fail on the first item
    Simulator sim = flaky(calls, 1);
    LocalExecution e = sim.start(def, "[1, 2, 3]", RunOptions.defaults());
    assertThat(e.await().status()).isEqualTo(ExecutionStatus.FAILED);

    ExecutionResult r = e.redrive().await();

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.output().orElseThrow().toString()).isEqualTo("[1,2,3]");
    assertThat(calls.get()).isEqualTo(4);
  }

  @Test
  void refusesToRedriveASucceededExecution() {
    String def = "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}";
    LocalExecution e =
        Simulator.builder()
            .clock(new VirtualClock(START))
            .build()
            .start(def, "{}", RunOptions.defaults());
    assertThat(e.await().status()).isEqualTo(ExecutionStatus.SUCCEEDED);

    assertThatThrownBy(e::redrive)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SUCCEEDED");
  }

  @Test
  void timesOutAtTheStateMachineTimeout() {
    String def =
        """
        {"TimeoutSeconds": 10, "StartAt": "W",
         "States": {"W": {"Type": "Wait", "Seconds": 60, "End": true}}}
        """;
    VirtualClock clock = new VirtualClock(START);
    ExecutionResult r =
        Simulator.builder().clock(clock).build().run(def, "{}", RunOptions.defaults());

    assertThat(r.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(types(r.history())).endsWith("ExecutionTimedOut");
    assertThat(clock.now()).isEqualTo(START.plusSeconds(10));
  }

  @Test
  void stopsAWaitingExecution() throws Exception {
    String def =
        """
        {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 30, "End": true}}}
        """;
    LocalExecution e = Simulator.builder().build().start(def, "{}", RunOptions.defaults());
    Thread.sleep(200);
    assertThat(e.status()).isEqualTo(ExecutionStatus.RUNNING);
    e.stop("Stopped", "by the test");

    ExecutionResult r = e.await(Duration.ofSeconds(5)).orElseThrow();
    assertThat(r.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(types(r.history())).endsWith("ExecutionAborted");
    assertThat(r.error()).contains("Stopped");
  }

  @Test
  void failsATaskWhoseTokenGetsNoHeartbeat() {
    String def =
        """
        {"StartAt": "T", "States": {"T": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", "HeartbeatSeconds": 10,
          "Parameters": {"FunctionName": "noop", "Payload": {"token.$": "$$.Task.Token"}},
          "End": true}}}
        """;
    VirtualClock clock = new VirtualClock(START);
    ExecutionResult r =
        Simulator.builder()
            .clock(clock)
            .function("noop", (in, c) -> in)
            .build()
            .run(def, "{}", RunOptions.defaults());

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.error()).contains("States.HeartbeatTimeout");
    assertThat(types(r.history())).contains("TaskSubmitted", "TaskTimedOut");
    assertThat(clock.now()).isEqualTo(START.plusSeconds(10));
  }
}
