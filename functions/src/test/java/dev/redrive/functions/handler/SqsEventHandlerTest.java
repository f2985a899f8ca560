package dev.redrive.functions.handler;

import static dev.redrive.functions.testing.SampleEvents.executionArn;
import static dev.redrive.functions.testing.SampleEvents.failed;
import static dev.redrive.functions.testing.SampleEvents.stateMachineArn;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.redrive.functions.controller.ControllerSettings;
import dev.redrive.functions.controller.RedriveController;
import dev.redrive.functions.ledger.InMemoryLedger;
import dev.redrive.functions.observe.DecisionLog;
import dev.redrive.functions.sfn.ResilienceSettings;
import dev.redrive.functions.sfn.StepFunctionsGateway;
import dev.redrive.functions.testing.FakeStepFunctions;
import dev.redrive.functions.testing.MutableClock;
import dev.redrive.functions.testing.RecordingDelayQueue;
import dev.redrive.functions.testing.RecordingNotifier;
import dev.redrive.functions.testing.SampleEvents;
import dev.redrive.policy.PolicyLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SqsEventHandlerTest {
  static final String INPUT = "{\"FunctionName\":\"test\"}";

  final FakeStepFunctions sfn = new FakeStepFunctions();
  final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  final MutableClock clock = new MutableClock(Instant.parse("2023-11-16T06:39:00Z"));

  SqsEventHandler handler() {
    DecisionLog log = new DecisionLog(new PrintStream(logs, true, StandardCharsets.UTF_8));
    RedriveController controller =
        new RedriveController(
            PolicyLoader.parse(resource("/controller-policy.yaml"), "controller-policy.yaml"),
            new StepFunctionsGateway(sfn, ResilienceSettings.DEFAULTS, () -> {}),
            new InMemoryLedger(),
            new RecordingDelayQueue(),
            new RecordingNotifier(),
            log,
            clock,
            new Random(1),
            ControllerSettings.DEFAULTS);
    return new SqsEventHandler(controller, log, clock);
  }

  static String resource(String name) {
    try (InputStream in = SqsEventHandlerTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static SQSEvent batch(String... bodies) {
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (int i = 0; i < bodies.length; i++) {
      SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
      m.setMessageId("m" + i);
      m.setBody(bodies[i]);
      records.add(m);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(records);
    return event;
  }

  @Test
  void reportsOnlyMalformedRecordsAsFailedAndHandlesTheRest() {
    sfn.add(executionArn("orders", "a"), stateMachineArn("orders"), "FAILED", 0, INPUT);
    sfn.add(executionArn("orders", "b"), stateMachineArn("orders"), "FAILED", 0, INPUT);
    SQSBatchResponse response =
        handler()
            .handleRequest(
                batch(
                    failed("orders", "a", 0, "States.TaskFailed", INPUT),
                    "this is not json",
                    SampleEvents.load("events/malformed/no-execution-arn.json").toString(),
                    failed("orders", "b", 0, "States.TaskFailed", INPUT)),
                null);

    assertThat(response.getBatchItemFailures())
        .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("m1", "m2");
    assertThat(sfn.redrives())
        .containsExactly(executionArn("orders", "a"), executionArn("orders", "b"));
    String log = logs.toString(StandardCharsets.UTF_8);
    assertThat(log)
        .contains("\"messageId\":\"m1\"", "malformed event: expected an EventBridge event as JSON")
        .contains("\"messageId\":\"m2\"", "executionArn");
  }

  @Test
  void returnsARecordToTheQueueWhenStepFunctionsKeepsFailing() {
    sfn.add(executionArn("orders", "c"), stateMachineArn("orders"), "FAILED", 0, INPUT);
    sfn.throttleWhen(() -> true);
    SqsEventHandler handler =
        new SqsEventHandler(
            new RedriveController(
                PolicyLoader.parse(resource("/controller-policy.yaml"), "p.yaml"),
                new StepFunctionsGateway(
                    sfn,
                    new ResilienceSettings(
                        2,
                        java.time.Duration.ofMillis(1),
                        java.time.Duration.ofMillis(1),
                        100,
                        java.time.Duration.ofSeconds(1),
                        50f,
                        java.time.Duration.ofSeconds(30)),
                    () -> {}),
                new InMemoryLedger(),
                new RecordingDelayQueue(),
                new RecordingNotifier(),
                new DecisionLog(new PrintStream(logs, true, StandardCharsets.UTF_8)),
                clock,
                new Random(1),
                ControllerSettings.DEFAULTS),
            new DecisionLog(new PrintStream(logs, true, StandardCharsets.UTF_8)),
            clock);
    SQSBatchResponse response =
        handler.handleRequest(batch(failed("orders", "c", 0, "States.TaskFailed", INPUT)), null);
    assertThat(response.getBatchItemFailures()).hasSize(1);
    assertThat(logs.toString(StandardCharsets.UTF_8)).contains("will be retried", "Rate exceeded");
  }
}
