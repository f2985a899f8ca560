package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.mock.MockConfig;
import dev.redrive.simulator.runtime.VirtualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** Mocked task results over the API: {@code StartExecution} with {@code stateMachineArn#Case}. */
class MockedTasksApiTest {
  static final String ORDERS =
      "{\"StartAt\":\"Charge\",\"States\":{\"Charge\":{\"Type\":\"Task\","
          + "\"Resource\":\"arn:aws:states:::lambda:invoke\","
          + "\"Parameters\":{\"FunctionName\":\"charge\",\"Payload.$\":\"$\"},"
          + "\"ResultSelector\":{\"charged.$\":\"$.Payload.charged\"},\"End\":true}}}";
  static final String NOTIFY =
      "{\"StartAt\":\"Send\",\"States\":{\"Send\":{\"Type\":\"Task\","
          + "\"Resource\":\"arn:aws:states:::sqs:sendMessage\","
          + "\"Parameters\":{\"QueueUrl\":\"https://sqs.us-east-1.amazonaws.com/1/q\","
          + "\"MessageBody.$\":\"$\"},"
          + "\"Retry\":[{\"ErrorEquals\":[\"SQS.ThrottlingException\"],\"IntervalSeconds\":5,"
          + "\"MaxAttempts\":2}],"
          + "\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"ResultPath\":\"$.error\","
          + "\"Next\":\"Recovered\"}],\"End\":true},"
          + "\"Recovered\":{\"Type\":\"Pass\",\"End\":true}}}";

  private final Endpoint endpoint =
      new Endpoint(
          Simulator.builder()
              .clock(new VirtualClock(Instant.parse("2026-01-01T00:00:00Z")))
              .mockConfig(MockConfig.load(Path.of("src/test/resources/mock/MockConfigFile.json")))
              .build());

  @AfterEach
  void stop() {
    endpoint.close();
  }

  @Test
  void failsTwiceThenSucceedsAfterTwoRedrives() {
    String sm = endpoint.createStateMachine("orders", ORDERS);

    String arn =
        endpoint
            .sfn
            .startExecution(b -> b.stateMachineArn(sm + "#FailTwiceThenCharge").name("o-1"))
            .executionArn();
    DescribeExecutionResponse first = endpoint.awaitEnd(arn);
    endpoint.sfn.redriveExecution(b -> b.executionArn(arn));
    DescribeExecutionResponse second = endpoint.awaitEnd(arn);
    endpoint.sfn.redriveExecution(b -> b.executionArn(arn));
    DescribeExecutionResponse third = endpoint.awaitEnd(arn);

    assertThat(arn).isEqualTo("arn:aws:states:us-east-1:111111111111:execution:orders:o-1");
    assertThat(first.stateMachineArn()).isEqualTo(sm);
    assertThat(first.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(first.error()).isEqualTo("Lambda.TooManyRequestsException");
    assertThat(first.cause()).isEqualTo("Rate exceeded");
    assertThat(second.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(third.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(third.redriveCount()).isEqualTo(2);
    assertThat(third.output()).isEqualTo("{\"charged\":true}");
    assertThat(types(arn))
        .containsSubsequence(
            HistoryEventType.TASK_SCHEDULED,
            HistoryEventType.TASK_STARTED,
            HistoryEventType.TASK_FAILED,
            HistoryEventType.EXECUTION_FAILED,
            HistoryEventType.EXECUTION_REDRIVEN,
            HistoryEventType.TASK_FAILED,
            HistoryEventType.EXECUTION_FAILED,
            HistoryEventType.EXECUTION_REDRIVEN,
            HistoryEventType.TASK_SUCCEEDED,
            HistoryEventType.EXECUTION_SUCCEEDED);
  }

  @Test
  void mockedThrowIsRetried() {
    String sm = endpoint.createStateMachine("notify", NOTIFY);

    String arn =
        endpoint
            .sfn
            .startExecution(b -> b.stateMachineArn(sm + "#ThrottledOnce").input("{\"id\":7}"))
            .executionArn();
    DescribeExecutionResponse done = endpoint.awaitEnd(arn);
    List<HistoryEvent> history = history(arn);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo("{\"MessageId\":\"m-1\",\"MD5OfMessageBody\":\"0a1b\"}");
    assertThat(history.stream().map(HistoryEvent::type))
        .containsSubsequence(
            HistoryEventType.TASK_FAILED,
            HistoryEventType.TASK_SCHEDULED,
            HistoryEventType.TASK_SUCCEEDED);
    HistoryEvent failed =
        history.stream().filter(e -> e.type() == HistoryEventType.TASK_FAILED).findFirst().get();
    assertThat(failed.taskFailedEventDetails().error()).isEqualTo("SQS.ThrottlingException");
    assertThat(failed.taskFailedEventDetails().resource()).isEqualTo("sendMessage");
    assertThat(failed.taskFailedEventDetails().resourceType()).isEqualTo("sqs");
  }

  @Test
  void mockedThrowIsCaught() {
    String sm = endpoint.createStateMachine("notify", NOTIFY);

    String arn =
        endpoint
            .sfn
            .startExecution(b -> b.stateMachineArn(sm + "#QueueGone").input("{\"id\":7}"))
            .executionArn();
    DescribeExecutionResponse done = endpoint.awaitEnd(arn);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output())
        .isEqualTo("{\"id\":7,\"error\":{\"Error\":\"SQS.QueueDoesNotExistException\"}}");
  }

  @Test
  void unmockedCallToServiceNotHostedFailsNamingStateAndResource() {
    String sm = endpoint.createStateMachine("notify", NOTIFY);

    String arn = endpoint.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
    DescribeExecutionResponse done = endpoint.awaitEnd(arn);

    assertThat(done.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.output())
        .contains(
            "State 'Send' calls 'arn:aws:states:::sqs:sendMessage', a service the simulator"
                + " does not host, and no mocked response answers it");
  }

  @Test
  void rejectsUnknownTestCase() {
    String sm = endpoint.createStateMachine("orders", ORDERS);

    assertThatThrownBy(
            () -> endpoint.sfn.startExecution(b -> b.stateMachineArn(sm + "#NoSuchCase")))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith(
            "Test case 'NoSuchCase' of state machine 'orders' is not in the mock configuration"
                + " (its test cases: FailTwiceThenCharge, ChargeAtOnce)");
  }

  private List<HistoryEvent> history(String arn) {
    return endpoint.sfn.getExecutionHistory(b -> b.executionArn(arn)).events();
  }

  private List<HistoryEventType> types(String arn) {
    return history(arn).stream().map(HistoryEvent::type).toList();
  }
}
