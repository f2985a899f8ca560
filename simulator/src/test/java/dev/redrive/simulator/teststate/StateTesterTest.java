package dev.redrive.simulator.teststate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.runtime.VirtualClock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateTesterTest {
  private final StateTester tester =
      new StateTester(
          Simulator.builder()
              .clock(new VirtualClock(Instant.parse("2025-12-03T00:00:00Z")))
              .validateDefinitions(false)
              .build());

  private static final String RETRIED_TASK =
      "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
          + "\"Parameters\":{\"FunctionName\":\"f\"},\"Retry\":[{\"ErrorEquals\":[\"Boom\"],"
          + "\"MaxAttempts\":2,\"IntervalSeconds\":3,\"BackoffRate\":3,\"MaxDelaySeconds\":5}],"
          + "\"Catch\":[{\"ErrorEquals\":[\"States.ALL\"],\"Next\":\"Handler\"}],\"End\":true}";

  private StateTester.Result test(
      String definition,
      Optional<String> stateName,
      String input,
      Optional<StateTester.Mock> mock,
      StateTestRequest.Configuration configuration) {
    return tester.test(
        new StateTestRequest(
            definition,
            stateName,
            Optional.of(input),
            mock,
            StateTestRequest.InspectionLevel.DEBUG,
            configuration,
            Optional.empty(),
            Optional.empty(),
            Optional.empty()));
  }

  private static Optional<StateTester.Mock> error(String error) {
    return Optional.of(
        new StateTester.Mock(Optional.empty(), Optional.of(error), Optional.of("why")));
  }

  private static StateTestRequest.Configuration retries(int n) {
    return new StateTestRequest.Configuration(
        Optional.of(n), Optional.empty(), Optional.empty(), Optional.empty());
  }

  @Test
  void retriableBackoffIsCappedByMaxDelaySeconds() {
    StateTester.Result r = test(RETRIED_TASK, Optional.empty(), "{}", error("Boom"), retries(1));

    assertThat(r.status()).isEqualTo("RETRIABLE");
    assertThat(r.nextState()).isEmpty();
    // 3 s × 3^1 = 9 s, capped at 5 s
    assertThat(r.inspectionData().orElseThrow().path("errorDetails").toString())
        .isEqualTo("{\"retryIndex\":0,\"retryBackoffIntervalSeconds\":5}");
  }

  @Test
  void exhaustedRetrierLeavesTheErrorToCatchAndIsStillNamed() {
    StateTester.Result r = test(RETRIED_TASK, Optional.empty(), "{}", error("Boom"), retries(2));

    assertThat(r.status()).isEqualTo("CAUGHT_ERROR");
    assertThat(r.nextState()).contains("Handler");
    assertThat(r.inspectionData().orElseThrow().path("errorDetails").toString())
        .isEqualTo("{\"retryIndex\":0,\"catchIndex\":0}");
  }

  @Test
  void errorNoRetrierMatchesIsCaughtAtOnce() {
    StateTester.Result r =
        test(
            RETRIED_TASK,
            Optional.empty(),
            "{}",
            error("Other"),
            StateTestRequest.Configuration.NONE);

    assertThat(r.status()).isEqualTo("CAUGHT_ERROR");
    assertThat(r.inspectionData().orElseThrow().path("errorDetails").toString())
        .isEqualTo("{\"catchIndex\":0}");
  }

  @Test
  void mockedMapFailsWhenFailedIterationsExceedTheToleratedPercentage() {
    String map =
        "{\"Type\":\"Map\",\"ToleratedFailurePercentage\":50,\"ItemProcessor\":{\"StartAt\":\"P\","
            + "\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}},\"End\":true}";
    Optional<StateTester.Mock> result =
        Optional.of(
            new StateTester.Mock(Optional.of("[1,2,3,4]"), Optional.empty(), Optional.empty()));

    StateTester.Result two = test(map, Optional.empty(), "[1,2,3,4]", result, failures(2));
    StateTester.Result three = test(map, Optional.empty(), "[1,2,3,4]", result, failures(3));

    assertThat(two.status()).isEqualTo("SUCCEEDED");
    assertThat(two.output().orElseThrow().toString()).isEqualTo("[1,2,3,4]");
    assertThat(three.status()).isEqualTo("FAILED");
    assertThat(three.error()).contains("States.ExceedToleratedFailureThreshold");
    assertThat(three.inspectionData().orElseThrow().path("toleratedFailurePercentage").asDouble())
        .isEqualTo(50.0);
  }

  @Test
  void stateInsideAMapCanBeNamedAndSeesItsOwnName() {
    String machine =
        "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"ItemProcessor\":{\"StartAt\":"
            + "\"Inner\",\"States\":{\"Inner\":{\"Type\":\"Pass\",\"Parameters\":{\"n.$\":"
            + "\"$$.State.Name\"},\"End\":true}}},\"End\":true}}}";

    StateTester.Result r =
        test(
            machine,
            Optional.of("Inner"),
            "{}",
            Optional.empty(),
            StateTestRequest.Configuration.NONE);

    assertThat(r.output().orElseThrow().toString()).isEqualTo("{\"n\":\"Inner\"}");
  }

  @Test
  void stateGivenAloneIsNamedStateNameAndHasNoRedriveCount() {
    StateTester.Result r =
        test(
            "{\"Type\":\"Pass\",\"Parameters\":{\"c.$\":\"$$\"},\"End\":true}",
            Optional.empty(),
            "{}",
            Optional.empty(),
            StateTestRequest.Configuration.NONE);

    assertThat(r.output().orElseThrow().at("/c/State/Name").asText()).isEqualTo("StateName");
    assertThat(r.output().orElseThrow().at("/c/Execution/Id").asText()).contains(":express:");
    assertThat(r.output().orElseThrow().at("/c/Execution").has("RedriveCount")).isFalse();
  }

  @Test
  void unknownStateNameIsRefusedNamingIt() {
    assertThatThrownBy(
            () ->
                test(
                    "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}",
                    Optional.of("B"),
                    "{}",
                    Optional.empty(),
                    StateTestRequest.Configuration.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stateName 'B' names no state of the definition");
  }

  private static StateTestRequest.Configuration failures(int n) {
    return new StateTestRequest.Configuration(
        Optional.empty(), Optional.empty(), Optional.of(n), Optional.empty());
  }
}
