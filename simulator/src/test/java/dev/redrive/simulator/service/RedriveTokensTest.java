package dev.redrive.simulator.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redrive.simulator.ExecutionResult;
import dev.redrive.simulator.execution.ExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How long and how many of RedriveExecution's client tokens an execution remembers (AWS's rule).
 */
class RedriveTokensTest {
  private static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");

  private final Execution execution = new Execution("arn:x", "x", null, "{}", null, T0, 0);

  private void failThenRedrive(Instant when, String token) {
    ExecutionResult failed =
        new ExecutionResult(
            "arn:x",
            ExecutionStatus.FAILED,
            Optional.empty(),
            Optional.of("E"),
            Optional.empty(),
            List.of());
    assertThat(execution.ended(failed, when, execution.run(), 25_000)).isTrue();
    execution.redriven(when, Optional.of(token));
  }

  @Test
  void aTokenAnswersForFifteenMinutesAfterItsRedrive() {
    failThenRedrive(T0, "t");

    assertThat(execution.redriveFor("t", T0.plus(Duration.ofMinutes(14)))).contains(T0);
    assertThat(execution.redriveFor("t", T0.plus(Duration.ofMinutes(15)))).isEmpty();
    assertThat(execution.redriveFor("other", T0)).isEmpty();
  }

  @Test
  void onlyTheLastTenTokensAreRemembered() {
    for (int i = 0; i < 11; i++) {
      failThenRedrive(T0.plusSeconds(i), "t" + i);
    }

    assertThat(execution.redriveFor("t0", T0.plusSeconds(20))).isEmpty();
    assertThat(execution.redriveFor("t1", T0.plusSeconds(20))).contains(T0.plusSeconds(1));
    assertThat(execution.redriveFor("t10", T0.plusSeconds(20))).contains(T0.plusSeconds(10));
  }
}
