package dev.redrive.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.functions.config.ControllerFactory;
import dev.redrive.functions.handler.SqsEventHandler;
import dev.redrive.functions.observe.DecisionLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The stack's way in, in LocalStack: the rule with the template's pattern delivers the failure
 * events of watched state machines, and only those, to the queue; and a message the controller
 * keeps failing on moves to the DLQ after the template's {@code maxReceiveCount}. Skipped without a
 * Docker engine.
 */
@ExtendWith(RequiresDockerEngine.class)
class LocalStackEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SqsClient sqs;
  private static EventBridgeClient events;
  private static AutoCloseable defaultAws;

  @BeforeAll
  static void connect() {
    sqs = LocalStack.sqs();
    events = LocalStack.events();
    defaultAws = LocalStack.asDefaultAws();
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (sqs != null) {
      sqs.close();
      events.close();
      defaultAws.close();
    }
  }

  private static ObjectNode sample(String resource) throws IOException {
    try (InputStream in =
        LocalStackEventsTest.class.getClassLoader().getResourceAsStream("events/" + resource)) {
      assertThat(in).as("events/%s on the classpath (events-samples)", resource).isNotNull();
      return (ObjectNode) JSON.readTree(in);
    }
  }

  /** The sample as PutEvents takes it: the envelope's fields as parameters, the detail as text. */
  private static PutEventsRequestEntry entry(JsonNode event) {
    return PutEventsRequestEntry.builder()
        .eventBusName("default")
        .source(event.path("source").asText())
        .detailType(event.path("detail-type").asText())
        .resources(List.of(event.path("resources").get(0).asText()))
        .detail(event.path("detail").toString())
        .build();
  }

  private static List<Message> receiveAll(String queueUrl, int waitSeconds) {
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      List<Message> batch =
          sqs.receiveMessage(
                  r ->
                      r.queueUrl(queueUrl)
                          .maxNumberOfMessages(10)
                          .waitTimeSeconds(waitSeconds)
                          .messageSystemAttributeNames(
                              MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
              .messages();
      messages.addAll(batch);
      if (batch.isEmpty()) {
        break;
      }
    }
    return messages;
  }

  @Test
  void theRuleDeliversFailuresOfWatchedStateMachinesOnly() throws Exception {
    LocalStack.Queues queues = LocalStack.createQueues(sqs, "rule-" + UUID.randomUUID());
    String rule = "failures-" + UUID.randomUUID();
    String pattern =
        Scenarios.evaluate(Scenarios.minimal())
            .properties("FailureEventsRule")
            .path("EventPattern")
            .toString();
    events.putRule(r -> r.name(rule).eventBusName("default").eventPattern(pattern));
    events.putTargets(
        r ->
            r.rule(rule)
                .eventBusName("default")
                .targets(t -> t.id("redrive-queue").arn(queues.arn())));

    ObjectNode failed = sample("captured/failed-count0.json");
    ObjectNode succeeded = sample("captured/succeeded-count3.json");
    ObjectNode unwatched = sample("captured/failed-count1.json");
    ((ObjectNode) unwatched.path("detail"))
        .put(
            "stateMachineArn",
            "arn:aws:states:us-east-1:123456789012:stateMachine:not-watched-by-this-stack");
    var response =
        events.putEvents(r -> r.entries(entry(failed), entry(succeeded), entry(unwatched)));
    assertThat(response.failedEntryCount()).as("PutEvents failures: %s", response).isZero();

    List<Message> delivered = receiveAll(queues.url(), 5);
    assertThat(delivered).hasSize(1);
    JsonNode event = JSON.readTree(delivered.get(0).body());
    assertThat(event.path("detail").path("executionArn").asText())
        .isEqualTo(failed.path("detail").path("executionArn").asText());
    assertThat(event.path("detail").path("status").asText()).isEqualTo("FAILED");
  }

  @Test
  void aMessageTheControllerKeepsFailingOnMovesToTheDeadLetterQueue() throws Exception {
    LocalStack.Queues queues = LocalStack.createQueues(sqs, "dlq-" + UUID.randomUUID());
    int maxReceiveCount =
        Scenarios.evaluate(Scenarios.minimal())
            .properties("RedriveQueue")
            .at("/RedrivePolicy/maxReceiveCount")
            .asInt();
    assertThat(maxReceiveCount).isPositive();
    sqs.sendMessage(r -> r.queueUrl(queues.url()).messageBody("{\"not\":\"an event\"}"));
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    DecisionLog log = new DecisionLog(new PrintStream(lines, true, StandardCharsets.UTF_8));
    Map<String, String> environment =
        new HashMap<>(
            LocalStack.controllerEnvironment(
                Map.of("<LedgerTable>", "ledger-unused", "<RedriveQueue>", queues.url())));
    environment.put("POLICY_FILE", Path.of("src/test/resources/localstack/policy.yaml").toString());
    SqsEventHandler handler =
        new SqsEventHandler(
            ControllerFactory.fromEnvironment(environment, log), log, Clock.systemUTC());

    for (int receive = 1; receive <= maxReceiveCount; receive++) {
      List<Message> batch = receiveAll(queues.url(), 2);
      assertThat(batch).as("receive %d", receive).hasSize(1);
      SQSBatchResponse response = handler.handleRequest(sqsEvent(batch.get(0)), null);
      assertThat(response.getBatchItemFailures()).hasSize(1);
      // What the event source mapping does with a failed record, without the 6 minutes' wait.
      String receipt = batch.get(0).receiptHandle();
      sqs.changeMessageVisibility(
          r -> r.queueUrl(queues.url()).receiptHandle(receipt).visibilityTimeout(0));
    }

    assertThat(receiveAll(queues.url(), 1))
        .as("the queue after %d receives", maxReceiveCount)
        .isEmpty();
    List<Message> dead = receiveAll(queues.deadLetterUrl(), 5);
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).body()).isEqualTo("{\"not\":\"an event\"}");
    assertThat(lines.toString(StandardCharsets.UTF_8)).contains("malformed event");
  }

  private static SQSEvent sqsEvent(Message message) {
    SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
    record.setMessageId(message.messageId());
    record.setBody(message.body());
    SQSEvent event = new SQSEvent();
    event.setRecords(List.of(record));
    return event;
  }
}
