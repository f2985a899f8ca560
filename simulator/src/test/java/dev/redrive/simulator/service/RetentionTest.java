package dev.redrive.simulator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.runtime.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Finished executions beyond the retention's count or age are dropped, first finished first. */
class RetentionTest {
  private static final String ROLE = "arn:aws:iam::111111111111:role/sfn";
  private static final String PASS =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";

  /** Waits for an activity worker that never comes. */
  private static final String WAIT_A_DAY =
      "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Task\",\"Resource\":"
          + "\"arn:aws:states:us-east-1:111111111111:activity:nobody\",\"End\":true}}}";

  private static final String DISTRIBUTED =
      """
      {"StartAt": "Each", "States": {"Each": {"Type": "Map", "End": true,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
          "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}
      """;

  private final VirtualClock clock = new VirtualClock(Instant.parse("2026-11-01T00:00:00Z"));
  private final StepFunctionsService service =
      StepFunctionsService.builder()
          .clock(clock)
          .retention(new Retention(3, Duration.ofHours(1)))
          .build();

  @AfterEach
  void close() {
    service.close();
  }

  private String machine(String name, String definition) {
    return service.createStateMachine(name, definition, ROLE, null, null, null, null, null).arn();
  }

  private String run(String machine, String name, String input) throws InterruptedException {
    String arn = service.startExecution(machine, name, input).arn();
    for (int i = 0;
        i < 500 && service.describeExecution(arn).status() == ExecutionStatus.RUNNING;
        i++) {
      Thread.sleep(10);
    }
    assertThat(service.describeExecution(arn).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    return arn;
  }

  private List<String> listed(String machine) {
    return service.listExecutions(machine, null, null, null, 100, null).items().stream()
        .map(ExecutionSnapshot::name)
        .toList();
  }

  @Test
  void keepsTheLastFinishedExecutionsUpToTheCount() throws InterruptedException {
    String sm = machine("pass", PASS);
    String first = run(sm, "e1", "{}");
    run(sm, "e2", "{}");
    run(sm, "e3", "{}");
    run(sm, "e4", "{}");
    run(sm, "e5", "{}");

    assertThat(listed(sm)).containsExactly("e5", "e4", "e3");
    assertThatThrownBy(() -> service.describeExecution(first))
        .isInstanceOf(ServiceException.class)
        .hasMessageContaining("Execution Does Not Exist");
    assertThatThrownBy(() -> service.getExecutionHistory(first, null, null, false))
        .isInstanceOf(ServiceException.class);
  }

  @Test
  void aDroppedNameCanBeUsedAgain() throws InterruptedException {
    String sm = machine("pass", PASS);
    for (int i = 1; i <= 4; i++) {
      run(sm, "e" + i, "{}");
    }

    run(sm, "e1", "{\"again\":true}");

    assertThat(listed(sm)).containsExactly("e1", "e4", "e3");
  }

  @Test
  void dropsFinishedExecutionsOlderThanTheAgeButNeverRunningOnes() throws InterruptedException {
    String pass = machine("pass", PASS);
    String waits = machine("waits", WAIT_A_DAY);
    run(pass, "old", "{}");
    String waiting = service.startExecution(waits, "waiting", "{}").arn();

    clock.advance(Duration.ofMinutes(61));

    assertThat(listed(pass)).isEmpty();
    assertThat(listed(waits)).containsExactly("waiting");
    assertThat(service.describeExecution(waiting).status()).isEqualTo(ExecutionStatus.RUNNING);
  }

  @Test
  void dropsTheMapRunsOfADroppedExecution() throws InterruptedException {
    String map = machine("map", DISTRIBUTED);
    String pass = machine("pass", PASS);
    String parent = run(map, "parent", "[1, 2]");
    String mapRun = service.listMapRuns(parent, null, null).items().get(0).arn();
    assertThat(service.describeMapRun(mapRun).executionArn()).isEqualTo(parent);

    for (int i = 1; i <= 3; i++) {
      run(pass, "e" + i, "{}");
    }

    assertThatThrownBy(() -> service.describeMapRun(mapRun)).isInstanceOf(ServiceException.class);
    assertThatThrownBy(() -> service.listMapRuns(parent, null, null))
        .isInstanceOf(ServiceException.class);
  }

  @Test
  void refusesARetentionThatKeepsNothing() {
    assertThatThrownBy(() -> new Retention(0, Duration.ofHours(1)))
        .hasMessage("maxExecutions must be >= 1, was 0");
    assertThatThrownBy(() -> new Retention(1, Duration.ZERO))
        .hasMessage("maxAge must be > 0, was PT0S");
    assertThatThrownBy(() -> Retention.parseAge("ten minutes"))
        .hasMessage("expected a duration such as 30s, 5m, 24h, 90d or PT24H, found 'ten minutes'");
    assertThat(Retention.parseAge("24h")).isEqualTo(Duration.ofHours(24));
    assertThat(Retention.parseAge("PT30S")).isEqualTo(Duration.ofSeconds(30));
  }
}
