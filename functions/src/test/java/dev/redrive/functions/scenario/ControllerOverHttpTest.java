package dev.redrive.functions.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.functions.controller.ControllerSettings;
import dev.redrive.functions.controller.RedriveController;
import dev.redrive.functions.handler.SqsEventHandler;
import dev.redrive.functions.ledger.DynamoDbLedger;
import dev.redrive.functions.ledger.DynamoDbLedgerTest;
import dev.redrive.functions.ledger.InMemoryLedger;
import dev.redrive.functions.ledger.Ledger;
import dev.redrive.functions.local.AttachedController;
import dev.redrive.functions.notify.GiveUpNotice;
import dev.redrive.functions.observe.DecisionLog;
import dev.redrive.functions.sfn.ResilienceSettings;
import dev.redrive.functions.sfn.StepFunctionsGateway;
import dev.redrive.functions.testing.RecordingDelayQueue;
import dev.redrive.functions.testing.RecordingNotifier;
import dev.redrive.policy.Policy;
import dev.redrive.policy.PolicyLoader;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.api.FaultInjector;
import dev.redrive.simulator.api.FaultInjector.Fault;
import dev.redrive.simulator.api.SimulatorServer;
import dev.redrive.simulator.events.EventBus;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.runtime.FunctionError;
import dev.redrive.simulator.service.ExecutionSnapshot;
import dev.redrive.simulator.service.StepFunctionsService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;

/**
 * The Lambda's SQS handler and controller, with the real {@link SfnClient} on the url-connection
 * HTTP client, against the simulator's HTTP endpoint on 127.0.0.1: the events are the ones the
 * simulator published for real failed executions, delivered as SQS batches of 10 by {@link
 * SimulatedQueue}; what the controller did is read back from the simulator's executions.
 */
class ControllerOverHttpTest {
  static final String ROLE = "arn:aws:iam::111111111111:role/redrive-scenario";
  static final String FUNCTIONS = "arn:aws:lambda:us-east-1:111111111111:function:";

  /** Fails while {@code $$.Execution.RedriveCount < $.failUntil}. */
  static final String CHARGE_MACHINE =
      "{\"StartAt\":\"Charge\",\"States\":{\"Charge\":{\"Type\":\"Task\",\"Resource\":\""
          + FUNCTIONS
          + "charge\",\"Parameters\":{\"failUntil.$\":\"$.failUntil\","
          + "\"redriveCount.$\":\"$$.Execution.RedriveCount\"},\"End\":true}}}";

  /** The child of the nested pair: works, then hands the parent's task token back. */
  static final String CHILD_MACHINE =
      "{\"StartAt\":\"Work\",\"States\":{"
          + "\"Work\":{\"Type\":\"Task\",\"Resource\":\""
          + FUNCTIONS
          + "work\",\"ResultPath\":null,\"Next\":\"Report\"},"
          + "\"Report\":{\"Type\":\"Task\","
          + "\"Resource\":\"arn:aws:states:::aws-sdk:sfn:sendTaskSuccess\","
          + "\"Parameters\":{\"TaskToken.$\":\"$.TaskToken\",\"Output\":\"{\\\"done\\\":true}\"},"
          + "\"End\":true}}}";

  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(60);

  /**
   * The bound on handling the 10,000 events: generous, so that a machine shared with other builds
   * does not fail the test; the time taken is printed.
   */
  static final Duration TEN_THOUSAND_WAIT = Duration.ofMinutes(5);

  final AtomicInteger workFailuresLeft = new AtomicInteger();

  /** The FAILED / TIMED_OUT / ABORTED events the simulator published, by execution, in order. */
  final Map<String, List<String>> failureEvents = new ConcurrentHashMap<>();

  final AtomicInteger failureEventCount = new AtomicInteger();

  /** RUNNING events of redriven runs, by execution: one per RedriveExecution that happened. */
  final Map<String, AtomicInteger> redrivenRuns = new ConcurrentHashMap<>();

