package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** Executions started by {@code states:startExecution} tasks, as the API shows them. */
class NestedExecutionsApiTest {
  static final String CHILD =
      "{\"StartAt\":\"Work\",\"States\":{\"Work\":{\"Type\":\"Pass\","
          + "\"Result\":{\"done\":true},\"End\":true}}}";

  private final Endpoint endpoint = new Endpoint();
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private static String parent(String childArn) {
    return "{\"StartAt\":\"Start\",\"States\":{\"Start\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::states:startExecution.sync:2\","
        + "\"Parameters\":{\"StateMachineArn\":\""
        + childArn
        + "\",\"Name\":\"child-1\",\"Input\":{\"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$\":"
        + "\"$$.Execution.Id\"}},\"End\":true}}}";
  }

  @Test
  void childExecutionIsListedDescribedAndPublishesItsStatusChanges() {
    endpoint.bus.subscribe("{\"source\":[\"aws.states\"]}", received::add);
    String child = endpoint.createStateMachine("child", CHILD);
    String parent = endpoint.createStateMachine("parent", parent(child));

    String parentRun =
        endpoint.sfn.startExecution(b -> b.stateMachineArn(parent).name("p-1")).executionArn();
    DescribeExecutionResponse parentDone = endpoint.awaitEnd(parentRun);
    List<ExecutionListItem> children =
        endpoint.sfn.listExecutions(b -> b.stateMachineArn(child)).executions();
    String childRun = "arn:aws:states:us-east-1:111111111111:execution:child:child-1";
    DescribeExecutionResponse childDone = endpoint.awaitEnd(childRun);

    assertThat(parentDone.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(children).extracting(ExecutionListItem::executionArn).containsExactly(childRun);
    assertThat(childDone.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(childDone.output()).isEqualTo("{\"done\":true}");
    assertThat(childDone.input())
        .isEqualTo("{\"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID\":\"" + parentRun + "\"}");
    Endpoint.await(() -> received.size() >= 4 ? true : null);
    assertThat(received)
        .extracting(
            e ->
                e.path("detail").path("executionArn").asText()
                    + " "
                    + e.path("detail").path("status").asText())
        .contains(childRun + " RUNNING", childRun + " SUCCEEDED", parentRun + " SUCCEEDED");
  }

  @Test
  void deletedStateMachineCannotBeStartedAsChild() {
    String child = endpoint.createStateMachine("child", CHILD);
    String parent = endpoint.createStateMachine("parent", parent(child));
    endpoint.sfn.deleteStateMachine(b -> b.stateMachineArn(child));

    String parentRun = endpoint.sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();
    DescribeExecutionResponse done = endpoint.awaitEnd(parentRun);

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).isEqualTo("StepFunctions.StateMachineDoesNotExistException");
  }
}
