package dev.redrive.functions.controller;

import static dev.redrive.functions.testing.SampleEvents.executionArn;
import static dev.redrive.functions.testing.SampleEvents.failed;
import static dev.redrive.functions.testing.SampleEvents.stateMachineArn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.functions.controller.Outcome.Result;
import dev.redrive.functions.ledger.AuditRecord;
import dev.redrive.functions.ledger.DynamoDbLedger;
import dev.redrive.functions.ledger.DynamoDbLedgerTest;
import dev.redrive.functions.ledger.InMemoryLedger;
import dev.redrive.functions.ledger.Ledger;
import dev.redrive.functions.observe.DecisionLog;
import dev.redrive.functions.sfn.ResilienceSettings;
import dev.redrive.functions.sfn.StepFunctionsGateway;
import dev.redrive.functions.testing.FakeStepFunctions;
import dev.redrive.functions.testing.MutableClock;
import dev.redrive.functions.testing.RecordingDelayQueue;
import dev.redrive.functions.testing.RecordingNotifier;
import dev.redrive.policy.MalformedEventException;
import dev.redrive.policy.Policy;
import dev.redrive.policy.PolicyLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;

class RedriveControllerTest {
  // The captured event's stopDate is 2023-11-16T06:38:02.923Z; decisions happen a minute later.
  static final Instant NOW = Instant.parse("2023-11-16T06:39:00Z");
  static final String INPUT = "{\"FunctionName\":\"test\"}";

  FakeStepFunctions sfn;
  InMemoryLedger ledger;
  RecordingDelayQueue delays;
  RecordingNotifier notifier;
  MutableClock clock;
  ByteArrayOutputStream logs;

  @BeforeEach
  void setUp() {
    sfn = new FakeStepFunctions();
    ledger = new InMemoryLedger();
    delays = new RecordingDelayQueue();
    notifier = new RecordingNotifier();
    clock = new MutableClock(NOW);
    logs = new ByteArrayOutputStream();
  }