  final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  final RecordingNotifier notifier = new RecordingNotifier();
  final RecordingDelayQueue delays = new RecordingDelayQueue();
  final List<SfnClient> clients = new CopyOnWriteArrayList<>();
  EventBus bus;
  volatile StepFunctionsService service;
  volatile String childMachine;
  SimulatorServer server;

  @BeforeEach
  void start() {
    Simulator simulator =
        Simulator.builder()
            .function(
                "charge",
                (payload, clock) -> {
                  if (payload.path("redriveCount").asInt() < payload.path("failUntil").asInt()) {
                    throw new FunctionError(
                        "Lambda.TooManyRequestsException", "Rate Exceeded.", List.of());
                  }
                  return payload;
                })
            .function(
                "work",
                (payload, clock) -> {
                  if (workFailuresLeft.getAndDecrement() > 0) {
                    throw new FunctionError(
                        "Lambda.ServiceException", "downstream unavailable", List.of());
                  }
                  return payload;
                })
            .function(
                "start-child",
                (payload, clock) -> {
                  String input =
                      JSON.createObjectNode()
                          .put("TaskToken", payload.path("TaskToken").asText())
                          .put(RedriveController.STARTED_BY, payload.path("ParentId").asText())
                          .toString();
                  service.startExecution(childMachine, null, input);
                  return JSON.createObjectNode();
                })
            .build();
    bus = new EventBus();
    bus.subscribe(
        AttachedController.EVENT_PATTERN,
        event -> {
          String arn = event.path("detail").path("executionArn").asText();
          failureEvents
              .computeIfAbsent(arn, k -> new CopyOnWriteArrayList<>())
              .add(event.toString());
          failureEventCount.incrementAndGet();
        });
    bus.subscribe(
        "{\"detail\":{\"status\":[\"RUNNING\"],\"redriveCount\":[{\"numeric\":[\">\",0]}]}}",
        event ->
            redrivenRuns
                .computeIfAbsent(
                    event.path("detail").path("executionArn").asText(), k -> new AtomicInteger())
                .incrementAndGet());
    service = StepFunctionsService.builder().simulator(simulator).events(bus).build();
    server = new SimulatorServer(service, 16).start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    clients.forEach(SfnClient::close);
    server.close();
    service.close();
    bus.close();
  }

  // ---- the scenarios ----

  @Test
  void tenThousandEventsWithDuplicatesAndStaleCountsGiveOneRedrivePerExecutionAndCount()
      throws Exception {
    duplicatedEvents(new InMemoryLedger(), "in-memory ledger", 7_000, 3_000);
  }

  @Test
  void twoThousandEventsWithTheDynamoDbLocalLedger() throws Exception {
    // The same scenario at a fifth of the size: DynamoDB Local's embedded engine costs about 1.5
    // times the CPU of the whole in-memory run per event (measured in the test's output line).
    DynamoDbClient dynamo = DynamoDBEmbedded.create().dynamoDbClient();
    try {
      DynamoDbLedgerTest.createTable(dynamo, "scenario-ledger");
      duplicatedEvents(
          new DynamoDbLedger(dynamo, "scenario-ledger"), "DynamoDB Local ledger", 1_400, 600);
    } finally {
      dynamo.close();
    }
  }

