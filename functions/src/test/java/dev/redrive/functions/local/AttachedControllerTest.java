package dev.redrive.functions.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.redrive.functions.controller.Outcome;
import dev.redrive.functions.controller.Outcome.Result;
import dev.redrive.functions.sfn.ResilienceSettings;
import dev.redrive.functions.testing.SampleEvents;
import dev.redrive.policy.PolicyLoader;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.api.SimulatorServer;
import dev.redrive.simulator.events.EventBus;
import dev.redrive.simulator.runtime.FunctionError;
import dev.redrive.simulator.service.StepFunctionsService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * The attached controller against the simulator over HTTP: the simulator's status-change events
 * reach it through the event bus with the EventBridge rule's pattern, and it redrives through the
 * real SfnClient, with delayed redrives waiting in real time.
 */
class AttachedControllerTest {
  static final String ROLE = "arn:aws:iam::111111111111:role/redrive-test";
  static final String TASK_MACHINE =
      "{\"StartAt\":\"Charge\",\"States\":{\"Charge\":{\"Type\":\"Task\","
          + "\"Resource\":\"arn:aws:lambda:us-east-1:111111111111:function:charge\",\"End\":true}}}";
  static final Duration WAIT = Duration.ofSeconds(20);
  static final ObjectMapper JSON = new ObjectMapper();
  static final ResilienceSettings ONE_ATTEMPT =
      new ResilienceSettings(
          1,
          Duration.ZERO,
          Duration.ZERO,
          ResilienceSettings.DEFAULTS.redrivesPerSecond(),
          ResilienceSettings.DEFAULTS.rateLimitWait(),
          ResilienceSettings.DEFAULTS.breakerFailureRatePercent(),
          ResilienceSettings.DEFAULTS.breakerOpenFor());

