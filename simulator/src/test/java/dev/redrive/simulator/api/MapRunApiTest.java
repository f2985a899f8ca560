package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.runtime.FunctionError;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;
import software.amazon.awssdk.services.sfn.model.MapRunListItem;
import software.amazon.awssdk.services.sfn.model.MapRunStatus;
import software.amazon.awssdk.services.sfn.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** Map runs of Distributed Map states through the API, with a real AWS SDK client. */
class MapRunApiTest {
  private static final String FLAKY = "arn:aws:lambda:us-east-1:111111111111:function:flaky";

  /** Items named in {@link #failOnce} fail on their first call only. */
  private final Set<String> failOnce = ConcurrentHashMap.newKeySet();

  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final Endpoint endpoint =
      new Endpoint(
          Simulator.builder()
              .function(
                  "flaky",
                  (in, clock) -> {
                    String id = in.path("id").asText();
                    int n = calls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    if (n == 1 && failOnce.contains(id)) {
                      throw new FunctionError("ItemFailed", "item " + id + " failed", List.of());
                    }
                    return ((com.fasterxml.jackson.databind.node.ObjectNode) in.deepCopy())
                        .put("done", true);
                  })
              .build());

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private static String distributed(String executionType, String extra) {
    return """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "Label": "Items", %s
          "MaxConcurrency": 5, "ItemsPath": "$.items", "End": true,
          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "%s"},
            "StartAt": "Call",
            "States": {"Call": {"Type": "Task", "Resource": "%s", "End": true}}}}}}
        """
        .formatted(extra, executionType, FLAKY);
  }

  private static final String ITEMS =
      "{\"items\": [{\"id\": \"a\"}, {\"id\": \"b\"}, {\"id\": \"c\"}]}";

  private String run(String machine, String definition) {
    String sm = endpoint.createStateMachine(machine, definition);
    String arn =
        endpoint
            .sfn
            .startExecution(b -> b.stateMachineArn(sm).name("run").input(ITEMS))
            .executionArn();
    endpoint.awaitEnd(arn);
    return arn;
  }

  private MapRunListItem onlyMapRun(String executionArn) {
    List<MapRunListItem> runs =
        endpoint.sfn.listMapRuns(b -> b.executionArn(executionArn)).mapRuns();
    assertThat(runs).hasSize(1);
    return runs.get(0);
  }

  @Test
  void aDistributedMapHasAMapRunWithOneStandardChildPerItem() {
    String parent = run("fan-out", distributed("STANDARD", ""));

    MapRunListItem item = onlyMapRun(parent);
    assertThat(item.executionArn()).isEqualTo(parent);
    assertThat(item.mapRunArn())
        .matches("arn:aws:states:us-east-1:111111111111:mapRun:fan-out/Items:[0-9a-f-]{36}");
    assertThat(item.stateMachineArn())
        .isEqualTo("arn:aws:states:us-east-1:111111111111:stateMachine:fan-out/Items");
    assertThat(item.stopDate()).isAfterOrEqualTo(item.startDate());

    DescribeMapRunResponse d = endpoint.sfn.describeMapRun(b -> b.mapRunArn(item.mapRunArn()));
    assertThat(d.status()).isEqualTo(MapRunStatus.SUCCEEDED);
    assertThat(d.executionArn()).isEqualTo(parent);
    assertThat(d.maxConcurrency()).isEqualTo(5);
    assertThat(d.toleratedFailureCount()).isZero();
    assertThat(d.toleratedFailurePercentage()).isZero();
    assertThat(d.itemCounts().succeeded()).isEqualTo(3);
    assertThat(d.itemCounts().total()).isEqualTo(3);
    assertThat(d.itemCounts().resultsWritten()).isEqualTo(3);
    assertThat(d.executionCounts().succeeded()).isEqualTo(3);
    assertThat(d.executionCounts().failed()).isZero();
    assertThat(d.executionCounts().pendingRedrive()).isZero();
    assertThat(d.redriveCount()).isZero();
    assertThat(d.redriveDate()).isNull();

    List<ExecutionListItem> children =
        endpoint.sfn.listExecutions(b -> b.mapRunArn(item.mapRunArn())).executions();
    assertThat(children).hasSize(3);
    String runId = item.mapRunArn().substring(item.mapRunArn().lastIndexOf(':') + 1);
    for (ExecutionListItem c : children) {
      assertThat(c.executionArn())
          .isEqualTo(
              "arn:aws:states:us-east-1:111111111111:execution:fan-out/Items:"
                  + runId
                  + ":"
                  + c.name());
      assertThat(c.mapRunArn()).isEqualTo(item.mapRunArn());
      assertThat(c.stateMachineArn()).isEqualTo(item.stateMachineArn());
      assertThat(c.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    }

    ExecutionListItem first = children.get(children.size() - 1);
    DescribeExecutionResponse child =
        endpoint.sfn.describeExecution(b -> b.executionArn(first.executionArn()));
    assertThat(child.mapRunArn()).isEqualTo(item.mapRunArn());
    assertThat(child.input()).isEqualTo("{\"id\":\"a\"}");
    assertThat(child.output()).isEqualTo("{\"id\":\"a\",\"done\":true}");
    assertThat(child.redriveStatusAsString()).isEqualTo("NOT_REDRIVABLE");
    assertThat(child.redriveStatusReason())
        .isEqualTo("Execution is SUCCEEDED and cannot be redriven");
    List<HistoryEventType> types =
        endpoint
            .sfn
            .getExecutionHistory(b -> b.executionArn(first.executionArn()))
            .events()
            .stream()
            .map(HistoryEvent::type)
            .toList();
    assertThat(types.get(0)).isEqualTo(HistoryEventType.EXECUTION_STARTED);
    assertThat(types).contains(HistoryEventType.TASK_STATE_ENTERED);
    assertThat(types.get(types.size() - 1)).isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);

    // the children are not executions of the parent's state machine
    String sm = endpoint.sfn.describeExecution(b -> b.executionArn(parent)).stateMachineArn();
    assertThat(endpoint.sfn.listExecutions(b -> b.stateMachineArn(sm)).executions())
        .extracting(ExecutionListItem::executionArn)
        .containsExactly(parent);
  }