  /**
   * {@code executions} executions failed at redriveCount 0, 1 or 2 (redriven beforehand, in
   * process), one event for each at its current count, plus {@code extra} more (30% of all events
   * with 7,000 and 3,000): exact duplicates and stale events of counts already passed, all shuffled
   * and delivered as SQS batches of 10 to 8 handler threads.
   */
  void duplicatedEvents(Ledger ledger, String label, int executions, int extra) throws Exception {
    String machine = createStateMachine("orders", CHARGE_MACHINE);
    Map<String, Integer> countOf = new ConcurrentHashMap<>();
    long setupStart = System.nanoTime();
    for (int i = 0; i < executions; i++) {
      int count = i % 3;
      String arn =
          service.startExecution(machine, "o-" + i, "{\"failUntil\":" + (count + 1) + "}").arn();
      countOf.put(arn, count);
    }
    awaitFailureEvents(executions);
    for (int round = 1; round <= 2; round++) {
      int before = failureEventCount.get();
      int atThisRound = 0;
      for (Map.Entry<String, Integer> e : countOf.entrySet()) {
        if (e.getValue() >= round) {
          service.redriveExecution(e.getKey(), java.util.Optional.empty());
          atThisRound++;
        }
      }
      awaitFailureEvents(before + atThisRound);
    }
    Duration setup = Duration.ofNanos(System.nanoTime() - setupStart);
    redrivenRuns.clear();

    Random random = new Random(42);
    List<String> arns = new ArrayList<>(countOf.keySet());
    Collections.sort(arns);
    List<String> events = new ArrayList<>();
    int stale = 0;
    for (String arn : arns) {
      List<String> published = failureEvents.get(arn);
      assertThat(published).as("events of " + arn).hasSize(countOf.get(arn) + 1);
      events.add(published.get(published.size() - 1));
    }
    for (int i = 0; i < extra; i++) {
      List<String> published = failureEvents.get(arns.get(random.nextInt(arns.size())));
      int pick = random.nextInt(published.size());
      stale += pick < published.size() - 1 ? 1 : 0;
      events.add(published.get(pick));
    }
    Collections.shuffle(events, random);
    assertThat(events).hasSize(executions + extra);
    assertThat(stale).as("stale events among the duplicates").isGreaterThan(extra / 3);

    FaultInjector counting =
        FaultInjector.builder().fraction(Fault.THROTTLING, 0, List.of()).build();
    server.faults(counting);
    SqsEventHandler handler = handler(fast(5), ledger);
    SimulatedQueue queue = new SimulatedQueue(3);
    queue.sendAll(events);
    Measure measure = Measure.start();
    SimulatedQueue.Stats stats = queue.drain(handler, 8, TEN_THOUSAND_WAIT);
    String timing = measure.stop();
    awaitAll(countOf.keySet(), ExecutionStatus.SUCCEEDED);

    System.out.printf(
        "[ControllerOverHttpTest] %,d events (%s): setup of %d failed executions %d ms;"
            + " controller %s; %d batches; RedriveExecution %d, DescribeExecution %d,"
            + " GetExecutionHistory %d calls%n",
        events.size(),
        label,
        executions,
        setup.toMillis(),
        timing,
        stats.batches(),
        counting.calls("RedriveExecution"),
        counting.calls("DescribeExecution"),
        counting.calls("GetExecutionHistory"));
    assertThat(stats.itemFailures()).as("batch item failures").isZero();
    assertThat(queue.deadLetters()).isEmpty();
    for (String arn : arns) {
      ExecutionSnapshot execution = service.describeExecution(arn);
      assertThat(execution.redriveCount())
          .as("redriveCount of " + arn)
          .isEqualTo(countOf.get(arn) + 1);
    }
    assertThat(redrivenRuns).as("executions redriven").hasSize(executions);
    assertThat(redrivenRuns.values())
        .as("redrives per execution")
        .allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    // A duplicate handled while the first copy's claim is still pending calls RedriveExecution
    // with the same client token; Step Functions (and the simulator) answer it as the same request,
    // so the redrive happens once (above) but both copies log REDRIVE.
    List<String> redriveLines = logLines(line -> line.contains("\"action\":\"REDRIVE\""));
    assertThat(redriveLines.stream().map(ControllerOverHttpTest::executionAndCount).distinct())
        .as("(execution, redriveCount) pairs logged as REDRIVE")
        .hasSize(executions);
    assertThat(redriveLines.size())
        .as("REDRIVE lines: each one a RedriveExecution call that succeeded")
        .isLessThanOrEqualTo((int) counting.calls("RedriveExecution"));
    assertThat(logLines(line -> line.contains("\"action\":\"SUPERSEDED\""))).isNotEmpty();
    assertThat(logLines(line -> line.contains("\"action\":\"DUPLICATE\""))).isNotEmpty();
    // every event is a REDRIVE decision; those whose redrive was already done stop at the ledger
    assertThat(counting.calls("GetExecutionHistory"))
        .as("GetExecutionHistory calls for %d events", events.size())
        .isLessThan(events.size());
    assertThat(notifier.notices()).isEmpty();
    assertThat(delays.size()).isZero();
  }

