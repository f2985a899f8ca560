package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redrive.simulator.junit.RedriveSimulator;
import dev.redrive.simulator.runtime.VirtualClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetActivityTaskResponse;

/** The orders workflow against a local Step Functions, tested as a user of the library would. */
@RedriveSimulator(mockConfig = "/OrdersMockConfig.json", clockStart = "2030-01-01T00:00:00Z")
class OrdersWorkflowTest {
  private static final String ROLE = "arn:aws:iam::111111111111:role/orders";

  @Test
  void redrivesAnOrderWhosePaymentFailedOnce(SfnClient sfn, VirtualClock clock) {
    String machine = createOrders(sfn);

    String execution =
        sfn.startExecution(b -> b.stateMachineArn(machine + "#PaymentDownOnce").input("{}"))
            .executionArn();
    DescribeExecutionResponse failed = awaitEnd(sfn, execution);
    assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(failed.error()).isEqualTo("Payments.Unavailable");

    sfn.redriveExecution(b -> b.executionArn(execution));
    DescribeExecutionResponse redriven = awaitEnd(sfn, execution);

    assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(redriven.redriveCount()).isEqualTo(1);
    assertThat(redriven.output()).isEqualTo("{\"charged\":42,\"status\":\"shipped\"}");
    // The day-long Wait passed on the virtual clock, not in real time.
    assertThat(clock.now()).isAfterOrEqualTo(Instant.parse("2030-01-02T00:00:00Z"));
  }

  @Test
  void failsAnOrderWhoseCardIsDeclined(SfnClient sfn) {
    String machine = createOrders(sfn);

    String execution =
        sfn.startExecution(b -> b.stateMachineArn(machine + "#CardDeclined").input("{}"))
            .executionArn();
    DescribeExecutionResponse result = awaitEnd(sfn, execution);

    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("Card.Declined");
    assertThat(result.cause()).isEqualTo("insufficient funds");
  }

  @Test
  void continuesOnceAWorkerAnswersTheTaskToken(SfnClient sfn) {
    String activity = sfn.createActivity(b -> b.name("approve")).activityArn();
    String definition =
        """
        {"StartAt": "Approve", "States": {
          "Approve": {"Type": "Task", "Resource": "%s", "End": true}}}
        """
            .formatted(activity);
    String machine =
        sfn.createStateMachine(b -> b.name("approval").definition(definition).roleArn(ROLE))
            .stateMachineArn();
    String execution =
        sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"order\":7}")).executionArn();

    GetActivityTaskResponse task = sfn.getActivityTask(b -> b.activityArn(activity));
    assertThat(task.input()).isEqualTo("{\"order\":7}");
    sfn.sendTaskSuccess(b -> b.taskToken(task.taskToken()).output("{\"approved\":true}"));

    DescribeExecutionResponse result = awaitEnd(sfn, execution);
    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output()).isEqualTo("{\"approved\":true}");
  }

  private static String createOrders(SfnClient sfn) {
    String definition = resource("/orders.asl.json");
    return sfn.createStateMachine(b -> b.name("orders").definition(definition).roleArn(ROLE))
        .stateMachineArn();
  }

  /** Polls until the execution ends; bounded, so a stuck execution fails the test. */
  private static DescribeExecutionResponse awaitEnd(SfnClient sfn, String executionArn) {
    for (int i = 0; i < 1_000; i++) {
      DescribeExecutionResponse d = sfn.describeExecution(b -> b.executionArn(executionArn));
      if (d.status() != ExecutionStatus.RUNNING) {
        return d;
      }
      sleep(Duration.ofMillis(10));
    }
    throw new AssertionError(executionArn + " still RUNNING after 1000 polls");
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = OrdersWorkflowTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new AssertionError("no resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