  @Test
  void redriveOfTheParentRerunsOnlyTheFailedChildrenOfItsMapRun() {
    failOnce.add("b");
    String parent = run("redrives", distributed("STANDARD", ""));
    DescribeExecutionResponse failed = endpoint.sfn.describeExecution(b -> b.executionArn(parent));
    assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(failed.error()).isEqualTo("States.ExceedToleratedFailureThreshold");

    String mapRunArn = onlyMapRun(parent).mapRunArn();
    DescribeMapRunResponse before = endpoint.sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
    assertThat(before.status()).isEqualTo(MapRunStatus.FAILED);
    assertThat(before.executionCounts().failed()).isEqualTo(1);
    assertThat(before.executionCounts().succeeded()).isEqualTo(2);
    assertThat(before.itemCounts().failed()).isEqualTo(1);

    ListExecutionsResponse failedChildren =
        endpoint.sfn.listExecutions(
            b -> b.mapRunArn(mapRunArn).statusFilter(ExecutionStatus.FAILED));
    assertThat(failedChildren.executions()).hasSize(1);
    String childArn = failedChildren.executions().get(0).executionArn();
    DescribeExecutionResponse child = endpoint.sfn.describeExecution(b -> b.executionArn(childArn));
    assertThat(child.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(child.error()).isEqualTo("ItemFailed");
    assertThat(child.redriveStatusAsString()).isEqualTo("REDRIVABLE_BY_MAP_RUN");
    assertThat(child.redriveStatusReason()).isNull();

    assertThatThrownBy(() -> endpoint.sfn.redriveExecution(b -> b.executionArn(childArn)))
        .isInstanceOf(ExecutionNotRedrivableException.class)
        .hasMessageContaining("child workflow execution of map run " + mapRunArn)
        .hasMessageContaining("redrive its parent execution " + parent);

    endpoint.sfn.redriveExecution(b -> b.executionArn(parent));
    DescribeExecutionResponse redriven = endpoint.awaitEnd(parent);

    assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(redriven.output())
        .isEqualTo(
            "[{\"id\":\"a\",\"done\":true},{\"id\":\"b\",\"done\":true},"
                + "{\"id\":\"c\",\"done\":true}]");
    assertThat(calls.get("a")).hasValue(1);
    assertThat(calls.get("b")).hasValue(2);
    assertThat(calls.get("c")).hasValue(1);

    List<HistoryEvent> history =
        endpoint.sfn.getExecutionHistory(b -> b.executionArn(parent)).events();
    HistoryEvent mapRunRedriven =
        history.stream()
            .filter(e -> e.type() == HistoryEventType.MAP_RUN_REDRIVEN)
            .findFirst()
            .orElseThrow();
    assertThat(mapRunRedriven.mapRunRedrivenEventDetails().mapRunArn()).isEqualTo(mapRunArn);
    assertThat(mapRunRedriven.mapRunRedrivenEventDetails().redriveCount()).isEqualTo(1);
    assertThat(history.stream().filter(e -> e.type() == HistoryEventType.MAP_RUN_STARTED))
        .hasSize(1);
    assertThat(endpoint.sfn.listMapRuns(b -> b.executionArn(parent)).mapRuns()).hasSize(1);

    DescribeMapRunResponse after = endpoint.sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
    assertThat(after.status()).isEqualTo(MapRunStatus.SUCCEEDED);
    assertThat(after.redriveCount()).isEqualTo(1);
    assertThat(after.redriveDate()).isNotNull();
    assertThat(after.executionCounts().succeeded()).isEqualTo(3);
    assertThat(after.executionCounts().failed()).isZero();

    DescribeExecutionResponse childAfter =
        endpoint.sfn.describeExecution(b -> b.executionArn(childArn));
    assertThat(childAfter.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(childAfter.redriveCount()).isEqualTo(1);
    assertThat(
            endpoint.sfn.getExecutionHistory(b -> b.executionArn(childArn)).events().stream()
                .map(HistoryEvent::type))
        .contains(HistoryEventType.EXECUTION_FAILED, HistoryEventType.EXECUTION_REDRIVEN)
        .last()
        .isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(
            endpoint
                .sfn
                .listExecutions(b -> b.mapRunArn(mapRunArn).redriveFilter("REDRIVEN"))
                .executions())
        .extracting(ExecutionListItem::executionArn)
        .containsExactly(childArn);
  }

  @Test
  void standardChildrenPublishStatusChangesAFailedOneRedrivableByMapRun() {
    List<JsonNode> received = new CopyOnWriteArrayList<>();
    endpoint.bus.subscribe(
        "{\"source\":[\"aws.states\"],\"detail-type\":[\"Step Functions Execution Status Change\"]}",
        received::add);
    failOnce.add("c");
    String parent = run("events", distributed("STANDARD", ""));
    String mapRunArn = onlyMapRun(parent).mapRunArn();
    String childArn =
        endpoint
            .sfn
            .listExecutions(b -> b.mapRunArn(mapRunArn).statusFilter(ExecutionStatus.FAILED))
            .executions()
            .get(0)
            .executionArn();

    JsonNode failed =
        Endpoint.await(
            () ->
                received.stream()
                    .filter(e -> e.at("/detail/executionArn").asText().equals(childArn))
                    .filter(e -> e.at("/detail/status").asText().equals("FAILED"))
                    .findFirst()
                    .orElse(null));
    assertThat(failed.at("/resources/0").asText()).isEqualTo(childArn);
    assertThat(failed.at("/detail/stateMachineArn").asText())
        .isEqualTo("arn:aws:states:us-east-1:111111111111:stateMachine:events/Items");
    assertThat(failed.at("/detail/redriveStatus").asText()).isEqualTo("REDRIVABLE_BY_MAP_RUN");
    assertThat(failed.at("/detail/redriveStatusReason").isNull()).isTrue();
    assertThat(failed.at("/detail/input").asText()).isEqualTo("{\"id\":\"c\"}");
    assertThat(failed.at("/detail/error").asText()).isEqualTo("ItemFailed");
    // RUNNING and an end for each of the three children, RUNNING and FAILED for the parent
    Endpoint.await(() -> received.size() >= 8 ? true : null);
    assertThat(received)
        .extracting(e -> e.at("/detail/executionArn").asText())
        .filteredOn(parent::equals)
        .hasSize(2);
  }

  @Test
  void expressChildrenAreListedButNotDescribed() {
    String parent = run("express-children", distributed("EXPRESS", ""));

    String mapRunArn = onlyMapRun(parent).mapRunArn();
    List<ExecutionListItem> children =
        endpoint.sfn.listExecutions(b -> b.mapRunArn(mapRunArn)).executions();
    assertThat(children).hasSize(3);
    assertThat(children.get(0).executionArn())
        .startsWith("arn:aws:states:us-east-1:111111111111:express:express-children/Items:");
    assertThatThrownBy(
            () ->
                endpoint.sfn.describeExecution(b -> b.executionArn(children.get(0).executionArn())))
        .isInstanceOf(ExecutionDoesNotExistException.class);
  }

  @Test
  void updateMapRunChangesItsSettings() {
    String parent = run("updated", distributed("STANDARD", "\"ToleratedFailureCount\": 1,"));
    String mapRunArn = onlyMapRun(parent).mapRunArn();
    assertThat(endpoint.sfn.describeMapRun(b -> b.mapRunArn(mapRunArn)).toleratedFailureCount())
        .isEqualTo(1);

    endpoint.sfn.updateMapRun(
        b -> b.mapRunArn(mapRunArn).maxConcurrency(2).toleratedFailurePercentage(12.5f));

    DescribeMapRunResponse d = endpoint.sfn.describeMapRun(b -> b.mapRunArn(mapRunArn));
    assertThat(d.maxConcurrency()).isEqualTo(2);
    assertThat(d.toleratedFailurePercentage()).isEqualTo(12.5f);
    assertThat(d.toleratedFailureCount()).isEqualTo(1);
    assertThatThrownBy(
            () ->
                endpoint.sfn.updateMapRun(
                    b -> b.mapRunArn(mapRunArn).toleratedFailurePercentage(101f)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("'toleratedFailurePercentage'")
        .hasMessageContaining("Member must have value less than or equal to 100");
  }

  @Test
  void unknownMapRunsAreNotFound() {
    String unknown = "arn:aws:states:us-east-1:111111111111:mapRun:nothing/Items:0b1c";

    assertThatThrownBy(() -> endpoint.sfn.describeMapRun(b -> b.mapRunArn(unknown)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining(unknown);
    assertThatThrownBy(() -> endpoint.sfn.listExecutions(b -> b.mapRunArn(unknown)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> endpoint.sfn.updateMapRun(b -> b.mapRunArn(unknown).maxConcurrency(1)))
        .isInstanceOf(ResourceNotFoundException.class);
  }
}