  @Test
  void redrivesTransientFailuresUntilSuccessAndGivesUpAtTheLimitOrOnAnInputError()
      throws Exception {
    String machine = createStateMachine("orders", CHARGE_MACHINE);
    String flaky = service.startExecution(machine, "twice", "{\"failUntil\":2}").arn();
    String hopeless = service.startExecution(machine, "always", "{\"failUntil\":100}").arn();
    String badInput =
        service
            .startExecution(
                createStateMachine(
                    "orders-input",
                    "{\"StartAt\":\"Read\",\"States\":{\"Read\":{\"Type\":\"Pass\","
                        + "\"Parameters\":{\"order.$\":\"$.order.id\"},\"End\":true}}}"),
                "bad-input",
                "{\"order\":{}}")
            .arn();

    SqsEventHandler handler = handler(fast(5), new InMemoryLedger());
    deliverEventsUntil(
        handler,
        () ->
            service.describeExecution(flaky).status() == ExecutionStatus.SUCCEEDED
                && notifier.notices().size() == 2);

    assertThat(service.describeExecution(flaky).redriveCount()).isEqualTo(2);
    assertThat(service.describeExecution(hopeless).status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(service.describeExecution(hopeless).redriveCount()).isEqualTo(3);
    assertThat(service.describeExecution(badInput).redriveCount()).isZero();
    assertThat(notifier.notices())
        .extracting(
            GiveUpNotice::executionArn, GiveUpNotice::redriveCount, n -> n.rule().orElseThrow())
        .containsExactlyInAnyOrder(
            tuple(hopeless, 3L, "transient"), tuple(badInput, 0L, "input-errors"));
    assertThat(notifier.notices())
        .filteredOn(n -> n.executionArn().equals(hopeless))
        .singleElement()
        .satisfies(n -> assertThat(n.reason()).contains("limit"));
    assertThat(logLines(line -> line.contains("\"action\":\"REDRIVE\""))).hasSize(5);
  }

  @Test
  void throttlingOnHalfTheCallsLosesNothing() throws Exception {
    int executions = 300;
    String machine = createStateMachine("throttled-orders", CHARGE_MACHINE);
    List<String> arns = new ArrayList<>();
    for (int i = 0; i < executions; i++) {
      arns.add(service.startExecution(machine, "t-" + i, "{\"failUntil\":1}").arn());
    }
    awaitFailureEvents(executions);
    List<String> events = new ArrayList<>();
    arns.forEach(arn -> events.add(failureEvents.get(arn).get(0)));

    FaultInjector faults =
        FaultInjector.builder().seed(5).fraction(Fault.THROTTLING, 0.5, List.of()).build();
    server.faults(faults);
    // Three attempts per call: one in eight calls still fails after its retries, and its record
    // goes back to the queue as a batch item failure.
    SqsEventHandler handler = handler(fast(3), new InMemoryLedger());
    SimulatedQueue queue = new SimulatedQueue(50);
    List<String> ids = queue.sendAll(events);
    Measure measure = Measure.start();
    SimulatedQueue.Stats stats = queue.drain(handler, 4, WAIT);
    String timing = measure.stop();
    server.faults(FaultInjector.none());
    awaitAll(arns, ExecutionStatus.SUCCEEDED);

    long calls =
        faults.calls("RedriveExecution")
            + faults.calls("DescribeExecution")
            + faults.calls("GetExecutionHistory");
    System.out.printf(
        "[ControllerOverHttpTest] throttling: %d of %d calls throttled, %d batch item failures,"
            + " %d deliveries for %d events; %s%n",
        faults.injected(), calls, stats.itemFailures(), stats.deliveries(), executions, timing);
    assertThat((double) faults.injected() / calls).as("share throttled").isBetween(0.4, 0.6);
    assertThat(queue.deadLetters()).isEmpty();
    assertThat(stats.itemFailures()).as("records that went back to the queue").isPositive();
    assertThat(ids.stream().filter(id -> queue.receives().get(id) > 1))
        .as("events redelivered")
        .isNotEmpty();
    assertThat(
            logLines(line -> line.contains("\"problem\":\"will be retried: SfnException")).size())
        .isEqualTo(stats.itemFailures());
    assertThat(logLines(line -> line.contains("\"Throttles\":1"))).isNotEmpty();
    for (String arn : arns) {
      assertThat(service.describeExecution(arn).redriveCount())
          .as("redriveCount of " + arn)
          .isEqualTo(1);
    }
    assertThat(redrivenRuns).hasSize(executions);
    assertThat(redrivenRuns.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
  }

  @Test
  void redrivesTheChildWhileItsParentWaitsForIt() throws Exception {
    workFailuresLeft.set(1);
    childMachine = createStateMachine("child", CHILD_MACHINE);
    String parent = createStateMachine("parent", parentMachine(3600));
    String parentRun = service.startExecution(parent, "p-1", "{}").arn();
    awaitFailureEvents(1);
    String childRun = failureEvents.keySet().iterator().next();
    assertThat(service.describeExecution(parentRun).status())
        .as("parent " + service.describeExecution(parentRun) + " events " + failureEvents)
        .isEqualTo(ExecutionStatus.RUNNING);

    SimulatedQueue queue = new SimulatedQueue(3);
    queue.sendAll(failureEvents.get(childRun));
    queue.drain(handler(fast(5), new InMemoryLedger()), 1, WAIT);

    await(parentRun, ExecutionStatus.SUCCEEDED);
    assertThat(service.describeExecution(childRun).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(service.describeExecution(childRun).redriveCount()).isEqualTo(1);
    assertThat(service.describeExecution(parentRun).redriveCount()).isZero();
    assertThat(logLines(line -> line.contains("\"action\":\"REDRIVE\"")))
        .singleElement()
        .asString()
        .contains(childRun);
  }

  @Test
  void defersTheChildsEventToItsParentWhenTheParentFailedToo() throws Exception {
    workFailuresLeft.set(1);
    childMachine = createStateMachine("child", CHILD_MACHINE);
    String parent = createStateMachine("parent", parentMachine(1));
    String parentRun = service.startExecution(parent, "p-2", "{}").arn();
    awaitFailureEvents(2); // the child fails at once; the parent's wait times out after 1 s
    String childRun =
        failureEvents.keySet().stream().filter(arn -> !arn.equals(parentRun)).findFirst().get();
    assertThat(service.describeExecution(parentRun).error()).contains("States.Timeout");

    SimulatedQueue queue = new SimulatedQueue(3);
    List<String> batch = new ArrayList<>(failureEvents.get(childRun));
    batch.addAll(failureEvents.get(parentRun));
    queue.sendAll(batch);
    SimulatedQueue.Stats stats = queue.drain(handler(fast(5), new InMemoryLedger()), 1, WAIT);

    assertThat(stats.batches()).isEqualTo(1);
    await(parentRun, ExecutionStatus.SUCCEEDED);
    assertThat(service.describeExecution(parentRun).redriveCount()).isEqualTo(1);
    ExecutionSnapshot firstChild = service.describeExecution(childRun);
    assertThat(firstChild.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(firstChild.redriveCount()).isZero();
    assertThat(logLines(line -> line.contains("\"action\":\"DEFERRED\"")))
        .singleElement()
        .asString()
        .contains(childRun, "deferred to the parent execution " + parentRun, "FAILED");
    assertThat(logLines(line -> line.contains("\"action\":\"REDRIVE\"")))
        .singleElement()
        .asString()
        .contains(parentRun);
  }

  @Test
  void reportsMalformedEventsAsFailedItemsWithoutFailingTheRestOfTheBatch() throws Exception {
    String machine = createStateMachine("mixed-orders", CHARGE_MACHINE);
    List<String> arns = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      arns.add(service.startExecution(machine, "m-" + i, "{\"failUntil\":1}").arn());
    }
    awaitFailureEvents(7);
    List<String> bodies = new ArrayList<>();
    arns.forEach(arn -> bodies.add(failureEvents.get(arn).get(0)));
    bodies.add(2, "this is not JSON");
    bodies.add(
        5,
        "{\"source\":\"aws.states\",\"detail-type\":\"Step Functions Execution Status"
            + " Change\",\"detail\":{\"status\":\"FAILED\"}}");
    bodies.add(8, "{\"redriveController\":{\"dueAt\":\"tomorrow\"},\"event\":{}}");
    assertThat(bodies).hasSize(SimulatedQueue.BATCH_SIZE);

    SqsEventHandler handler = handler(fast(5), new InMemoryLedger());
    SQSEvent event = new SQSEvent();
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (int i = 0; i < bodies.size(); i++) {
      SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
      record.setMessageId("msg-" + i);
      record.setBody(bodies.get(i));
      records.add(record);
    }
    event.setRecords(records);
    SQSBatchResponse response = handler.handleRequest(event, null);

    assertThat(response.getBatchItemFailures())
        .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
        .containsExactly("msg-2", "msg-5", "msg-8");
    awaitAll(arns, ExecutionStatus.SUCCEEDED);
    assertThat(logLines(line -> line.contains("\"action\":\"REDRIVE\""))).hasSize(7);
    List<JsonNode> errors = new ArrayList<>();
    for (String line : logLines(line -> line.contains("\"level\":\"ERROR\""))) {
      errors.add(JSON.readTree(line));
    }
    assertThat(errors)
        .extracting(e -> e.path("messageId").asText())
        .containsExactly("msg-2", "msg-5", "msg-8");
    assertThat(errors)
        .extracting(e -> e.path("problem").asText())
        .satisfiesExactly(
            p -> assertThat(p).startsWith("malformed event: ").contains("not JSON"),
            p -> assertThat(p).startsWith("malformed event: ").contains("executionArn"),
            p -> assertThat(p).startsWith("malformed event: ").contains("dueAt", "tomorrow"));
  }

  // ---- helpers ----

  /**
   * The handler as the Lambda builds it, but on the simulator's endpoint with dummy credentials.
   */
  SqsEventHandler handler(ResilienceSettings resilience, Ledger ledger) {
    SfnClient sfn =
        SfnClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    clients.add(sfn);
    Clock clock = Clock.systemUTC();
    DecisionLog log = new DecisionLog(new PrintStream(logs, true, StandardCharsets.UTF_8));
    RedriveController controller =
        new RedriveController(
            policy(),
            new StepFunctionsGateway(sfn, resilience, () -> log.throttle(clock.instant())),
            ledger,
            delays,
            notifier,
            log,
            clock,
            new SecureRandom(),
            ControllerSettings.DEFAULTS);
    return new SqsEventHandler(controller, log, clock);
  }

  /** Retries with millisecond backoffs, no rate limit, a breaker that opens only briefly. */
  static ResilienceSettings fast(int attempts) {
    return new ResilienceSettings(
        attempts,
        Duration.ofMillis(1),
        Duration.ofMillis(4),
        1_000_000,
        Duration.ofSeconds(5),
        100f,
        Duration.ofMillis(10));
  }

  static Policy policy() {
    try (InputStream in =
        ControllerOverHttpTest.class.getResourceAsStream("/scenario/scenario-policy.yaml")) {
      return PolicyLoader.parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), "scenario-policy.yaml");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The parent of the nested pair: its task starts the child (through the function {@code
   * start-child}, as a Lambda function would, handing over its task token and its execution id as
   * {@code AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID}) and waits for the child to send the token
   * back, however long the child takes, up to {@code timeoutSeconds}. (This branch's simulator runs
   * {@code states:startExecution.waitForTaskToken} as {@code .sync}, failing the parent with its
   * child; a function in between keeps the parent waiting, as seed 000 saw on AWS.)
   */
  static String parentMachine(int timeoutSeconds) {
    return "{\"StartAt\":\"Run child\",\"States\":{\"Run child\":{\"Type\":\"Task\","
        + "\"Resource\":\"arn:aws:states:::lambda:invoke.waitForTaskToken\","
        + "\"Parameters\":{\"FunctionName\":\"start-child\",\"Payload\":{"
        + "\"TaskToken.$\":\"$$.Task.Token\",\"ParentId.$\":\"$$.Execution.Id\"}},"
        + "\"TimeoutSeconds\":"
        + timeoutSeconds
        + ",\"End\":true}}}";
  }

  String createStateMachine(String name, String definition) {
    return service.createStateMachine(name, definition, ROLE, null, null, null, null, null).arn();
  }

  List<String> logLines(Predicate<String> filter) {
    return logs.toString(StandardCharsets.UTF_8).lines().filter(filter).toList();
  }

  void awaitFailureEvents(int atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (failureEventCount.get() < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(failureEventCount.get())
        .as("failure events published")
        .isGreaterThanOrEqualTo(atLeast);
  }

  void await(String arn, ExecutionStatus status) throws InterruptedException {
    awaitAll(List.of(arn), status);
  }

  void awaitAll(Collection<String> arns, ExecutionStatus status) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    for (String arn : arns) {
      while (service.describeExecution(arn).status() != status && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(service.describeExecution(arn).status()).as("status of " + arn).isEqualTo(status);
    }
  }

  /**
   * What the EventBridge rule and the queue do together: every failure event the simulator
   * publishes goes to the handler, in SQS batches, until {@code done} holds.
   */
  void deliverEventsUntil(SqsEventHandler handler, BooleanSupplier done) throws Exception {
    Set<String> delivered = new HashSet<>();
    SimulatedQueue queue = new SimulatedQueue(3);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("done within " + WAIT).isLessThan(deadline);
      for (List<String> events : failureEvents.values()) {
        for (String event : events) {
          if (delivered.add(event)) {
            queue.send(event);
          }
        }
      }
      queue.drain(handler, 1, WAIT);
      Thread.sleep(10);
    }
    assertThat(queue.deadLetters()).isEmpty();
  }

  /** Wall time, this process' CPU time and the load average over a run, in words. */
  record Measure(long startNanos, long startCpuNanos) {
    static Measure start() {
      return new Measure(System.nanoTime(), cpuNanos());
    }

    String stop() {
      long wall = (System.nanoTime() - startNanos) / 1_000_000;
      long cpu = (cpuNanos() - startCpuNanos) / 1_000_000;
      OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
      return String.format(
          "%d ms wall, %d ms CPU (JVM, all threads), load average %.2f on %d CPUs",
          wall, cpu, os.getSystemLoadAverage(), os.getAvailableProcessors());
    }

    private static long cpuNanos() {
      java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
      return os instanceof com.sun.management.OperatingSystemMXBean sun
          ? sun.getProcessCpuTime()
          : 0;
    }
  }

  /** The {@code executionArn#redriveCount} a decision line is about. */
  private static String executionAndCount(String line) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"executionArn\":\"([^\"]+)\",\"redriveCount\":(\\d+)")
            .matcher(line);
    assertThat(m.find()).as("executionArn and redriveCount in " + line).isTrue();
    return m.group(1) + "#" + m.group(2);
  }
}