  static Policy policy() {
    try {
      return PolicyLoader.load(
          Path.of(RedriveControllerTest.class.getResource("/controller-policy.yaml").toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  RedriveController controller(ResilienceSettings settings, Ledger ledger) {
    return controller(settings, ledger, ControllerSettings.DEFAULTS);
  }

  RedriveController shadowController() {
    return controller(
        ResilienceSettings.DEFAULTS,
        ledger,
        ControllerSettings.DEFAULTS.withMode(ControllerMode.SHADOW));
  }

  RedriveController controller(
      ResilienceSettings settings, Ledger ledger, ControllerSettings controllerSettings) {
    DecisionLog log = new DecisionLog(new PrintStream(logs, true, StandardCharsets.UTF_8));
    return new RedriveController(
        policy(),
        new StepFunctionsGateway(
            sfn, settings, () -> log.throttle(clock.instant()), new Random(11)::nextDouble),
        ledger,
        delays,
        notifier,
        log,
        clock,
        new Random(7),
        controllerSettings);
  }

  RedriveController controller() {
    return controller(ResilienceSettings.DEFAULTS, ledger);
  }

  /** The fake's execution fails again: what Step Functions does when the redriven run fails. */
  void failAgain(String arn) {
    sfn.get(arn).status = "FAILED";
  }

  @Test
  void redrivesATransientFailureUntilItSucceeds() {
    String arn = executionArn("orders", "e1");
    sfn.add(arn, stateMachineArn("orders"), "FAILED", 0, INPUT);
    RedriveController controller = controller();

    assertThat(controller.handle(failed("orders", "e1", 0, "Lambda.AWSLambdaException", INPUT)))
        .extracting(Outcome::result)
        .isEqualTo(Result.REDRIVEN);
    failAgain(arn);
    assertThat(controller.handle(failed("orders", "e1", 1, "Lambda.AWSLambdaException", INPUT)))
        .extracting(Outcome::result)
        .isEqualTo(Result.REDRIVEN);
    sfn.get(arn).status = "SUCCEEDED";

    assertThat(sfn.redrives()).containsExactly(arn, arn);
    assertThat(sfn.get(arn).redriveCount).isEqualTo(2);
    assertThat(notifier.notices()).isEmpty();
    assertThat(logs.toString(StandardCharsets.UTF_8))
        .contains("\"action\":\"REDRIVE\"", "\"rule\":\"transient\"")
        .doesNotContain("FunctionName");
  }

  @Test
  void givesUpAtTheLimitAndPublishesTheGiveUp() {
    String arn = executionArn("orders", "e2");
    sfn.add(arn, stateMachineArn("orders"), "FAILED", 0, INPUT);
    RedriveController controller = controller();
    for (int count = 0; count < 3; count++) {
      assertThat(controller.handle(failed("orders", "e2", count, "States.TaskFailed", INPUT)))
          .extracting(Outcome::result)
          .isEqualTo(Result.REDRIVEN);
      failAgain(arn);
    }
    Outcome last = controller.handle(failed("orders", "e2", 3, "States.TaskFailed", INPUT));

    assertThat(last.result()).isEqualTo(Result.GAVE_UP);
    assertThat(sfn.redrives()).hasSize(3);
    assertThat(notifier.notices())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.executionArn()).isEqualTo(arn);
              assertThat(n.redriveCount()).isEqualTo(3);
              assertThat(n.error()).contains("States.TaskFailed");
              assertThat(n.rule()).contains("transient");
              assertThat(n.reason()).contains("limit");
            });
  }

  @Test
  void neverRedrivesAnInputError() {
    String arn = executionArn("orders", "e3");
    sfn.add(arn, stateMachineArn("orders"), "FAILED", 0, INPUT);
    Outcome outcome = controller().handle(failed("orders", "e3", 0, "States.Runtime", INPUT));
    assertThat(outcome.result()).isEqualTo(Result.GAVE_UP);
    assertThat(outcome.decision().get().rule()).contains("input-errors");
    assertThat(sfn.redrives()).isEmpty();
    assertThat(notifier.notices()).hasSize(1);
  }

  @Test
  void duplicateGiveUpEventsPublishOnce() {
    String arn = executionArn("orders", "e4");
    sfn.add(arn, stateMachineArn("orders"), "FAILED", 0, INPUT);
    RedriveController controller = controller();
    String event = failed("orders", "e4", 0, "States.Runtime", INPUT);
    controller.handle(event);
    assertThat(controller.handle(event).result()).isEqualTo(Result.DUPLICATE);
    assertThat(notifier.notices()).hasSize(1);
  }

  @Test
  void exactlyOneRedrivePerExecutionAndCountUnderDuplicatesAndDisorder() throws Exception {
    exactlyOneRedrivePerExecutionAndCount(ledger);
  }

  @Test
  void exactlyOneRedrivePerExecutionAndCountWithTheDynamoDbLedger() throws Exception {
    DynamoDbClient dynamo = DynamoDBEmbedded.create().dynamoDbClient();
    try {
      DynamoDbLedgerTest.createTable(dynamo, "ledger");
      exactlyOneRedrivePerExecutionAndCount(new DynamoDbLedger(dynamo, "ledger"));
    } finally {
      dynamo.close();
    }
  }

  void exactlyOneRedrivePerExecutionAndCount(Ledger ledger) throws Exception {
    // 7,000 failed executions at redriveCount 0..2, 3,000 duplicates (30%), and stale events
    // for counts already passed, shuffled and handled by 8 threads at once.
    Random random = new Random(42);
    List<String> events = new ArrayList<>();
    Map<String, Integer> countOf = new HashMap<>();
    for (int i = 0; i < 7_000; i++) {
      int count = i % 3;
      String name = "x" + i;
      sfn.add(executionArn("orders", name), stateMachineArn("orders"), "FAILED", count, INPUT);
      countOf.put(executionArn("orders", name), count);
      events.add(failed("orders", name, count, "States.TaskFailed", INPUT));
    }
    for (int i = 0; i < 3_000; i++) {
      int pick = random.nextInt(7_000);
      int count = pick % 3;
      int stale = count > 0 && random.nextBoolean() ? count - 1 : count;
      events.add(failed("orders", "x" + pick, stale, "States.TaskFailed", INPUT));
    }
    Collections.shuffle(events, random);
    assertThat(events).hasSize(10_000);

    ResilienceSettings unthrottled =
        new ResilienceSettings(
            5,
            Duration.ofMillis(1),
            Duration.ofMillis(2),
            1_000_000,
            Duration.ofSeconds(5),
            50f,
            Duration.ofSeconds(30));
    RedriveController controller = controller(unthrottled, ledger);
    ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    for (String event : events) {
      pool.execute(() -> outcomes.add(controller.handle(event)));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();

    assertThat(outcomes).hasSize(10_000);
    assertThat(sfn.redrives()).hasSize(7_000).doesNotHaveDuplicates();
    countOf.forEach((arn, count) -> assertThat(sfn.get(arn).redriveCount).isEqualTo(count + 1));
    // A duplicate that raced the first claim may repeat the call with the same client token, which
    // Step Functions answers as the same request: the redrive itself still happens once.
    assertThat(outcomes.stream().filter(o -> o.result() == Result.REDRIVEN).count())
        .isBetween(7_000L, 7_000L + 3_000L);
  }

  @Test
  void losesNothingWhenHalfTheCallsAreThrottled() {
    ResilienceSettings eager =
        new ResilienceSettings(
            4,
            Duration.ofMillis(1),
            Duration.ofMillis(2),
            10_000,
            Duration.ofSeconds(5),
            100f,
            Duration.ofMillis(1));
    RedriveController controller = controller(eager, ledger);
    Random coin = new Random(3);
    sfn.throttleWhen(coin::nextBoolean);
    List<String> queue = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      sfn.add(executionArn("orders", "t" + i), stateMachineArn("orders"), "FAILED", 0, INPUT);
      queue.add(failed("orders", "t" + i, 0, "Lambda.TooManyRequestsException", INPUT));
    }
    int requeued = 0;
    // What SQS does: a message whose handling threw comes back; bounded so the test ends.
    for (int round = 0; round < 50 && !queue.isEmpty(); round++) {
      List<String> again = new ArrayList<>();
      for (String event : queue) {
        try {
          controller.handle(event);
        } catch (RuntimeException e) {
          again.add(event);
        }
      }
      requeued += again.size();
      queue = again;
    }
    assertThat(queue).isEmpty();
    assertThat(sfn.throttledCalls()).isGreaterThan(100);
    assertThat(sfn.redrives()).hasSize(300).doesNotHaveDuplicates();
    assertThat(logs.toString(StandardCharsets.UTF_8)).contains("\"Throttles\":1");
    // Some messages failed even after their retries and came back: the path SQS takes is taken.
    assertThat(requeued).isPositive();
  }

  @Test
  void redrivesAChildOnlyWhileItsParentWaits() {
    String parent = executionArn("parent", "p1");
    String child = executionArn("child", "c1");
    String childInput = "{\"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID\":\"" + parent + "\"}";
    sfn.add(parent, stateMachineArn("parent"), "RUNNING", 0, "{}");
    sfn.add(child, stateMachineArn("child"), "FAILED", 0, childInput);
    RedriveController controller = controller();

    assertThat(
            controller.handle(failed("child", "c1", 0, "States.TaskFailed", childInput)).result())
        .isEqualTo(Result.REDRIVEN);

    failAgain(child);
    sfn.get(parent).status = "FAILED";
    Outcome deferred = controller.handle(failed("child", "c1", 1, "States.TaskFailed", childInput));
    assertThat(deferred.result()).isEqualTo(Result.DEFERRED);
    assertThat(deferred.detail()).contains(parent, "FAILED");
    assertThat(controller.handle(failed("parent", "p1", 0, "States.TaskFailed", "{}")).result())
        .isEqualTo(Result.REDRIVEN);
    assertThat(sfn.redrives()).containsExactly(child, parent);
  }

  @Test
  void delaysInHopsOfAtMostFifteenMinutesThenRedrivesIfStillFailed() {
    String arn = executionArn("slow-orders", "d1");
    sfn.add(arn, stateMachineArn("slow-orders"), "FAILED", 0, INPUT);
    RedriveController controller = controller();

    Outcome first = controller.handle(failed("slow-orders", "d1", 0, "States.TaskFailed", INPUT));
    assertThat(first.result()).isEqualTo(Result.DELAYED);
    RecordingDelayQueue.Sent hop1 = delays.take();
    assertThat(hop1.delay()).isEqualTo(Duration.ofMinutes(15));

    clock.advance(Duration.ofMinutes(15));
    assertThat(controller.handle(hop1.body()).result()).isEqualTo(Result.DELAYED);
    RecordingDelayQueue.Sent hop2 = delays.take();
    assertThat(hop2.delay()).isEqualTo(Duration.ofMinutes(5));
    assertThat(sfn.redrives()).isEmpty();

    clock.advance(Duration.ofMinutes(5));
    assertThat(controller.handle(hop2.body()).result()).isEqualTo(Result.REDRIVEN);
    assertThat(sfn.redrives()).containsExactly(arn);
  }

  @Test
  void delayedChildRedriveIsDeferredWhenItsParentFailedMeanwhile() {
    String parent = executionArn("parent", "p2");
    String child = executionArn("slow-orders", "c2");
    String childInput = "{\"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID\":\"" + parent + "\"}";
    sfn.add(parent, stateMachineArn("parent"), "RUNNING", 0, "{}");
    sfn.add(child, stateMachineArn("slow-orders"), "FAILED", 0, childInput);
    RedriveController controller = controller();

    Outcome first =
        controller.handle(failed("slow-orders", "c2", 0, "States.TaskFailed", childInput));
    assertThat(first.result()).isEqualTo(Result.DELAYED);
    sfn.get(parent).status = "FAILED"; // the parent timed out while the child's redrive waited
    clock.advance(Duration.ofMinutes(15));
    assertThat(controller.handle(delays.take().body()).result()).isEqualTo(Result.DELAYED);
    clock.advance(Duration.ofMinutes(5));
    Outcome due = controller.handle(delays.take().body());

    assertThat(due.result()).isEqualTo(Result.DEFERRED);
    assertThat(due.detail()).contains(parent, "FAILED");
    assertThat(sfn.redrives()).isEmpty();
  }

  @Test
  void delayedRedriveIsDroppedWhenTheExecutionMovedOn() {
    String arn = executionArn("slow-orders", "d2");
    sfn.add(arn, stateMachineArn("slow-orders"), "FAILED", 0, INPUT);
    RedriveController controller = controller();
    controller.handle(failed("slow-orders", "d2", 0, "States.TaskFailed", INPUT));
    RecordingDelayQueue.Sent hop = delays.take();
    sfn.get(arn).status = "SUCCEEDED"; // someone redrove it by hand meanwhile
    sfn.get(arn).redriveCount = 1;
    clock.advance(Duration.ofMinutes(15));
    assertThat(controller.handle(hop.body()).result()).isEqualTo(Result.DELAYED);
    clock.advance(Duration.ofMinutes(5));
    Outcome due = controller.handle(delays.take().body());
    assertThat(due.result()).isEqualTo(Result.SUPERSEDED);
    assertThat(due.detail()).contains("SUCCEEDED at redriveCount 1");
    assertThat(sfn.redrives()).isEmpty();
  }

  @Test
  void givesUpWhenTheExecutionEndedInAFailStateReachedThroughACatch() {
    String arn = executionArn("orders", "f1");
    sfn.add(arn, stateMachineArn("orders"), "FAILED", 0, INPUT);
    sfn.get(arn).history =
        List.of(
            entered(HistoryEventType.TASK_STATE_ENTERED, "Charge"),
            HistoryEvent.builder().type(HistoryEventType.TASK_FAILED).build(),
            exited(HistoryEventType.TASK_STATE_EXITED, "Charge"),
            entered(HistoryEventType.FAIL_STATE_ENTERED, "Failed"),
            HistoryEvent.builder().type(HistoryEventType.EXECUTION_FAILED).build());
    Outcome outcome = controller().handle(failed("orders", "f1", 0, "States.TaskFailed", INPUT));
    assertThat(outcome.result()).isEqualTo(Result.GAVE_UP);
    assertThat(outcome.detail()).contains("Fail state 'Failed'", "Catch");
    assertThat(sfn.redrives()).isEmpty();
  }

  @Test
  void stopsARedriveStormWithTheStateMachinesBudget() {
    RedriveController controller = controller();
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sfn.add(executionArn("fragile-a", "s" + i), stateMachineArn("fragile-a"), "FAILED", 0, INPUT);
      results.add(
          controller.handle(failed("fragile-a", "s" + i, 0, "States.TaskFailed", INPUT)).result());
    }
    sfn.add(executionArn("fragile-b", "other"), stateMachineArn("fragile-b"), "FAILED", 0, INPUT);
    Outcome otherMachine =
        controller.handle(failed("fragile-b", "other", 0, "States.TaskFailed", INPUT));
    clock.advance(Duration.ofHours(1));
    sfn.add(executionArn("fragile-a", "later"), stateMachineArn("fragile-a"), "FAILED", 0, INPUT);
    Outcome nextWindow =
        controller.handle(failed("fragile-a", "later", 0, "States.TaskFailed", INPUT));

    assertThat(results)
        .containsExactly(
            Result.REDRIVEN, Result.REDRIVEN, Result.REDRIVEN, Result.GAVE_UP, Result.GAVE_UP);
    assertThat(notifier.notices())
        .hasSize(2)
        .allSatisfy(n -> assertThat(n.reason()).startsWith("budget exhausted: at most 3 redrives"));
    assertThat(otherMachine.result()).isEqualTo(Result.REDRIVEN);
    assertThat(nextWindow.result()).isEqualTo(Result.REDRIVEN);
  }

