package dev.redrive.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.functions.config.ControllerFactory;
import dev.redrive.functions.handler.SqsEventHandler;
import dev.redrive.functions.observe.DecisionLog;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.api.SimulatorServer;
import dev.redrive.simulator.events.EventBus;
import dev.redrive.simulator.runtime.FunctionError;
import dev.redrive.simulator.service.StepFunctionsService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The stack as {@code template.yaml} declares it, created resource by resource from the template's
 * own properties on moto's server (a second implementation of SQS, EventBridge, DynamoDB and SNS),
 * with the simulator as Step Functions and the real handler ({@link SqsEventHandler} built by
 * {@link ControllerFactory} from the environment the template sets) run in-process: a failure event
 * published on the default bus reaches the queue through the rule and is redriven once, a poison
 * message lands in the DLQ after {@code maxReceiveCount} receives, a give-up reaches the topic.
 * Skipped, with the reason, where python3 or moto is missing.
 */
class MotoStackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SETTLE = Duration.ofSeconds(120);
  private static final String ACCOUNT_ROLE = "arn:aws:iam::111111111111:role/redrive-moto-test";
  private static final String FUNCTIONS = "arn:aws:lambda:us-east-1:111111111111:function:";
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  private static MotoServer moto;

  @BeforeAll
  static void startMoto() throws Exception {
    Optional<String> missing = MotoServer.unavailable();
    assumeTrue(missing.isEmpty(), () -> "skipped: " + missing.orElse(""));
    moto = MotoServer.start();
  }

  @AfterAll
  static void stopMoto() {
    if (moto != null) {
      moto.close();
    }
  }

  private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C>
      C client(B builder, URI endpoint) {
    return builder
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(CREDENTIALS)
        .build();
  }

  @Test
  void redrivesOnceDeadLettersAPoisonMessageAndNotifiesAGiveUp() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    EventBus bus = new EventBus();
    Simulator simulator =
        Simulator.builder()
            .function(
                "charge",
                (payload, clock) -> {
                  if (payload.path("redriveCount").asInt() == 0) {
                    throw new FunctionError(
                        "Lambda.TooManyRequestsException", "Rate Exceeded.", List.of());
                  }
                  return payload;
                })
            .build();
    StepFunctionsService service =
        StepFunctionsService.builder().simulator(simulator).events(bus).build();
    try (SimulatorServer server = new SimulatorServer(service).start("127.0.0.1", 0);
        SfnClient sfn =
            client(
                SfnClient.builder().httpClient(UrlConnectionHttpClient.create()),
                URI.create("http://127.0.0.1:" + server.port()));
        SqsClient sqs =
            client(
                SqsClient.builder().httpClient(UrlConnectionHttpClient.create()), moto.endpoint());
        EventBridgeClient events =
            client(
                EventBridgeClient.builder().httpClient(UrlConnectionHttpClient.create()),
                moto.endpoint());
        DynamoDbClient dynamo =
            client(
                DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()),
                moto.endpoint());
        SnsClient sns =
            client(
                SnsClient.builder().httpClient(UrlConnectionHttpClient.create()),
                moto.endpoint())) {
      String orders =
          sfn.createStateMachine(
                  r ->
                      r.name("orders-" + suffix)
                          .roleArn(ACCOUNT_ROLE)
                          .definition(
                              "{\"StartAt\":\"Charge\",\"States\":{\"Charge\":{\"Type\":\"Task\","
                                  + "\"Resource\":\""
                                  + FUNCTIONS
                                  + "charge\",\"Parameters\":{"
                                  + "\"redriveCount.$\":\"$$.Execution.RedriveCount\"},"
                                  + "\"End\":true}}}"))
              .stateMachineArn();
      String intake =
          sfn.createStateMachine(
                  r ->
                      r.name("intake-" + suffix)
                          .roleArn(ACCOUNT_ROLE)
                          .definition(
                              "{\"StartAt\":\"Reject\",\"States\":{\"Reject\":{\"Type\":\"Fail\","
                                  + "\"Error\":\"Input.Invalid\",\"Cause\":\"no order id\"}}}"))
              .stateMachineArn();

      // ---- the stack, from the template's properties
      TemplateEvaluator stack =
          Scenarios.evaluate(
              Map.of(
                  "StateMachineArns",
                  orders + "," + intake,
                  "NotificationEmail",
                  "oncall@example.com"));
      LocalStack.Queues queues = LocalStack.createQueues(sqs, "redrive-" + suffix);
      String ledger = "redrive-ledger-" + suffix;
      LocalStack.createLedgerTable(dynamo, ledger);
      String busName = "redrive-" + suffix + "-redrive-given-up";
      assertThat(stack.properties("GiveUpEventBus").path("Name").asText())
          .endsWith("-redrive-given-up");
      events.createEventBus(r -> r.name(busName));
      JsonNode topic = stack.properties("GiveUpTopic");
      String topicArn =
          sns.createTopic(
                  r ->
                      r.name("redrive-given-up-" + suffix)
                          .attributes(Map.of("DisplayName", topic.path("DisplayName").asText())))
              .topicArn();
      // What an email subscriber would read, readable here: a queue subscribed to the topic.
      String watchUrl = sqs.createQueue(r -> r.queueName("topic-watch-" + suffix)).queueUrl();
      String watchArn =
          sqs.getQueueAttributes(r -> r.queueUrl(watchUrl).attributeNamesWithStrings("QueueArn"))
              .attributesAsStrings()
              .get("QueueArn");
      sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(watchArn));

      JsonNode rule = stack.properties("FailureEventsRule");
      String ruleName = "redrive-failures-" + suffix;
      events.putRule(
          r ->
              r.name(ruleName)
                  .eventBusName(rule.path("EventBusName").asText())
                  .state(rule.path("State").asText())
                  .description(rule.path("Description").asText())
                  .eventPattern(rule.path("EventPattern").toString()));
      JsonNode target = rule.path("Targets").get(0);
      assertThat(rule.path("Targets")).hasSize(1);
      events.putTargets(
          r ->
              r.rule(ruleName)
                  .eventBusName(rule.path("EventBusName").asText())
                  .targets(
                      t ->
                          t.id(target.path("Id").asText())
                              .arn(queues.arn())
                              .retryPolicy(
                                  p ->
                                      p.maximumEventAgeInSeconds(
                                              target
                                                  .at("/RetryPolicy/MaximumEventAgeInSeconds")
                                                  .asInt())
                                          .maximumRetryAttempts(
                                              target
                                                  .at("/RetryPolicy/MaximumRetryAttempts")
                                                  .asInt()))
                              .deadLetterConfig(d -> d.arn(queues.deadLetterArn()))));

      // ---- Step Functions publishes every status change on the default bus
      List<String> putFailures = new CopyOnWriteArrayList<>();
      bus.subscribe(
          "{\"source\":[\"aws.states\"]}",
          event -> {
            PutEventsResponse put =
                events.putEvents(
                    r ->
                        r.entries(
                            e ->
                                e.eventBusName("default")
                                    .source(event.path("source").asText())
                                    .detailType(event.path("detail-type").asText())
                                    .resources(event.path("resources").get(0).asText())
                                    .detail(event.path("detail").toString())));
            if (put.failedEntryCount() > 0) {
              putFailures.add(put.toString());
            }
          });

      // ---- the handler, as Lambda builds it from the template's environment
      Map<String, String> environment =
          new HashMap<>(
              LocalStack.controllerEnvironment(
                  Map.of("<LedgerTable>", ledger, "<RedriveQueue>", queues.url())));
      environment.put("GIVE_UP_EVENT_BUS", busName);
      environment.put("GIVE_UP_TOPIC_ARN", topicArn);
      environment.put("POLICY_FILE", Path.of("src/test/resources/moto/policy.yaml").toString());
      ByteArrayOutputStream lines = new ByteArrayOutputStream();
      DecisionLog log = new DecisionLog(new PrintStream(lines, true, StandardCharsets.UTF_8));
      SqsEventHandler handler;
      try (AutoCloseable aws =
          defaultAws(moto.endpoint(), URI.create("http://127.0.0.1:" + server.port()))) {
        handler =
            new SqsEventHandler(
                ControllerFactory.fromEnvironment(environment, log), log, Clock.systemUTC());

        String toRedrive =
            sfn.startExecution(r -> r.stateMachineArn(orders).name("order-1").input("{}"))
                .executionArn();
        String toGiveUp =
            sfn.startExecution(r -> r.stateMachineArn(intake).name("intake-1").input("{}"))
                .executionArn();
        String poison = "{\"not\":\"an EventBridge event\"}";
        sqs.sendMessage(r -> r.queueUrl(queues.url()).messageBody(poison));

        Map<String, Integer> receives = new HashMap<>();
        List<String> bodies = new ArrayList<>();
        List<String> deadLetters = new ArrayList<>();
        List<String> notified = new ArrayList<>();
        BooleanSupplier done =
            () ->
                status(sfn, toRedrive).equals("SUCCEEDED")
                    && !deadLetters.isEmpty()
                    && notified.stream().anyMatch(n -> n.contains(toGiveUp));
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
          poll(sqs, queues, handler, receives, bodies);
          sqs.receiveMessage(r -> r.queueUrl(queues.deadLetterUrl()).maxNumberOfMessages(10))
              .messages()
              .forEach(m -> deadLetters.add(m.body()));
          sqs.receiveMessage(r -> r.queueUrl(watchUrl).maxNumberOfMessages(10))
              .messages()
              .forEach(m -> notified.add(m.body()));
        }
        String logged = lines.toString(StandardCharsets.UTF_8);

        assertThat(putFailures).isEmpty();
        DescribeExecutionResponse redriven = sfn.describeExecution(r -> r.executionArn(toRedrive));
        assertThat(redriven.statusAsString()).as(logged).isEqualTo("SUCCEEDED");
        assertThat(redriven.redriveCount()).as("redriven once").isEqualTo(1);
        // Only what the rule's pattern selects reached the queue: failures, no RUNNING or
        // SUCCEEDED.
        assertThat(bodies.stream().filter(b -> !b.equals(poison)).map(MotoStackTest::status))
            .containsOnly("FAILED")
            .hasSizeGreaterThanOrEqualTo(2);
        assertThat(deadLetters).containsExactly(poison);
        int maxReceiveCount =
            stack.properties("RedriveQueue").at("/RedrivePolicy/maxReceiveCount").asInt();
        assertThat(receives.get(poison)).isEqualTo(maxReceiveCount);
        assertThat(notified)
            .anySatisfy(
                n -> {
                  JsonNode message = JSON.readTree(JSON.readTree(n).path("Message").asText());
                  assertThat(message.toString()).contains(toGiveUp, "bad-input");
                });
        assertThat(logged).contains("\"action\":\"REDRIVE\"", "\"action\":\"GAVE_UP\"");
      }
    } finally {
      service.close();
      bus.close();
    }
  }

  private static String status(SfnClient sfn, String arn) {
    return sfn.describeExecution(r -> r.executionArn(arn)).statusAsString();
  }

  private static String status(String eventBody) {
    try {
      return JSON.readTree(eventBody).at("/detail/status").asText();
    } catch (Exception e) {
      return "not an event: " + eventBody;
    }
  }

  /**
   * One batch as Lambda's SQS poller hands it over; what the handler reports as failed is made
   * visible again at once (as if its visibility timeout had passed), the rest deleted.
   */
  private static void poll(
      SqsClient sqs,
      LocalStack.Queues queues,
      SqsEventHandler handler,
      Map<String, Integer> receives,
      List<String> bodies) {
    List<Message> messages =
        sqs.receiveMessage(
                r ->
                    r.queueUrl(queues.url())
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
            .messages();
    if (messages.isEmpty()) {
      return;
    }
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    for (Message m : messages) {
      receives.merge(m.body(), 1, Integer::sum);
      bodies.add(m.body());
      SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
      record.setMessageId(m.messageId());
      record.setReceiptHandle(m.receiptHandle());
      record.setBody(m.body());
      record.setAttributes(
          m.attributes().entrySet().stream()
              .collect(Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)));
      record.setEventSource("aws:sqs");
      record.setEventSourceArn(queues.arn());
      record.setAwsRegion("us-east-1");
      records.add(record);
    }
    SQSEvent batch = new SQSEvent();
    batch.setRecords(records);
    SQSBatchResponse response = handler.handleRequest(batch, null);
    Set<String> failed =
        response.getBatchItemFailures().stream()
            .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
            .collect(Collectors.toSet());
    for (Message m : messages) {
      if (failed.contains(m.messageId())) {
        sqs.changeMessageVisibility(
            r -> r.queueUrl(queues.url()).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
      } else {
        sqs.deleteMessage(r -> r.queueUrl(queues.url()).receiptHandle(m.receiptHandle()));
      }
    }
  }

  /**
   * Points clients built from the SDK's default configuration (as {@link ControllerFactory} builds
   * them in Lambda) at moto, and Step Functions at the simulator, through the system properties the
   * SDK reads; closing restores the previous values.
   */
  private static AutoCloseable defaultAws(URI aws, URI stepFunctions) {
    Map<String, String> values =
        Map.of(
            "aws.endpointUrl", aws.toString(),
            "aws.endpointUrlSfn", stepFunctions.toString(),
            "aws.region", "us-east-1",
            "aws.accessKeyId", "testing",
            "aws.secretAccessKey", "testing");
    Map<String, String> previous = new HashMap<>();
    values.forEach(
        (name, value) -> {
          previous.put(name, System.getProperty(name));
          System.setProperty(name, value);
        });
    return () ->
        previous.forEach(
            (name, value) -> {
              if (value == null) {
                System.clearProperty(name);
              } else {
                System.setProperty(name, value);
              }
            });
  }
}
