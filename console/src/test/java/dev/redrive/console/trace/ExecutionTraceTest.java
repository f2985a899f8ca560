package dev.redrive.console.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redrive.simulator.ExecutionResult;
import dev.redrive.simulator.LocalExecution;
import dev.redrive.simulator.RunOptions;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.mock.MockConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Traces of histories the simulator writes, as the console reads them. */
class ExecutionTraceTest {
  static final String FLOW =
      """
      {"StartAt": "Lines", "States": {
         "Lines": {"Type": "Map", "ItemsPath": "$.lines", "ResultPath": null,
           "ItemProcessor": {"StartAt": "Price", "States": {"Price": {"Type": "Pass", "End": true}}},
           "Next": "Charge"},
         "Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
           "Parameters": {"FunctionName": "charge"},
           "Catch": [{"ErrorEquals": ["Card.Declined"], "Next": "Sorry"}], "Next": "Done"},
         "Sorry": {"Type": "Pass", "Next": "Done"},
         "Done": {"Type": "Succeed"}}}
      """;
  static final String MOCKS =
      """
      {"StateMachines": {"flow": {"TestCases": {
         "Declined": {"Charge": "Declined"}, "FailsOnce": {"Charge": "FailsOnce"}}}},
       "MockedResponses": {
         "Declined": {"0": {"Throw": {"Error": "Card.Declined", "Cause": "no funds"}}},
         "FailsOnce": {"0": {"Throw": {"Error": "Lambda.ServiceException", "Cause": "boom"}},
                       "1": {"Return": {"ok": true}}}}}
      """;

  final Simulator sim = Simulator.builder().mockConfig(MockConfig.parse(MOCKS, "test")).build();

  private LocalExecution start(String testCase) {
    RunOptions options =
        RunOptions.defaults()
            .withStateMachineName("flow")
            .withMocks(sim.testCase("flow", testCase));
    return sim.start(FLOW, "{\"lines\": [1, 2]}", options);
  }

  @Test
  void marksACaughtFailureAndThePathItTook() throws Exception {
    LocalExecution run = start("Declined");
    ExecutionResult result = run.await(Duration.ofSeconds(10)).orElseThrow();

    ExecutionTrace trace = ExecutionTrace.of(result.history(), false);

    assertThat(trace.states().get("Charge").status()).isEqualTo(StateStatus.CAUGHT);
    assertThat(trace.states().get("Charge").error()).contains("Card.Declined");
    assertThat(trace.states().get("Sorry").status()).isEqualTo(StateStatus.SUCCEEDED);
    assertThat(trace.states().get("Price").runs()).isEqualTo(2);
    assertThat(trace.transitions())
        .contains(
            java.util.List.of("__start", "Lines"),
            java.util.List.of("Lines", "Charge"),
            java.util.List.of("Charge", "Sorry"),
            java.util.List.of("Sorry", "Done"))
        .doesNotContain(java.util.List.of("Charge", "Done"));
    assertThat(trace.failedState()).isEmpty();
  }

  @Test
  void findsTheFailedStateAndWhatTheRedriveRanAgain() throws Exception {
    LocalExecution run = start("FailsOnce");
    ExecutionResult failed = run.await(Duration.ofSeconds(10)).orElseThrow();
    ExecutionTrace before = ExecutionTrace.of(failed.history(), false);
    assertThat(before.failedState()).contains("Charge");
    assertThat(before.states().get("Charge").status()).isEqualTo(StateStatus.FAILED);
    assertThat(before.states().get("Charge").cause()).contains("boom");

    run.redrive();
    ExecutionResult redriven = run.await(Duration.ofSeconds(10)).orElseThrow();
    ExecutionTrace after = ExecutionTrace.of(redriven.history(), false);

    assertThat(after.redrives())
        .extracting(ExecutionTrace.Redrive::redriveCount)
        .containsExactly(1);
    assertThat(after.states().get("Charge").status()).isEqualTo(StateStatus.SUCCEEDED);
    assertThat(after.states().get("Charge").attempts()).containsExactlyInAnyOrder(0, 1);
    assertThat(after.states().get("Lines").attempts()).containsExactly(0);
    assertThat(after.failedState()).isEmpty();
  }
}
