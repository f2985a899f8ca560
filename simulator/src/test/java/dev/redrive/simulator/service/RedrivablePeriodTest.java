package dev.redrive.simulator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.runtime.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** AWS redrives an execution for 14 days after it stopped, and refuses after that. */
class RedrivablePeriodTest {
  private static final String FAILING =
      "{\"StartAt\":\"Charge\",\"States\":{\"Charge\":{\"Type\":\"Fail\",\"Error\":\"E\"}}}";

  private final VirtualClock clock = new VirtualClock(Instant.parse("2026-11-01T00:00:00Z"));
  private final StepFunctionsService service = StepFunctionsService.builder().clock(clock).build();

  @AfterEach
  void close() {
    service.close();
  }

  private String failedExecution() throws InterruptedException {
    String sm =
        service
            .createStateMachine(
                "charge",
                FAILING,
                "arn:aws:iam::111111111111:role/sfn",
                null,
                null,
                null,
                null,
                null)
            .arn();
    String arn = service.startExecution(sm, "run-1", "{}").arn();
    for (int i = 0;
        i < 500 && service.describeExecution(arn).status() == ExecutionStatus.RUNNING;
        i++) {
      Thread.sleep(10);
    }
    assertThat(service.describeExecution(arn).status()).isEqualTo(ExecutionStatus.FAILED);
    return arn;
  }

  @Test
  void redrivableUntilFourteenDaysAfterTheStop() throws InterruptedException {
    String arn = failedExecution();
    clock.advance(Duration.ofDays(14).minusSeconds(1));

    assertThat(service.describeExecution(arn).redriveStatus())
        .isEqualTo(dev.redrive.simulator.execution.RedriveStatus.REDRIVABLE);
  }

  @Test
  void notRedrivableOnceFourteenDaysHavePassed() throws InterruptedException {
    String arn = failedExecution();
    clock.advance(Duration.ofDays(14));

    ExecutionSnapshot described = service.describeExecution(arn);
    assertThat(described.redriveStatus())
        .isEqualTo(dev.redrive.simulator.execution.RedriveStatus.NOT_REDRIVABLE);
    assertThat(described.redriveStatusReason()).contains(ExecutionSnapshot.PERIOD_REASON);
    assertThatThrownBy(() -> service.redriveExecution(arn, Optional.empty()))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining(ExecutionSnapshot.PERIOD_REASON);
    assertThat(service.describeExecution(arn).redriveCount()).isZero();
  }
}
