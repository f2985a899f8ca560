package dev.redrive.functions.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.functions.controller.ControllerSettings;
import dev.redrive.functions.controller.Outcome;
import dev.redrive.functions.controller.Outcome.Result;
import dev.redrive.functions.controller.RedriveController;
import dev.redrive.functions.ledger.InMemoryLedger;
import dev.redrive.functions.observe.DecisionLog;
import dev.redrive.functions.sfn.ResilienceSettings;
import dev.redrive.functions.sfn.StepFunctionsGateway;
import dev.redrive.functions.testing.RecordingDelayQueue;
import dev.redrive.functions.testing.RecordingNotifier;
import dev.redrive.policy.PolicyLoader;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.api.SimulatorServer;
import dev.redrive.simulator.runtime.FunctionError;
import dev.redrive.simulator.service.StepFunctionsService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * The controller as it runs in Lambda, against the simulator over HTTP: the real {@code SfnClient},
 * the simulator's own status-change events fed to the controller as EventBridge would.
 */
class ControllerOnSimulatorTest {
  static final String ROLE = "arn:aws:iam::111111111111:role/redrive-test";
  static final String TASK_MACHINE =
      "{\"StartAt\":\"Charge\",\"States\":{\"Charge\":{\"Type\":\"Task\","
          + "\"Resource\":\"arn:aws:lambda:us-east-1:111111111111:function:charge\",\"End\":true}}}";
  static final String INPUT_ERROR_MACHINE =
      "{\"StartAt\":\"Read\",\"States\":{\"Read\":{\"Type\":\"Pass\","
          + "\"Parameters\":{\"order.$\":\"$.order.id\"},\"End\":true}}}";

  final AtomicInteger failuresLeft = new AtomicInteger();
  final BlockingQueue<ObjectNode> events = new LinkedBlockingQueue<>();
  final RecordingNotifier notifier = new RecordingNotifier();
  final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  SimulatorServer server;
  SfnClient sfn;
  RedriveController controller;

  @BeforeEach
  void start() {
    Simulator simulator =
        Simulator.builder()
            .function(
                "charge",
                (payload, clock) -> {
                  if (failuresLeft.getAndDecrement() > 0) {
                    throw new FunctionError(
                        "Lambda.TooManyRequestsException", "Rate Exceeded.", List.of());
                  }
                  return payload;
                })
            .build();
    StepFunctionsService service =
        StepFunctionsService.builder().simulator(simulator).events(events::add).build();
    server = new SimulatorServer(service, 4).start("127.0.0.1", 0);
    sfn =
        SfnClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    DecisionLog log = new DecisionLog(new PrintStream(logs, true, StandardCharsets.UTF_8));
    controller =
        new RedriveController(
            PolicyLoader.parse(resource("/controller-policy.yaml"), "controller-policy.yaml"),
            new StepFunctionsGateway(sfn, ResilienceSettings.DEFAULTS, () -> {}),
            new InMemoryLedger(),
            new RecordingDelayQueue(),
            notifier,
            log,
            Clock.systemUTC(),
            new Random(3),
            ControllerSettings.DEFAULTS);
  }

  @AfterEach
  void stop() {
    sfn.close();
    server.close();
  }

  static String resource(String name) {
    try (InputStream in = ControllerOnSimulatorTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String start(String machineName, String definition) {
    String machine =
        sfn.createStateMachine(b -> b.name(machineName).definition(definition).roleArn(ROLE))
            .stateMachineArn();
    return sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"order\":{}}"))
        .executionArn();
  }

  /**
   * Feeds the simulator's status-change events of {@code executionArn} to the controller until the
   * execution ends for good (SUCCEEDED, or a failure the controller does not redrive).
   */
  List<Outcome> runControllerUntilSettled(String executionArn) throws InterruptedException {
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ObjectNode event = events.poll(20, TimeUnit.SECONDS);
      assertThat(event).as("a status-change event within 20s").isNotNull();
      JsonNode detail = event.get("detail");
      if (!detail.get("executionArn").asText().equals(executionArn)) {
        continue;
      }
      String status = detail.get("status").asText();
      if (status.equals("SUCCEEDED")) {
        return outcomes;
      }
      if (status.equals("RUNNING")) {
        continue;
      }
      Outcome outcome = controller.handle(event.toString());
      outcomes.add(outcome);
      if (outcome.result() != Result.REDRIVEN) {
        return outcomes;
      }
    }
    throw new AssertionError("the execution did not settle after 50 events: " + outcomes);
  }

  @Test
  void redrivesATransientFailureUntilItSucceeds() throws Exception {
    failuresLeft.set(2);
    String arn = start("orders", TASK_MACHINE);

    List<Outcome> outcomes = runControllerUntilSettled(arn);

    assertThat(outcomes)
        .extracting(Outcome::result)
        .containsExactly(Result.REDRIVEN, Result.REDRIVEN);
    DescribeExecutionResponse execution = sfn.describeExecution(b -> b.executionArn(arn));
    assertThat(execution.statusAsString()).isEqualTo("SUCCEEDED");
    assertThat(execution.redriveCount()).isEqualTo(2);
    assertThat(notifier.notices()).isEmpty();
  }

  @Test
  void givesUpAtTheLimitAndPublishesTheGiveUp() throws Exception {
    failuresLeft.set(100);
    String arn = start("orders", TASK_MACHINE);

    List<Outcome> outcomes = runControllerUntilSettled(arn);

    assertThat(outcomes)
        .extracting(Outcome::result)
        .containsExactly(Result.REDRIVEN, Result.REDRIVEN, Result.REDRIVEN, Result.GAVE_UP);
    DescribeExecutionResponse execution = sfn.describeExecution(b -> b.executionArn(arn));
    assertThat(execution.statusAsString()).isEqualTo("FAILED");
    assertThat(execution.redriveCount()).isEqualTo(3);
    assertThat(notifier.notices())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.executionArn()).isEqualTo(arn);
              assertThat(n.error()).contains("Lambda.TooManyRequestsException");
              assertThat(n.rule()).contains("transient");
              assertThat(n.redriveCount()).isEqualTo(3);
            });
  }

  @Test
  void neverRedrivesAnInputError() throws Exception {
    String arn = start("orders-input", INPUT_ERROR_MACHINE);

    List<Outcome> outcomes = runControllerUntilSettled(arn);

    assertThat(outcomes).extracting(Outcome::result).containsExactly(Result.GAVE_UP);
    assertThat(outcomes.get(0).decision().orElseThrow().rule()).contains("input-errors");
    assertThat(sfn.describeExecution(b -> b.executionArn(arn)).redriveCount()).isZero();
  }
}