  @Test
  void redrivesAFailStateReachedWithoutACatchAlsoAfterAnEarlierRedrive() {
    String arn = executionArn("orders", "f2");
    sfn.add(arn, stateMachineArn("orders"), "FAILED", 1, INPUT);
    sfn.get(arn).history =
        List.of(
            HistoryEvent.builder().type(HistoryEventType.EXECUTION_STARTED).build(),
            entered(HistoryEventType.PASS_STATE_ENTERED, "Prepare"),
            exited(HistoryEventType.PASS_STATE_EXITED, "Prepare"),
            entered(HistoryEventType.FAIL_STATE_ENTERED, "Failed"),
            HistoryEvent.builder().type(HistoryEventType.EXECUTION_FAILED).build(),
            HistoryEvent.builder().type(HistoryEventType.EXECUTION_REDRIVEN).build(),
            entered(HistoryEventType.FAIL_STATE_ENTERED, "Failed"),
            HistoryEvent.builder().type(HistoryEventType.EXECUTION_FAILED).build());
    Outcome outcome = controller().handle(failed("orders", "f2", 1, "States.TaskFailed", INPUT));
    assertThat(outcome.result()).isEqualTo(Result.REDRIVEN);
    assertThat(sfn.redrives()).containsExactly(arn);
  }

