package dev.redrive.simulator.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.execution.RedriveStatus;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.history.HistoryJson;
import dev.redrive.simulator.runtime.VirtualClock;
import dev.redrive.simulator.store.SqliteStateStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service started again on the store of an earlier one lists and describes everything. */
class DurableStateTest {
  private static final String ROLE = "arn:aws:iam::111111111111:role/sfn";
  private static final String PASS =
      "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":{\"ok\":1},\"End\":true}}}";
  private static final String FAIL =
      "{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"Boom\",\"Cause\":\"c\"}}}";

  /** Waits for an activity worker that never comes. */
  private static final String WAIT =
      "{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Task\",\"Resource\":"
          + "\"arn:aws:states:us-east-1:111111111111:activity:nobody\",\"End\":true}}}";

  @TempDir Path dir;

  private final VirtualClock clock = new VirtualClock(Instant.parse("2026-11-01T00:00:00Z"));

  private StepFunctionsService open() {
    return StepFunctionsService.builder().clock(clock).store(SqliteStateStore.open(dir)).build();
  }

  private static void awaitEnd(StepFunctionsService service, String arn)
      throws InterruptedException {
    for (int i = 0;
        i < 500 && service.describeExecution(arn).status() == ExecutionStatus.RUNNING;
        i++) {
      Thread.sleep(10);
    }
  }

  private static String history(StepFunctionsService service, String arn) {
    List<HistoryEvent> events = service.getExecutionHistory(arn, 1000, null, false).items();
    return HistoryJson.response(events).toString();
  }

  @Test
  void listsStateMachinesActivitiesExecutionsAndHistoriesAfterARestart()
      throws InterruptedException {
    String pass;
    String fail;
    String waits;
    String succeeded;
    String failed;
    String waiting;
    String passHistory;
    String failHistory;
    String activity;
    try (StepFunctionsService service = open()) {
      pass = service.createStateMachine("pass", PASS, ROLE, null, null, null, null, null).arn();
      fail = service.createStateMachine("fail", FAIL, ROLE, null, null, null, null, null).arn();
      waits = service.createStateMachine("waits", WAIT, ROLE, null, null, null, null, null).arn();
      activity = service.createActivity("approve").arn();
      succeeded = service.startExecution(pass, "ok", "{\"n\": 1}").arn();
      failed = service.startExecution(fail, "ko", "{}").arn();
      waiting = service.startExecution(waits, "waiting", "{}").arn();
      awaitEnd(service, succeeded);
      awaitEnd(service, failed);
      service.updateStateMachine(
          pass, PASS.replace("\"ok\":1", "\"ok\":2"), null, null, null, null, null);
      passHistory = history(service, succeeded);
      failHistory = history(service, failed);
    }

    try (StepFunctionsService service = open()) {
      assertThat(service.listStateMachines(null, null).items())
          .extracting(StateMachine::name)
          .containsExactly("pass", "fail", "waits");
      assertThat(service.describeStateMachine(pass).definition()).contains("\"ok\":2");
      assertThat(service.describeStateMachineForExecution(succeeded).definition())
          .contains("\"ok\":1");
      assertThat(service.listActivities(null, null).items())
          .extracting(Activity::arn)
          .containsExactly(activity);

      ExecutionSnapshot ok = service.describeExecution(succeeded);
      assertThat(ok.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(ok.input()).isEqualTo("{\"n\": 1}");
      assertThat(ok.outputText()).contains("{\"ok\":1}");
      assertThat(history(service, succeeded)).isEqualTo(passHistory);

      ExecutionSnapshot ko = service.describeExecution(failed);
      assertThat(ko.status()).isEqualTo(ExecutionStatus.FAILED);
      assertThat(ko.error()).contains("Boom");
      assertThat(ko.redriveStatus()).isEqualTo(RedriveStatus.REDRIVABLE);
      assertThat(history(service, failed)).isEqualTo(failHistory);

      assertThat(service.listExecutions(waits, null, null, null, null, null).items())
          .extracting(ExecutionSnapshot::arn, ExecutionSnapshot::status)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(waiting, ExecutionStatus.RUNNING));

      // a new execution after the restart is listed with the old ones, newest first
      String again = service.startExecution(pass, "again", "{}").arn();
      awaitEnd(service, again);
      assertThat(service.listExecutions(pass, null, null, null, null, null).items())
          .extracting(ExecutionSnapshot::name)
          .containsExactly("again", "ok");
    }
  }

  @Test
  void anExecutionLeftRunningCanBeStoppedAfterARestart() {
    String waiting;
    try (StepFunctionsService service = open()) {
      String waits =
          service.createStateMachine("waits", WAIT, ROLE, null, null, null, null, null).arn();
      waiting = service.startExecution(waits, "waiting", "{}").arn();
    }

    try (StepFunctionsService service = open()) {
      ExecutionSnapshot stopped = service.stopExecution(waiting, "Operator", "restarted");

      assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
      List<HistoryEvent> events = service.getExecutionHistory(waiting, 1000, null, false).items();
      assertThat(events.get(events.size() - 1).type()).isEqualTo("ExecutionAborted");
    }
    try (StepFunctionsService service = open()) {
      assertThat(service.describeExecution(waiting).status()).isEqualTo(ExecutionStatus.ABORTED);
      assertThat(service.describeExecution(waiting).error()).isEqualTo(Optional.of("Operator"));
    }
  }
}
