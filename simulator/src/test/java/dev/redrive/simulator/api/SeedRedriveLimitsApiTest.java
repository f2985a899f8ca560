package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.redrive.simulator.Simulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Seed 001's first observations over HTTP (its permission-fixed story is {@link
 * StatusChangeEventsTest}): a redrive keeps the input and the definition the execution started
 * with, so a failure caused by either comes back, from the state that failed.
 */
class SeedRedriveLimitsApiTest {
  /** Calls the function the input names, as in the seed. */
  private static final String CALL_NAMED =
      "{\"StartAt\":\"Prepare\",\"States\":{"
          + "\"Prepare\":{\"Type\":\"Pass\",\"Next\":\"Invoke\"},"
          + "\"Invoke\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
          + "\"Parameters\":{\"FunctionName.$\":\"$.FunctionName\",\"Payload.$\":\"$\"},"
          + "\"End\":true}}}";

  private final Endpoint endpoint =
      new Endpoint(
          Simulator.builder()
              .function("test", (in, clock) -> JsonNodeFactory.instance.objectNode())
              .build());

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void failureCausedByTheInputComesBackAfterARedrive() {
    String sm = endpoint.createStateMachine("MyStateMachine", CALL_NAMED);

    String arn = endpoint.sfn.startExecution(b -> b.stateMachineArn(sm).input("{}")).executionArn();
    DescribeExecutionResponse first = endpoint.awaitEnd(arn);
    endpoint.sfn.redriveExecution(b -> b.executionArn(arn));
    DescribeExecutionResponse again = endpoint.awaitEnd(arn);

    assertThat(first.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(first.error()).isEqualTo("States.Runtime");
    assertThat(again.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(again.error()).isEqualTo(first.error());
    String missing =
        "The JSONPath '$.FunctionName' specified for the field 'FunctionName.$' could not be"
            + " found in the input '{}'";
    assertThat(first.cause())
        .isEqualTo(
            "An error occurred while executing the state 'Invoke' (entered at the event id #4). "
                + missing);
    // events 5 and 6 are ExecutionFailed and ExecutionRedriven; Invoke is entered again as #7
    assertThat(again.cause())
        .isEqualTo(
            "An error occurred while executing the state 'Invoke' (entered at the event id #7). "
                + missing);
    assertThat(again.input()).isEqualTo("{}");
    assertThat(again.redriveCount()).isEqualTo(1);
    // the redrive started at the state that failed, not at Prepare
    assertThat(
            endpoint.sfn.getExecutionHistory(b -> b.executionArn(arn)).events().stream()
                .filter(e -> e.type() == HistoryEventType.PASS_STATE_ENTERED))
        .hasSize(1);
  }

  @Test
  void redriveRunsTheDefinitionTheExecutionStartedWithNotTheUpdatedOne() {
    String sm = endpoint.createStateMachine("MyStateMachine", CALL_NAMED);
    String arn = endpoint.sfn.startExecution(b -> b.stateMachineArn(sm).input("{}")).executionArn();
    DescribeExecutionResponse first = endpoint.awaitEnd(arn);
    // the "fix": call the function by its name whatever the input says
    endpoint.sfn.updateStateMachine(
        b ->
            b.stateMachineArn(sm)
                .definition(
                    CALL_NAMED.replace(
                        "FunctionName.$\":\"$.FunctionName", "FunctionName\":\"test")));

    endpoint.sfn.redriveExecution(b -> b.executionArn(arn));
    DescribeExecutionResponse again = endpoint.awaitEnd(arn);
    String fresh =
        endpoint.sfn.startExecution(b -> b.stateMachineArn(sm).input("{}")).executionArn();

    assertThat(first.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(again.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(again.error()).isEqualTo("States.Runtime");
    assertThat(endpoint.awaitEnd(fresh).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }
}
