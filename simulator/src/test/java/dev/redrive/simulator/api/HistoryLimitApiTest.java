package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redrive.simulator.ExecutionResult;
import dev.redrive.simulator.RunOptions;
import dev.redrive.simulator.Simulator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionNotRedrivableException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * AWS's quota of 25,000 history events per execution, over HTTP: an execution whose next event
 * would be the 25,000th without ending it fails with {@code States.Runtime} as that event, and
 * cannot be redriven.
 */
class HistoryLimitApiTest {
  /**
   * Counts from {@code n} to {@code limit}: 1 event to start, 4 per round (Pass and Choice entered
   * and exited), 3 to succeed.
   */
  private static final String LOOP =
      "{\"StartAt\":\"Count\",\"States\":{"
          + "\"Count\":{\"Type\":\"Pass\",\"Parameters\":{\"n.$\":\"States.MathAdd($.n, 1)\","
          + "\"limit.$\":\"$.limit\"},\"Next\":\"Check\"},"
          + "\"Check\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.n\","
          + "\"NumericLessThanPath\":\"$.limit\",\"Next\":\"Count\"}],\"Default\":\"Done\"},"
          + "\"Done\":{\"Type\":\"Succeed\"}}}";

  private final Endpoint endpoint = new Endpoint();

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private DescribeExecutionResponse count(String sm, int limit) {
    String arn =
        endpoint
            .sfn
            .startExecution(b -> b.stateMachineArn(sm).input("{\"n\":0,\"limit\":" + limit + "}"))
            .executionArn();
    return endpoint.awaitEnd(arn);
  }

  private HistoryEvent lastEvent(String arn) {
    List<HistoryEvent> last =
        endpoint
            .sfn
            .getExecutionHistory(b -> b.executionArn(arn).reverseOrder(true).maxResults(1))
            .events();
    return last.get(0);
  }

  @Test
  void executionThatWouldPassTheQuotaFailsAtEvent25000AndCannotBeRedriven() {
    String sm = endpoint.createStateMachine("loop", LOOP);

    DescribeExecutionResponse done = count(sm, 1_000_000);
    HistoryEvent last = lastEvent(done.executionArn());

    assertThat(done.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).isEqualTo("States.Runtime");
    assertThat(done.cause())
        .isEqualTo("The execution reached the maximum number of history events (25000).");
    assertThat(last.id()).isEqualTo(25_000L);
    assertThat(last.type()).isEqualTo(HistoryEventType.EXECUTION_FAILED);
    assertThat(last.executionFailedEventDetails().error()).isEqualTo("States.Runtime");
    assertThat(done.redriveStatusAsString()).isEqualTo("NOT_REDRIVABLE");
    assertThat(done.redriveStatusReason()).isEqualTo("Execution history event limit exceeded");
    assertThatThrownBy(
            () -> endpoint.sfn.redriveExecution(b -> b.executionArn(done.executionArn())))
        .isInstanceOf(ExecutionNotRedrivableException.class)
        .hasMessageStartingWith("Execution history event limit exceeded");
    DescribeExecutionResponse after =
        endpoint.sfn.describeExecution(b -> b.executionArn(done.executionArn()));
    assertThat(after.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(after.redriveCount()).isZero();
  }

  @Test
  void executionSucceedsWhenItsSucceededEventIsEvent25000() {
    String sm = endpoint.createStateMachine("loop", LOOP);

    // 1 + 4 * 6,249 + 3 = 25,000 events
    DescribeExecutionResponse exact = count(sm, 6_249);
    // one round more: 25,004 events would be needed
    DescribeExecutionResponse over = count(sm, 6_250);

    assertThat(exact.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(exact.output()).isEqualTo("{\"n\":6249,\"limit\":6249}");
    HistoryEvent last = lastEvent(exact.executionArn());
    assertThat(last.id()).isEqualTo(25_000L);
    assertThat(last.type()).isEqualTo(HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(over.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(over.error()).isEqualTo("States.Runtime");
    assertThat(lastEvent(over.executionArn()).id()).isEqualTo(25_000L);
  }

  @Test
  void quotaCanBeSetOtherwiseForWorkloadsAwsWouldFail() {
    ExecutionResult r =
        Simulator.builder()
            .historyEventLimit(10)
            .build()
            .run(LOOP, "{\"n\":0,\"limit\":100}", RunOptions.defaults());

    assertThat(r.status()).isEqualTo(dev.redrive.simulator.execution.ExecutionStatus.FAILED);
    assertThat(r.cause())
        .contains("The execution reached the maximum number of history events (10).");
    assertThat(r.history()).hasSize(10);
    assertThatThrownBy(() -> Simulator.builder().historyEventLimit(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("historyEventLimit must be >= 2, was 1");
  }

  @Test
  void failedExecutionWellBelowTheQuotaStaysRedrivable() {
    String sm =
        endpoint.createStateMachine(
            "short",
            "{\"StartAt\":\"Boom\",\"States\":{\"Boom\":{\"Type\":\"Fail\","
                + "\"Error\":\"E\",\"Cause\":\"c\"}}}");

    String arn = endpoint.sfn.startExecution(b -> b.stateMachineArn(sm)).executionArn();
    DescribeExecutionResponse done = endpoint.awaitEnd(arn);

    assertThat(done.redriveStatusAsString()).isEqualTo("REDRIVABLE");
    assertThat(done.redriveStatusReason()).isNull();
  }
}
