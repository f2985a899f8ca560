package dev.redrive.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.runtime.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Waiting executions (task token, activity worker, Wait state) end on what they wait for: the
 * answer, a heartbeat, a stop request or the nearest deadline. Deadlines are checked on a {@link
 * VirtualClock}, so the recorded times are exact. That waiting threads do not wake up in between is
 * a measurement, {@code bench/ExecutionWakeups} (BENCHMARKS.md).
 */
class ExecutionWaitsTest {
  /** Runs each execution on its own thread, kept so the test can look at it. */
  private final List<Thread> executionThreads = new CopyOnWriteArrayList<>();

  private final BlockingQueue<String> tokens = new LinkedBlockingQueue<>();

  private Simulator.Builder simulator() {
    return Simulator.builder()
        .executor(
            r -> {
              Thread t = new Thread(r, "waits-test-execution");
              t.setDaemon(true);
              executionThreads.add(t);
              t.start();
            })
        .function(
            "collect",
            (in, clock) -> {
              tokens.add(in.path("token").asText());
              return in;
            });
  }

  private static String tokenTask(String limits) {
    return """
        {"StartAt": "T", "States": {"T": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken", %s
          "Parameters": {"FunctionName": "collect", "Payload": {"token.$": "$$.Task.Token"}},
          "End": true}}}
        """
        .formatted(limits);
  }

  private static List<String> types(List<HistoryEvent> events) {
    return events.stream().map(HistoryEvent::type).toList();
  }

  /** Waits (bounded) until the execution has recorded an event of the given type. */
  private static void awaitEvent(LocalExecution e, String type) throws InterruptedException {
    for (int i = 0; i < 400 && !types(e.history()).contains(type); i++) {
      Thread.sleep(25);
    }
    assertThat(types(e.history())).as("events of %s", e.name()).contains(type);
  }

  /** Takes the next task token a task sent, failing after 20 seconds. */
  private String nextToken() throws InterruptedException {
    String token = tokens.poll(20, TimeUnit.SECONDS);
    assertThat(token).as("a task token sent by a waitForTaskToken task").isNotNull();
    return token;
  }

