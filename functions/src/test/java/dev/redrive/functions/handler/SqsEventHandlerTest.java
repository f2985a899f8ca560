package dev.redrive.functions.handler;

import static dev.redrive.functions.testing.SampleEvents.executionArn;
import static dev.redrive.functions.testing.SampleEvents.stateMachineArn;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
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
import dev.redrive.functions.testing.SqsEvents;
import dev.redrive.policy.PolicyLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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

  @Test
  void reportsOnlyMalformedRecordsAsFailedAndHandlesTheRest() {
    sfn.add(executionArn("orders", "a"), stateMachineArn("orders"), "FAILED", 0, INPUT);
    sfn.add(executionArn("orders", "b"), stateMachineArn("orders"), "FAILED", 0, INPUT);
    SQSBatchResponse response =
        handler().handleRequest(SqsEvents.load("sqs/two-failures-two-malformed.json"), null);

    assertThat(response.getBatchItemFailures())
        .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly(
            "2e1424d4-f796-459a-8184-9c92662be6da", "5f1e2c1c-3a0b-4d7c-9f5e-0a8b7c6d5e4f");
    assertThat(sfn.redrives())
        .containsExactly(executionArn("orders", "a"), executionArn("orders", "b"));
    String log = logs.toString(StandardCharsets.UTF_8);
    assertThat(log)
        .contains(
            "\"messageId\":\"2e1424d4-f796-459a-8184-9c92662be6da\"",
            "malformed event: expected an EventBridge event as JSON")
        .contains("\"messageId\":\"5f1e2c1c-3a0b-4d7c-9f5e-0a8b7c6d5e4f\"", "executionArn");
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
    SQSBatchResponse response = handler.handleRequest(SqsEvents.load("sqs/one-failure.json"), null);
    assertThat(response.getBatchItemFailures())
        .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("c9b8a7d6-e5f4-4a3b-8c2d-1e0f9a8b7c6d");
    assertThat(logs.toString(StandardCharsets.UTF_8)).contains("will be retried", "Rate exceeded");
  }
}
