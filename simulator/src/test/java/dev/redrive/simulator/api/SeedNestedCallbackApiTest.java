package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.runtime.FunctionError;
import dev.redrive.simulator.runtime.SimClock;
import dev.redrive.simulator.runtime.VirtualClock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SfnException;

/**
 * Seed 000 over HTTP: a parent starts a child with {@code states:startExecution.waitForTaskToken},
 * passing its task token (and, by the user's choice, {@code
 * AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID}) in the child's input; the child's function answers
 * the token with {@code SendTaskSuccess} through the SDK, or does not. Which execution to redrive
 * depends on whether the parent still waits.
 */
class SeedNestedCallbackApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The child: one function that gets the parent's token and a message. */
  private static final String CHILD =
      "{\"StartAt\":\"Work\",\"States\":{\"Work\":{\"Type\":\"Task\","
          + "\"Resource\":\"arn:aws:states:::lambda:invoke\","
          + "\"Parameters\":{\"FunctionName\":\"callback\",\"Payload\":{"
          + "\"TaskToken.$\":\"$.TaskToken\",\"Message\":\"hello\"}},\"End\":true}}}";

  /** What the child's function does. */
  private enum Mode {
    CALL_BACK,
    FORGET_TO_CALL_BACK,
    THROW
  }

  private volatile Mode mode = Mode.CALL_BACK;
  private final List<String> callbackErrors = new CopyOnWriteArrayList<>();
  private Endpoint endpoint;

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private void start(SimClock clock) {
    endpoint =
        new Endpoint(
            Simulator.builder()
                .clock(clock)
                .function(
                    "callback",
                    (in, c) -> {
                      if (mode == Mode.THROW) {
                        throw new FunctionError("Error", "Unknown Error", List.of());
                      }
                      if (mode == Mode.CALL_BACK) {
                        String output = "\"" + in.path("Message").asText() + "\"";
                        try {
                          endpoint.sfn.sendTaskSuccess(
                              b -> b.taskToken(in.path("TaskToken").asText()).output(output));
                        } catch (SfnException e) {
                          // the seed's function logs the error and returns
                          callbackErrors.add(e.awsErrorDetails().errorCode());
                        }
                      }
                      return JsonNodeFactory.instance.nullNode();
                    })
                .build());
  }

  private static String parent(String childArn, long timeoutSeconds) {
    return "{\"StartAt\":\"Start new workflow and wait for callback\",\"States\":{"
        + "\"Start new workflow and wait for callback\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::states:startExecution.waitForTaskToken\","
        + "\"Parameters\":{\"StateMachineArn\":\""
        + childArn
        + "\",\"Input\":{\"NeedCallback\":true,"
        + "\"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$\":\"$$.Execution.Id\","
        + "\"TaskToken.$\":\"$$.Task.Token\"}},"
        + "\"End\":true,\"TimeoutSeconds\":"
        + timeoutSeconds
        + "}}}";
  }

  private List<ExecutionListItem> children(String childSm) {
    return endpoint.sfn.listExecutions(b -> b.stateMachineArn(childSm)).executions();
  }

  @Test
  void childAnswersTheParentsTokenAndTheParentGoesOn() throws Exception {
    start(SimClock.system());
    String child = endpoint.createStateMachine("NestingPatternAnotherStateMachine", CHILD);
    String parent = endpoint.createStateMachine("Nesting", parent(child, 30));

    String parentRun = endpoint.sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();
    DescribeExecutionResponse done = endpoint.awaitEnd(parentRun);
    String childRun = children(child).get(0).executionArn();
    DescribeExecutionResponse childDone = endpoint.awaitEnd(childRun);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("\"hello\"");
    assertThat(childDone.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    // AWS does not add this field: the parent's definition passes it ($$.Execution.Id)
    JsonNode childInput = JSON.readTree(childDone.input());
    assertThat(childInput.path("AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID").asText())
        .isEqualTo(parentRun);
    assertThat(childInput.path("TaskToken").asText()).isNotBlank();
  }

  @Test
  void withoutACallbackTheParentTimesOutAndItsRedriveStartsAnotherChild() {
    start(new VirtualClock(Instant.parse("2026-01-01T00:00:00Z")));
    mode = Mode.FORGET_TO_CALL_BACK;
    String child = endpoint.createStateMachine("NestingPatternAnotherStateMachine", CHILD);
    String parent = endpoint.createStateMachine("Nesting", parent(child, 30));

    String parentRun = endpoint.sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();
    DescribeExecutionResponse first = endpoint.awaitEnd(parentRun);
    endpoint.sfn.redriveExecution(b -> b.executionArn(parentRun));
    DescribeExecutionResponse again = endpoint.awaitEnd(parentRun);

    assertThat(first.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(first.error()).isEqualTo("States.Timeout");
    assertThat(again.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(again.error()).isEqualTo("States.Timeout");
    assertThat(again.redriveCount()).isEqualTo(1);
    // the redrive runs the failed task again, which starts a second child; both succeeded
    assertThat(children(child))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED));
  }

  @Test
  void redriveOfTheFailedChildWhileTheParentWaitsLetsTheParentFinish() {
    start(SimClock.system());
    mode = Mode.THROW;
    String child = endpoint.createStateMachine("NestingPatternAnotherStateMachine", CHILD);
    String parent = endpoint.createStateMachine("Nesting", parent(child, 999999));

    String parentRun = endpoint.sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();
    String childRun =
        Endpoint.await(
            () -> {
              List<ExecutionListItem> c = children(child);
              return c.isEmpty() || c.get(0).status() == ExecutionStatus.RUNNING
                  ? null
                  : c.get(0).executionArn();
            });
    DescribeExecutionResponse childFailed = endpoint.awaitEnd(childRun);
    DescribeExecutionResponse parentWaiting =
        endpoint.sfn.describeExecution(b -> b.executionArn(parentRun));
    mode = Mode.CALL_BACK; // the function is fixed
    endpoint.sfn.redriveExecution(b -> b.executionArn(childRun));
    DescribeExecutionResponse parentDone = endpoint.awaitEnd(parentRun);

    assertThat(childFailed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(childFailed.error()).isEqualTo("Error");
    assertThat(parentWaiting.status()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(parentDone.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(parentDone.output()).isEqualTo("\"hello\"");
    assertThat(parentDone.redriveCount()).isZero();
    assertThat(endpoint.awaitEnd(childRun).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void redriveOfTheChildAfterTheParentTimedOutDoesNotResumeTheParent() {
    start(new VirtualClock(Instant.parse("2026-01-01T00:00:00Z")));
    mode = Mode.THROW;
    String child = endpoint.createStateMachine("NestingPatternAnotherStateMachine", CHILD);
    String parent = endpoint.createStateMachine("Nesting", parent(child, 30));

    String parentRun = endpoint.sfn.startExecution(b -> b.stateMachineArn(parent)).executionArn();
    DescribeExecutionResponse parentFailed = endpoint.awaitEnd(parentRun);
    String childRun = children(child).get(0).executionArn();
    mode = Mode.CALL_BACK;
    endpoint.sfn.redriveExecution(b -> b.executionArn(childRun));
    DescribeExecutionResponse childDone = endpoint.awaitEnd(childRun);

    assertThat(parentFailed.error()).isEqualTo("States.Timeout");
    assertThat(childDone.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    // the token died with the parent's task: the callback is refused and the parent stays failed
    assertThat(callbackErrors).containsExactly("TaskTimedOut");
    DescribeExecutionResponse parentAfter =
        endpoint.sfn.describeExecution(b -> b.executionArn(parentRun));
    assertThat(parentAfter.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(parentAfter.redriveCount()).isZero();
  }
}
