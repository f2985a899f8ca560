package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Execution names of nested executions over HTTP: a {@code states:startExecution} task whose {@code
 * Name} is already used for the state machine fails as StartExecution does ({@code
 * ExecutionAlreadyExists}), except for a running execution with the same input, which
 * StartExecution returns instead of starting another (it is idempotent then).
 */
class ChildExecutionNamesApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHILD =
      "{\"StartAt\":\"Rest\",\"States\":{\"Rest\":{\"Type\":\"Wait\",\"Seconds\":1,"
          + "\"Next\":\"Done\"},\"Done\":{\"Type\":\"Pass\",\"Result\":{\"done\":true},"
          + "\"End\":true}}}";

  private final Endpoint endpoint = new Endpoint();

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private static String parent(String resource, String childArn, String name, String catchAll) {
    return "{\"StartAt\":\"Start\",\"States\":{\"Start\":{\"Type\":\"Task\","
        + "\"Resource\":\""
        + resource
        + "\",\"Parameters\":{\"StateMachineArn\":\""
        + childArn
        + "\",\"Name\":\""
        + name
        + "\",\"Input\":{\"a\":1}},"
        + catchAll
        + "\"End\":true}"
        + (catchAll.isEmpty() ? "" : ",\"Recovered\":{\"Type\":\"Pass\",\"End\":true}")
        + "}}";
  }

  private String childArn(String name) {
    return "arn:aws:states:us-east-1:111111111111:execution:child:" + name;
  }

  @Test
  void reusedNameOfAnEndedChildFailsTheTaskWithExecutionAlreadyExists() {
    String child = endpoint.createStateMachine("child", CHILD);
    String parent =
        endpoint.createStateMachine(
            "parent",
            parent("arn:aws:states:::states:startExecution.sync:2", child, "child-1", ""));

    String first = endpoint.sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();
    DescribeExecutionResponse firstDone = endpoint.awaitEnd(first);
    String second = endpoint.sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();
    DescribeExecutionResponse secondDone = endpoint.awaitEnd(second);

    assertThat(firstDone.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(secondDone.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(secondDone.error()).isEqualTo("StepFunctions.ExecutionAlreadyExistsException");
    assertThat(secondDone.cause())
        .startsWith(
            "Execution Already Exists: '"
                + childArn("child-1")
                + "' (Service: AWSStepFunctions; Status Code: 400;"
                + " Error Code: ExecutionAlreadyExists; Request ID: ")
        .endsWith("; Proxy: null)");
    assertThat(endpoint.sfn.listExecutions(b -> b.stateMachineArn(child)).executions())
        .extracting(ExecutionListItem::executionArn)
        .containsExactly(childArn("child-1"));
  }

  @Test
  void sdkIntegrationErrorIsNamedSfnAndCanBeCaught() throws Exception {
    String child = endpoint.createStateMachine("child", CHILD);
    endpoint.awaitEnd(
        endpoint
            .sfn
            .startExecution(b -> b.stateMachineArn(child).name("taken").input("{\"a\":1}"))
            .executionArn());
    String parent =
        endpoint.createStateMachine(
            "parent",
            parent(
                "arn:aws:states:::aws-sdk:sfn:startExecution",
                child,
                "taken",
                "\"Catch\":[{\"ErrorEquals\":[\"Sfn.ExecutionAlreadyExistsException\"],"
                    + "\"Next\":\"Recovered\"}],"));

    String run = endpoint.sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();
    DescribeExecutionResponse done = endpoint.awaitEnd(run);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(JSON.readTree(done.output()).path("Error").asText())
        .isEqualTo("Sfn.ExecutionAlreadyExistsException");
    assertThat(JSON.readTree(done.output()).path("Cause").asText())
        .startsWith(
            "Execution Already Exists: '"
                + childArn("taken")
                + "' (Service: Sfn, Status Code: 400");
  }

  @Test
  void nameOfARunningChildWithTheSameInputGivesTheTaskThatExecution() {
    String child = endpoint.createStateMachine("child", CHILD);
    String running =
        endpoint
            .sfn
            .startExecution(b -> b.stateMachineArn(child).name("shared").input("{\"a\":1}"))
            .executionArn();
    String parent =
        endpoint.createStateMachine(
            "parent", parent("arn:aws:states:::states:startExecution.sync:2", child, "shared", ""));

    String run = endpoint.sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();
    DescribeExecutionResponse done = endpoint.awaitEnd(run);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).contains("\"ExecutionArn\":\"" + running + "\"");
    assertThat(done.output()).contains("\"Output\":{\"done\":true}");
    assertThat(endpoint.sfn.listExecutions(b -> b.stateMachineArn(child)).executions())
        .extracting(ExecutionListItem::executionArn)
        .containsExactly(running);
  }

  @Test
  void nameOfARunningChildWithAnotherInputFailsTheTask() {
    String child = endpoint.createStateMachine("child", CHILD);
    String running =
        endpoint
            .sfn
            .startExecution(b -> b.stateMachineArn(child).name("shared").input("{\"a\":2}"))
            .executionArn();
    String parent =
        endpoint.createStateMachine(
            "parent", parent("arn:aws:states:::states:startExecution.sync:2", child, "shared", ""));

    String run = endpoint.sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();
    DescribeExecutionResponse done = endpoint.awaitEnd(run);

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).isEqualTo("StepFunctions.ExecutionAlreadyExistsException");
    assertThat(endpoint.awaitEnd(running).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }
}