  @Test
  void manyWaitingExecutionsAllSucceedOnceAnswered() throws Exception {
    Simulator sim = simulator().build();
    int n = 40;
    List<LocalExecution> executions = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      executions.add(
          sim.start(
              tokenTask("\"TimeoutSeconds\": 3600, \"HeartbeatSeconds\": 600,"),
              "{}",
              RunOptions.defaults().withExecutionName("token-" + i)));
    }
    LocalExecution waitState =
        sim.start(
            """
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}
            """,
            "{}",
            RunOptions.defaults().withExecutionName("wait-state"));
    String activity = sim.activityArn("nobody-works");
    LocalExecution activityTask =
        sim.start(
            """
            {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "%s", "End": true}}}
            """
                .formatted(activity),
            "{}",
            RunOptions.defaults().withExecutionName("activity"));
    List<String> issued = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      issued.add(nextToken());
    }
    for (LocalExecution e : executions) {
      awaitEvent(e, "TaskSubmitted");
    }
    awaitEvent(waitState, "WaitStateEntered");
    awaitEvent(activityTask, "ActivityScheduled");
    for (LocalExecution e : executions) {
      assertThat(e.status())
          .as("%s before its answer", e.name())
          .isEqualTo(ExecutionStatus.RUNNING);
    }

    for (String token : issued) {
      assertThat(
              sim.taskTokens().succeed(token, JsonNodeFactory.instance.objectNode().put("ok", 1)))
          .isTrue();
    }
    for (LocalExecution e : executions) {
      ExecutionResult r = e.await(Duration.ofSeconds(10)).orElseThrow();
      assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(r.output().orElseThrow().toString()).isEqualTo("{\"ok\":1}");
    }
    waitState.stop("Stopped", "end of test");
    activityTask.stop("Stopped", "end of test");
    assertThat(waitState.await(Duration.ofSeconds(5)).orElseThrow().status())
        .isEqualTo(ExecutionStatus.ABORTED);
    ExecutionResult a = activityTask.await(Duration.ofSeconds(5)).orElseThrow();
    assertThat(a.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(sim.activities().poll(activity, "late", Duration.ZERO))
        .as("the stopped execution's activity task is no longer offered")
        .isEmpty();
  }

  @Test
  void stopWakesATaskTokenWait() throws Exception {
    Simulator sim = simulator().build();
    LocalExecution e =
        sim.start(tokenTask("\"TimeoutSeconds\": 3600,"), "{}", RunOptions.defaults());
    String token = nextToken();
    awaitEvent(e, "TaskSubmitted");

    e.stop("Stopped", "by the test");
    ExecutionResult r = e.await(Duration.ofSeconds(10)).orElseThrow();

    assertThat(r.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(types(r.history())).endsWith("TaskSubmitted", "ExecutionAborted");
    assertThat(r.error()).contains("Stopped");
    assertThat(sim.taskTokens().isWaiting(token)).as("the token is released").isFalse();
  }

  @Test
  void taskTimeoutEndsTheWaitAtItsDeadline() {
    VirtualClock clock = new VirtualClock(Instant.parse("2025-01-01T00:00:00Z"));

    ExecutionResult r =
        simulator()
            .clock(clock)
            .build()
            .run(tokenTask("\"TimeoutSeconds\": 2,"), "{}", RunOptions.defaults());

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.error()).contains("States.Timeout");
    assertThat(
            Duration.between(
                event(r, "TaskStarted").timestamp(), event(r, "TaskTimedOut").timestamp()))
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void heartbeatTimeoutCountsFromTheLastHeartbeat() throws Exception {
    VirtualClock clock = new VirtualClock(Instant.parse("2025-01-01T00:00:00Z"));
    Simulator sim = simulator().clock(clock).build();
    LocalExecution e =
        sim.start(
            tokenTask("\"TimeoutSeconds\": 60, \"HeartbeatSeconds\": 2,"),
            "{}",
            RunOptions.defaults());
    String token = nextToken();
    awaitEvent(e, "TaskSubmitted");
    clock.advance(Duration.ofMillis(1500));
    Instant lastBeat = clock.now();
    assertThat(sim.taskTokens().heartbeat(token)).as("heartbeat accepted").isTrue();

    ExecutionResult r = e.await(Duration.ofSeconds(10)).orElseThrow();

    assertThat(r.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(r.error()).contains("States.HeartbeatTimeout");
    assertThat(Duration.between(lastBeat, event(r, "TaskTimedOut").timestamp()))
        .as("from the heartbeat to the timeout, on the virtual clock")
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void executionTimeoutEndsATokenWaitOnTheVirtualClock() {
    Instant start = Instant.parse("2025-01-01T00:00:00Z");
    VirtualClock clock = new VirtualClock(start);
    String def =
        """
        {"TimeoutSeconds": 60, "StartAt": "T", "States": {"T": {"Type": "Task",
          "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Parameters": {"FunctionName": "collect", "Payload": {"token.$": "$$.Task.Token"}},
          "End": true}}}
        """;

    ExecutionResult r = simulator().clock(clock).build().run(def, "{}", RunOptions.defaults());

    assertThat(r.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(types(r.history())).endsWith("TaskSubmitted", "ExecutionTimedOut");
    assertThat(clock.now()).isEqualTo(start.plusSeconds(60));
  }

  @Test
  void aNestedExecutionWaitingOnATokenStillAnswersStatus() throws Exception {
    Simulator sim = simulator().build();
    String child = sim.register("Child", tokenTask(""));
    String parent =
        """
        {"StartAt": "Call", "States": {"Call": {"Type": "Task",
          "Resource": "arn:aws:states:::states:startExecution.sync:2",
          "Parameters": {"StateMachineArn": "%s", "Input": {}, "Name": "kid"},
          "OutputPath": "$.Output", "End": true}}}
        """
            .formatted(child);
    var children = new java.util.concurrent.CompletableFuture<LocalExecution>();
    sim.onChildStarted((c, parentArn) -> children.complete(c));
    LocalExecution e = sim.start(parent, "{}", RunOptions.defaults());
    String token = nextToken();
    LocalExecution kid = children.get(10, TimeUnit.SECONDS);
    try {
      awaitEvent(kid, "TaskSubmitted");
      // asked from another thread: the nested execution runs on its parent's thread
      var status = java.util.concurrent.CompletableFuture.supplyAsync(kid::status);
      assertThat(status.get(5, TimeUnit.SECONDS)).isEqualTo(ExecutionStatus.RUNNING);
    } finally {
      sim.taskTokens().succeed(token, JsonNodeFactory.instance.objectNode().put("ok", 2));
    }

    ExecutionResult r = e.await(Duration.ofSeconds(10)).orElseThrow();
    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.output().orElseThrow().toString()).isEqualTo("{\"ok\":2}");
    assertThat(kid.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  private static HistoryEvent event(ExecutionResult r, String type) {
    return r.history().stream()
        .filter(h -> h.type().equals(type))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + types(r.history())));
  }
}