  final AtomicInteger failuresLeft = new AtomicInteger();
  final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  EventBus bus;
  StepFunctionsService service;
  SimulatorServer server;
  SfnClient sfn;
  AttachedController controller;

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
    bus = new EventBus();
    service = StepFunctionsService.builder().simulator(simulator).events(bus).build();
    server = new SimulatorServer(service, 4).start("127.0.0.1", 0);
    URI endpoint = URI.create("http://127.0.0.1:" + server.port());
    controller =
        AttachedController.builder(PolicyLoader.parse(resource("/attached-policy.yaml"), "policy"))
            .endpoint(endpoint)
            .decisionLog(new PrintStream(logs, true, StandardCharsets.UTF_8))
            .build();
    bus.subscribe(AttachedController.EVENT_PATTERN, controller);
    sfn = AttachedController.localClient(endpoint, Region.US_EAST_1);
  }

  @AfterEach
  void stop() {
    controller.close();
    sfn.close();
    server.close();
    service.close();
    bus.close();
  }

  static String resource(String name) {
    try (InputStream in = AttachedControllerTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  String start(String machineName) {
    String machine =
        sfn.createStateMachine(b -> b.name(machineName).definition(TASK_MACHINE).roleArn(ROLE))
            .stateMachineArn();
    return sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"order\":1}"))
        .executionArn();
  }

  DescribeExecutionResponse awaitStatus(String arn, String status) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    DescribeExecutionResponse execution = sfn.describeExecution(b -> b.executionArn(arn));
    while (!execution.statusAsString().equals(status) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      execution = sfn.describeExecution(b -> b.executionArn(arn));
    }
    assertThat(execution.statusAsString()).as("status of " + arn).isEqualTo(status);
    return execution;
  }

  Outcome awaitOutcome(String arn, Result result) throws InterruptedException {
    Optional<Outcome> outcome =
        controller.awaitOutcome(o -> o.executionArn().equals(arn) && o.result() == result, WAIT);
    assertThat(outcome)
        .as(result + " for " + arn + "; so far " + controller.outcomes())
        .isPresent();
    return outcome.get();
  }

  @Test
  void redrivesATransientFailureUntilItSucceeds() throws Exception {
    failuresLeft.set(2);
    String arn = start("orders");

    DescribeExecutionResponse execution = awaitStatus(arn, "SUCCEEDED");

    assertThat(execution.redriveCount()).isEqualTo(2);
    assertThat(controller.awaitIdle(WAIT)).isTrue();
    assertThat(controller.outcomes(arn))
        .extracting(Outcome::result, Outcome::redriveCount)
        .containsExactly(tuple(Result.REDRIVEN, 0L), tuple(Result.REDRIVEN, 1L));
    assertThat(controller.giveUps()).isEmpty();
    assertThat(controller.deadLetters()).isEmpty();
    assertThat(logs.toString(StandardCharsets.UTF_8))
        .contains("\"action\":\"REDRIVE\"")
        .contains("\"rule\":\"transient\"");
  }

  @Test
  void redrivesAfterTheBackoffHasPassed() throws Exception {
    failuresLeft.set(1);
    String arn = start("slow-orders");

    awaitOutcome(arn, Result.DELAYED);
    long delayedAt = System.nanoTime();
    assertThat(sfn.describeExecution(b -> b.executionArn(arn)).statusAsString())
        .as("still failed while the backoff runs")
        .isEqualTo("FAILED");
    Outcome redriven = awaitOutcome(arn, Result.REDRIVEN);
    Duration waited = Duration.ofNanos(System.nanoTime() - delayedAt);

    assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    assertThat(redriven.decision().orElseThrow().rule()).contains("slow-downstream");
    DescribeExecutionResponse execution = awaitStatus(arn, "SUCCEEDED");
    assertThat(execution.redriveCount()).isEqualTo(1);
    assertThat(controller.outcomes(arn))
        .extracting(Outcome::result)
        .containsExactly(Result.DELAYED, Result.REDRIVEN);
  }

  @Test
  void givesUpAtThePolicyLimit() throws Exception {
    failuresLeft.set(100);
    String arn = start("orders");

    awaitOutcome(arn, Result.GAVE_UP);

    assertThat(controller.outcomes(arn))
        .extracting(Outcome::result)
        .containsExactly(Result.REDRIVEN, Result.REDRIVEN, Result.REDRIVEN, Result.GAVE_UP);
    DescribeExecutionResponse execution = sfn.describeExecution(b -> b.executionArn(arn));
    assertThat(execution.statusAsString()).isEqualTo("FAILED");
    assertThat(execution.redriveCount()).isEqualTo(3);
    assertThat(controller.giveUps())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.executionArn()).isEqualTo(arn);
              assertThat(n.redriveCount()).isEqualTo(3);
              assertThat(n.rule()).contains("transient");
              assertThat(n.reason()).contains("limit");
            });
    assertThat(logs.toString(StandardCharsets.UTF_8))
        .contains("\"message\":\"given up\"")
        .contains("\"action\":\"GAVE_UP\"");
  }

  @Test
  void neverRedrivesAnInputError() throws Exception {
    String definition =
        "{\"StartAt\":\"Read\",\"States\":{\"Read\":{\"Type\":\"Pass\","
            + "\"Parameters\":{\"order.$\":\"$.order.id\"},\"End\":true}}}";
    String machine =
        sfn.createStateMachine(b -> b.name("orders-input").definition(definition).roleArn(ROLE))
            .stateMachineArn();
    String arn =
        sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"order\":{}}")).executionArn();

    awaitOutcome(arn, Result.GAVE_UP);

    assertThat(controller.outcomes(arn))
        .singleElement()
        .satisfies(o -> assertThat(o.decision().orElseThrow().rule()).contains("input-errors"));
    assertThat(sfn.describeExecution(b -> b.executionArn(arn)).redriveCount()).isZero();
  }

  @Test
  void keepsAMalformedEventAsADeadLetter() throws Exception {
    controller.accept(JsonNodeFactory.instance.objectNode());

    assertThat(controller.awaitIdle(WAIT)).isTrue();
    assertThat(controller.outcomes()).isEmpty();
    assertThat(controller.deadLetters())
        .singleElement()
        .satisfies(d -> assertThat(d.receives()).isEqualTo(1));
    assertThat(logs.toString(StandardCharsets.UTF_8)).contains("\"level\":\"ERROR\"");
  }

  @Test
  void redeliversAMessageThatFailedThenKeepsItAsADeadLetter() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    ByteArrayOutputStream unreachableLogs = new ByteArrayOutputStream();
    try (AttachedController unreachable =
        AttachedController.builder(PolicyLoader.parse(resource("/attached-policy.yaml"), "policy"))
            .endpoint(URI.create("http://127.0.0.1:" + closedPort))
            // The captured event's stopDate, so that it is well inside the 14-day redrive window.
            .clock(Clock.fixed(Instant.parse("2023-11-16T07:00:00Z"), ZoneOffset.UTC))
            .resilience(ONE_ATTEMPT)
            .redeliveryDelay(Duration.ofMillis(50))
            .maxReceives(2)
            .decisionLog(new PrintStream(unreachableLogs, true, StandardCharsets.UTF_8))
            .build()) {
      unreachable.accept(
          JSON.readTree(SampleEvents.failed("orders", "o-1", 0, "Lambda.ServiceException", "{}")));

      assertThat(unreachable.awaitIdle(WAIT)).isTrue();
      assertThat(unreachable.outcomes()).isEmpty();
      assertThat(unreachable.deadLetters())
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.receives()).isEqualTo(2);
                assertThat(d.body()).contains(SampleEvents.executionArn("orders", "o-1"));
              });
      assertThat(unreachableLogs.toString(StandardCharsets.UTF_8).lines())
          .filteredOn(line -> line.contains("\"message\":\"record failed\""))
          .hasSize(2);
    }
  }

  @Test
  void logsWhatItDropsWhenClosed() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      closedPort = socket.getLocalPort();
    }
    ByteArrayOutputStream closingLogs = new ByteArrayOutputStream();
    AttachedController closing =
        AttachedController.builder(PolicyLoader.parse(resource("/attached-policy.yaml"), "policy"))
            .endpoint(URI.create("http://127.0.0.1:" + closedPort))
            .clock(Clock.fixed(Instant.parse("2023-11-16T07:00:00Z"), ZoneOffset.UTC))
            .resilience(ONE_ATTEMPT)
            .redeliveryDelay(Duration.ofHours(1))
            .decisionLog(new PrintStream(closingLogs, true, StandardCharsets.UTF_8))
            .build();
    closing.accept(
        JSON.readTree(SampleEvents.failed("orders", "o-2", 0, "Lambda.ServiceException", "{}")));
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!closingLogs.toString(StandardCharsets.UTF_8).contains("record failed")
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    closing.close();

    List<JsonNode> dropped =
        closingLogs
            .toString(StandardCharsets.UTF_8)
            .lines()
            .map(AttachedControllerTest::json)
            .filter(line -> line.path("message").asText().equals("message dropped"))
            .toList();
    assertThat(dropped)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.get("messageId").asText()).isEqualTo("1 delayed messages");
              assertThat(line.get("reason").asText()).isEqualTo("not due yet when closed");
            });
  }

  static JsonNode json(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }

  @Test
  void refusesEventsOnceClosed() {
    controller.close();

    assertThatThrownBy(() -> controller.accept(JsonNodeFactory.instance.objectNode()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
