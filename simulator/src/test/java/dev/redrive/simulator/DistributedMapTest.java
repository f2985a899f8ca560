package dev.redrive.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.runtime.FunctionError;
import dev.redrive.simulator.runtime.MapRun;
import dev.redrive.simulator.runtime.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Distributed Map states: their map runs, child executions and redrives, in-process. */
class DistributedMapTest {
  private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
  private static final String FLAKY = "arn:aws:lambda:us-east-1:111111111111:function:flaky";

  private final Set<Integer> failOnce = ConcurrentHashMap.newKeySet();
  private final Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final List<MapRun> mapRuns = new CopyOnWriteArrayList<>();

  private Simulator simulator() {
    Simulator sim =
        Simulator.builder()
            .clock(new VirtualClock(START))
            .function(
                "flaky",
                (in, clock) -> {
                  int n =
                      calls.computeIfAbsent(in.asInt(), k -> new AtomicInteger()).incrementAndGet();
                  if (n == 1 && failOnce.contains(in.asInt())) {
                    throw new FunctionError("ItemFailed", "item " + in.asInt(), List.of());
                  }
                  return in;
                })
            .build();
    sim.onMapRunStarted(mapRuns::add);
    return sim;
  }

  private static String map(String extra) {
    return """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "Label": "L", %s "End": true,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Call",
            "States": {"Call": {"Type": "Task", "Resource": "%s", "End": true}}}}}}
        """
        .formatted(extra, FLAKY);
  }

  private static List<String> types(List<HistoryEvent> events) {
    return events.stream().map(HistoryEvent::type).toList();
  }

  @Test
  void redriveOfTheParentRedrivesTheFailedMapRunInsteadOfStartingANewOne() {
    failOnce.add(2);
    LocalExecution e =
        simulator()
            .start(map(""), "[1, 2, 3]", RunOptions.defaults().withStateMachineName("machine"));
    ExecutionResult failed = e.await();
    assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(mapRuns).hasSize(1);
    MapRun run = mapRuns.get(0);
    assertThat(run.snapshot().status()).isEqualTo(MapRun.Status.FAILED);
    assertThat(run.snapshot().executionCounts().failed()).isEqualTo(1);
    MapRun.ChildExecution failedChild =
        run.children().stream()
            .filter(c -> c.status() == ExecutionStatus.FAILED)
            .findFirst()
            .orElseThrow();
    assertThat(failedChild.input().asInt()).isEqualTo(2);
    assertThat(failedChild.error()).contains("ItemFailed");
    assertThat(failedChild.redriveStatus())
        .isEqualTo(dev.redrive.simulator.execution.RedriveStatus.REDRIVABLE_BY_MAP_RUN);

    ExecutionResult redriven = e.redrive().await();

    assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(redriven.output().orElseThrow().toString()).isEqualTo("[1,2,3]");
    List<String> types = types(redriven.history());
    assertThat(types.subList(types.indexOf("ExecutionRedriven"), types.size()))
        .containsExactly(
            "ExecutionRedriven",
            "MapStateEntered",
            "MapStateStarted",
            "MapRunRedriven",
            "MapRunSucceeded",
            "MapStateSucceeded",
            "MapStateExited",
            "ExecutionSucceeded");
    assertThat(mapRuns).hasSize(1);
    MapRun.Snapshot after = run.snapshot();
    assertThat(after.status()).isEqualTo(MapRun.Status.SUCCEEDED);
    assertThat(after.redriveCount()).isEqualTo(1);
    assertThat(after.redriveDate()).isPresent();
    assertThat(after.executionCounts().succeeded()).isEqualTo(3);
    assertThat(calls.get(1)).hasValue(1);
    assertThat(calls.get(2)).hasValue(2);
    assertThat(calls.get(3)).hasValue(1);
    MapRun.ChildExecution child = run.child(failedChild.arn()).orElseThrow();
    assertThat(child.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(child.redriveCount()).isEqualTo(1);
    assertThat(child.error()).isEmpty();
    assertThat(types(run.childHistory(failedChild.arn())))
        .startsWith("ExecutionStarted")
        .contains("ExecutionFailed", "ExecutionRedriven")
        .endsWith("ExecutionSucceeded");
  }

  @Test
  void tenThousandItemsAreTenThousandChildExecutionsWithTheirHistories() {
    String def =
        """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "done", "End": true}}}}}}
        """;
    StringBuilder items = new StringBuilder("[0");
    for (int i = 1; i < 10_000; i++) {
      items.append(',').append(i);
    }

    ExecutionResult r =
        simulator()
            .run(
                def,
                items.append(']').toString(),
                RunOptions.defaults().withStateMachineName("big"));

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.output().orElseThrow().size()).isEqualTo(10_000);
    assertThat(r.history()).hasSize(8);
    MapRun run = mapRuns.get(0);
    assertThat(run.snapshot().executionCounts().succeeded()).isEqualTo(10_000);
    List<MapRun.ChildExecution> children = run.children();
    assertThat(children).hasSize(10_000);
    assertThat(children.stream().map(MapRun.ChildExecution::arn).distinct()).hasSize(10_000);
    MapRun.ChildExecution last = children.get(9_999);
    assertThat(last.input().asInt()).isEqualTo(9_999);
    assertThat(types(run.childHistory(last.arn())))
        .containsExactly(
            "ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded");
  }