  @Test
  void rejectsMalformedEventsWithAClearMessage() {
    assertThatThrownBy(() -> controller().handle("not json"))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> controller().handle("{\"detail\":{}}"))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("executionArn");
  }

  static HistoryEvent entered(HistoryEventType type, String name) {
    return HistoryEvent.builder().type(type).stateEnteredEventDetails(d -> d.name(name)).build();
  }

  static HistoryEvent exited(HistoryEventType type, String name) {
    return HistoryEvent.builder().type(type).stateExitedEventDetails(d -> d.name(name)).build();
  }

  @Test
  void shadowModeDecidesLogsAndAuditsARedriveButCallsNothing() throws Exception {
    String arn = executionArn("orders", "s1");
    sfn.add(arn, stateMachineArn("orders"), "FAILED", 0, INPUT);

    Outcome outcome =
        shadowController().handle(failed("orders", "s1", 0, "Lambda.AWSLambdaException", INPUT));

    assertThat(outcome.result()).isEqualTo(Result.REDRIVEN);
    assertThat(outcome.taken()).isFalse();
    assertThat(outcome.decision().get().rule()).contains("transient");
    assertThat(sfn.redrives()).isEmpty();
    assertThat(ledger.claim(arn, 0, NOW)).isEqualTo(Ledger.ClaimResult.CLAIMED);
    assertThat(ledger.auditTrail())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.action()).isEqualTo("REDRIVE");
              assertThat(r.taken()).isFalse();
              assertThat(r.rule()).contains("transient");
            });
    JsonNode line = new ObjectMapper().readTree(logs.toString(StandardCharsets.UTF_8));
    assertThat(line.get("action").asText()).isEqualTo("REDRIVE");
    assertThat(line.get("taken").asBoolean()).isFalse();
    assertThat(line.get("Decisions").asInt()).isEqualTo(1);
  }

  @Test
  void shadowModePublishesNoGiveUpAndQueuesNoDelay() {
    sfn.add(executionArn("orders", "s2"), stateMachineArn("orders"), "FAILED", 0, INPUT);
    sfn.add(executionArn("slow-orders", "s3"), stateMachineArn("slow-orders"), "FAILED", 0, INPUT);
    RedriveController controller = shadowController();

    Outcome giveUp = controller.handle(failed("orders", "s2", 0, "States.Runtime", INPUT));
    Outcome delayed = controller.handle(failed("slow-orders", "s3", 0, "States.TaskFailed", INPUT));

    assertThat(giveUp.result()).isEqualTo(Result.GAVE_UP);
    assertThat(giveUp.taken()).isFalse();
    assertThat(delayed.result()).isEqualTo(Result.DELAYED);
    assertThat(delayed.taken()).isFalse();
    assertThat(delayed.detail()).contains("would be due at 2023-11-16T06:59:00Z");
    assertThat(notifier.notices()).isEmpty();
    assertThat(delays.size()).isZero();
    assertThat(ledger.claimNotice(executionArn("orders", "s2"), 0, NOW)).isTrue();
    assertThat(ledger.auditTrail()).extracting(AuditRecord::taken).containsExactly(false, false);
  }

  @Test
  void shadowModeReportsASupersededEventAsEnforceWould() {
    String arn = executionArn("orders", "s4");
    sfn.add(arn, stateMachineArn("orders"), "RUNNING", 1, INPUT);
    Outcome outcome =
        shadowController().handle(failed("orders", "s4", 0, "States.TaskFailed", INPUT));
    assertThat(outcome.result()).isEqualTo(Result.SUPERSEDED);
    assertThat(outcome.taken()).isFalse();
  }

  @Test
  void aSweepRedrivesNowWhateverTheBackoffAndReportsGiveUpsWithoutPublishing() {
    String slow = executionArn("slow-orders", "w1");
    sfn.add(slow, stateMachineArn("slow-orders"), "FAILED", 0, INPUT);
    sfn.add(executionArn("orders", "w2"), stateMachineArn("orders"), "FAILED", 0, INPUT);
    RedriveController controller = controller();

    Outcome redriven =
        controller.handleNow(failed("slow-orders", "w1", 0, "States.TaskFailed", INPUT));
    Outcome gaveUp = controller.handleNow(failed("orders", "w2", 0, "States.Runtime", INPUT));

    assertThat(redriven.result()).isEqualTo(Result.REDRIVEN);
    assertThat(redriven.taken()).isTrue();
    assertThat(redriven.decision().get().delaySeconds()).isEqualTo(20 * 60);
    assertThat(sfn.redrives()).containsExactly(slow);
    assertThat(delays.size()).isZero();
    assertThat(gaveUp.result()).isEqualTo(Result.GAVE_UP);
    assertThat(gaveUp.taken()).isFalse();
    assertThat(notifier.notices()).isEmpty();
    assertThat(controller.handleNow(failed("slow-orders", "w1", 0, "States.TaskFailed", INPUT)))
        .extracting(Outcome::result)
        .isEqualTo(Result.DUPLICATE);
    assertThat(sfn.redrives()).hasSize(1);
  }
}
