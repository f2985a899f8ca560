package dev.redrive.simulator.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redrive.simulator.ExecutionResult;
import dev.redrive.simulator.LocalExecution;
import dev.redrive.simulator.RunOptions;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.runtime.VirtualClock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Mocked task results in-process: {@link Simulator.Builder#mockConfig} and {@link
 * RunOptions#withMocks}.
 */
class MockedTasksTest {
  static final String CONFIG =
      """
      {"StateMachines": {"billing": {"TestCases": {
         "Flaky": {"Bill": "FailsOnce", "Wait": "Approved"}}}},
       "MockedResponses": {
         "FailsOnce": {"0": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "boom"}},
                       "1": {"Return": {"billed": 42}}},
         "Approved": {"0": {"Return": {"approved": true}}}}}
      """;
  static final String BILLING =
      """
      {"StartAt": "Bill", "States": {
         "Bill": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:111111111111:function:bill",
                  "ResultPath": "$.bill", "Next": "Wait"},
         "Wait": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                  "Parameters": {"FunctionName": "approve", "Payload": {"t.$": "$$.Task.Token"}},
                  "ResultPath": "$.approval", "End": true}}}
      """;

  private final AtomicInteger realCalls = new AtomicInteger();
  private final Simulator sim =
      Simulator.builder()
          .clock(new VirtualClock(Instant.parse("2026-01-01T00:00:00Z")))
          .function(
              "bill",
              (in, clock) -> {
                realCalls.incrementAndGet();
                return in;
              })
          .mockConfig(MockConfig.parse(CONFIG, "inline"))
          .build();

  private final RunOptions options =
      RunOptions.defaults()
          .withStateMachineName("billing")
          .withMocks(sim.testCase("billing", "Flaky"));

  @Test
  void mockedLegacyLambdaFailsOnceThenSucceedsAfterRedriveWithoutCallingTheFunction() {
    LocalExecution e = sim.start(BILLING, "{}", options);
    ExecutionResult first = e.await();
    ExecutionResult second = e.redrive().await();

    assertThat(first.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(first.error()).contains("Lambda.ServiceException");
    assertThat(first.cause()).contains("boom");
    assertThat(second.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(second.output().orElseThrow().toString())
        .isEqualTo("{\"bill\":{\"billed\":42},\"approval\":{\"approved\":true}}");
    assertThat(second.history().stream().map(HistoryEvent::type))
        .containsSubsequence(
            "LambdaFunctionScheduled",
            "LambdaFunctionStarted",
            "LambdaFunctionFailed",
            "ExecutionFailed",
            "ExecutionRedriven",
            "LambdaFunctionSucceeded",
            "TaskScheduled",
            "TaskStarted",
            "TaskSucceeded",
            "ExecutionSucceeded");
    assertThat(realCalls).hasValue(0);
  }

  @Test
  void withoutTestCaseTheLocalFunctionRuns() {
    ExecutionResult r =
        sim.run(
            "{\"StartAt\":\"Bill\",\"States\":{\"Bill\":{\"Type\":\"Task\",\"Resource\":"
                + "\"arn:aws:lambda:us-east-1:111111111111:function:bill\",\"End\":true}}}",
            "{\"a\":1}",
            RunOptions.defaults().withStateMachineName("billing"));

    assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(realCalls).hasValue(1);
  }

  @Test
  void unknownTestCaseIsRejected() {
    assertThatThrownBy(() -> sim.testCase("billing", "Happy"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no test case 'Happy' for state machine 'billing' in the mock configuration (its test"
                + " cases: [Flaky])");
  }
}