  @Test
  void aRetryOfTheMapStateStartsANewMapRun() {
    failOnce.add(1);
    String retry =
        "\"Retry\": [{\"ErrorEquals\": [\"States.ExceedToleratedFailureThreshold\"],"
            + " \"IntervalSeconds\": 1, \"MaxAttempts\": 1}],";

    ExecutionResult r =
        simulator()
            .run(map(retry), "[1, 2]", RunOptions.defaults().withStateMachineName("retried"));

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(types(r.history()).stream().filter("MapRunStarted"::equals)).hasSize(2);
    assertThat(mapRuns).hasSize(2);
    assertThat(mapRuns.get(0).arn()).isNotEqualTo(mapRuns.get(1).arn());
    assertThat(mapRuns.get(0).snapshot().status()).isEqualTo(MapRun.Status.FAILED);
    assertThat(mapRuns.get(1).snapshot().status()).isEqualTo(MapRun.Status.SUCCEEDED);
    assertThat(mapRuns.get(0).arn())
        .matches("arn:aws:states:us-east-1:111111111111:mapRun:retried/L:[0-9a-f-]{36}");
  }

  @Test
  void toleratedFailuresLetTheMapRunSucceedWithNullResults() {
    failOnce.add(2);

    ExecutionResult r =
        simulator()
            .run(
                map("\"ToleratedFailureCount\": 1,"),
                "[1, 2, 3]",
                RunOptions.defaults().withStateMachineName("tolerant"));

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(r.output().orElseThrow().toString()).isEqualTo("[1,null,3]");
    MapRun.Snapshot s = mapRuns.get(0).snapshot();
    assertThat(s.status()).isEqualTo(MapRun.Status.SUCCEEDED);
    assertThat(s.toleratedFailureCount()).isEqualTo(1);
    assertThat(s.itemCounts().failed()).isEqualTo(1);
    assertThat(s.itemCounts().resultsWritten()).isEqualTo(2);
  }

  @Test
  void itemBatchesAreOneChildEachAndCountTheirItems() {
    String def =
        """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
          "ItemBatcher": {"MaxItemsPerBatch": 2},
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
            "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}
        """;

    ExecutionResult r =
        simulator().run(def, "[1, 2, 3]", RunOptions.defaults().withStateMachineName("batches"));

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    MapRun.Snapshot s = mapRuns.get(0).snapshot();
    assertThat(s.executionCounts().total()).isEqualTo(2);
    assertThat(s.itemCounts().total()).isEqualTo(3);
    assertThat(s.itemCounts().succeeded()).isEqualTo(3);
    assertThat(mapRuns.get(0).children())
        .extracting(MapRun.ChildExecution::arn)
        .allMatch(a -> a.contains(":express:batches/"));
  }

  @Test
  void stoppingTheParentAbortsTheRunningChildAndTheMapRunAndARedriveResumesThem()
      throws InterruptedException {
    BlockingQueue<String> tokens = new LinkedBlockingQueue<>();
    Simulator sim =
        Simulator.builder()
            .function(
                "capture",
                (in, clock) -> {
                  tokens.add(in.path("token").asText());
                  return in;
                })
            .build();
    sim.onMapRunStarted(mapRuns::add);
    String def =
        """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "Wait", "States": {"Wait": {"Type": "Task", "End": true,
              "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
              "Parameters": {"FunctionName": "capture", "Payload": {"token.$": "$$.Task.Token"}}}}}}}}
        """;
    LocalExecution e = sim.start(def, "[1]", RunOptions.defaults().withStateMachineName("stops"));
    assertThat(tokens.poll(10, TimeUnit.SECONDS)).isNotNull();

    e.stop("Stopped", "by the test");
    Optional<ExecutionResult> stopped = e.await(Duration.ofSeconds(10));

    assertThat(stopped).isPresent();
    assertThat(stopped.get().status()).isEqualTo(ExecutionStatus.ABORTED);
    MapRun run = mapRuns.get(0);
    assertThat(run.snapshot().status()).isEqualTo(MapRun.Status.ABORTED);
    assertThat(run.children())
        .extracting(MapRun.ChildExecution::status)
        .containsExactly(ExecutionStatus.ABORTED);

    e.redrive();
    String token = tokens.poll(10, TimeUnit.SECONDS);
    assertThat(token).isNotNull();
    sim.taskTokens().succeed(token, com.fasterxml.jackson.databind.node.IntNode.valueOf(7));
    Optional<ExecutionResult> done = e.await(Duration.ofSeconds(10));

    assertThat(done).isPresent();
    assertThat(done.get().status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.get().output().orElseThrow().toString()).isEqualTo("[7]");
    assertThat(run.snapshot().status()).isEqualTo(MapRun.Status.SUCCEEDED);
    assertThat(run.snapshot().redriveCount()).isEqualTo(1);
    assertThat(run.children().get(0).redriveCount()).isEqualTo(1);
  }
}
