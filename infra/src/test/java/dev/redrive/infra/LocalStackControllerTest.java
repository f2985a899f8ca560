package dev.redrive.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.functions.config.ControllerFactory;
import dev.redrive.functions.handler.SqsEventHandler;
import dev.redrive.functions.observe.DecisionLog;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The controller as Lambda runs it ({@link SqsEventHandler} on {@link ControllerFactory}'s clients,
 * with the environment the template sets) redrives a failed execution in LocalStack's Step
 * Functions once its cause is fixed, and records the claim in a ledger table created as the
 * template declares it. Skipped without a Docker engine.
 */
@ExtendWith(RequiresDockerEngine.class)
class LocalStackControllerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SETTLE = Duration.ofSeconds(30);
  private static final String ROLE = "arn:aws:iam::000000000000:role/redrive-localstack-test";

  private static SfnClient sfn;
  private static DynamoDbClient dynamo;
  private static SqsClient sqs;
  private static AutoCloseable defaultAws;

  @BeforeAll
  static void connect() {
    sfn = LocalStack.sfn();
    dynamo = LocalStack.dynamo();
    sqs = LocalStack.sqs();
    defaultAws = LocalStack.asDefaultAws();
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (sfn != null) {
      sfn.close();
      dynamo.close();
      sqs.close();
      defaultAws.close();
    }
  }

  private static DescribeExecutionResponse awaitStopped(String executionArn, int redriveCount)
      throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (true) {
      DescribeExecutionResponse execution =
          sfn.describeExecution(r -> r.executionArn(executionArn));
      boolean counted =
          execution.redriveCount() != null && execution.redriveCount() == redriveCount
              || redriveCount == 0;
      if (execution.status() != ExecutionStatus.RUNNING && counted) {
        return execution;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            executionArn + " still " + execution.status() + " after " + SETTLE + ": " + execution);
      }
      Thread.sleep(200);
    }
  }

  /** The captured FAILED event of seed 001, rewritten to name this execution as it ended. */
  private static String failureEvent(DescribeExecutionResponse execution) throws Exception {
    ObjectNode event;
    try (InputStream in = resource("events/captured/failed-count0.json")) {
      event = (ObjectNode) JSON.readTree(in);
    }
    event.putArray("resources").add(execution.executionArn());
    ObjectNode detail = (ObjectNode) event.path("detail");
    detail
        .put("executionArn", execution.executionArn())
        .put("stateMachineArn", execution.stateMachineArn())
        .put("name", execution.name())
        .put("status", execution.statusAsString())
        .put("input", execution.input())
        .put("error", execution.error())
        .put("cause", execution.cause())
        .put("redriveCount", 0)
        .put("startDate", execution.startDate().toEpochMilli())
        .put("stopDate", execution.stopDate().toEpochMilli());
    return event.toString();
  }

  private static InputStream resource(String resource) {
    InputStream in = LocalStackControllerTest.class.getClassLoader().getResourceAsStream(resource);
    assertThat(in).as("%s on the classpath", resource).isNotNull();
    return in;
  }

  @Test
  void redrivesAFailedExecutionOnceItsCauseIsFixed() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String ledger = "redrive-ledger-" + suffix;
    LocalStack.createLedgerTable(dynamo, ledger);
    LocalStack.Queues queues = LocalStack.createQueues(sqs, "redrive-" + suffix);
    String definition =
        Files.readString(Path.of("src/test/resources/localstack/read-order.asl.json"));
    String machine =
        sfn.createStateMachine(
                r -> r.name("read-order-" + suffix).definition(definition).roleArn(ROLE))
            .stateMachineArn();
    String executionArn =
        sfn.startExecution(r -> r.stateMachineArn(machine).name("run-1").input("{}"))
            .executionArn();
    DescribeExecutionResponse failed = awaitStopped(executionArn, 0);
    assertThat(failed.status())
        .as("the first run, before the table exists")
        .isEqualTo(ExecutionStatus.FAILED);

    // The fix: the table the state machine reads now exists.
    dynamo.createTable(
        r ->
            r.tableName("orders-created-later")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
    dynamo.waiter().waitUntilTableExists(r -> r.tableName("orders-created-later"));

    Map<String, String> environment =
        new HashMap<>(
            LocalStack.controllerEnvironment(
                Map.of("<LedgerTable>", ledger, "<RedriveQueue>", queues.url())));
    environment.put("POLICY_FILE", Path.of("src/test/resources/localstack/policy.yaml").toString());
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    DecisionLog log = new DecisionLog(new PrintStream(lines, true, StandardCharsets.UTF_8));
    SqsEventHandler handler =
        new SqsEventHandler(
            ControllerFactory.fromEnvironment(environment, log), log, Clock.systemUTC());
    SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
    record.setMessageId(UUID.randomUUID().toString());
    record.setBody(failureEvent(failed));
    SQSEvent batch = new SQSEvent();
    batch.setRecords(List.of(record));

    SQSBatchResponse response = handler.handleRequest(batch, null);

    String logged = lines.toString(StandardCharsets.UTF_8);
    assertThat(response.getBatchItemFailures()).as(logged).isEmpty();
    assertThat(logged).contains("\"action\":\"REDRIVE\"").contains("redrive-at-once");
    DescribeExecutionResponse redriven = awaitStopped(executionArn, 1);
    assertThat(redriven.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(redriven.redriveCount()).isEqualTo(1);
    Map<String, AttributeValue> claim =
        dynamo
            .getItem(
                r ->
                    r.tableName(ledger)
                        .key(
                            Map.of(
                                "pk", AttributeValue.fromS("claim#" + executionArn + "#0"),
                                "sk", AttributeValue.fromS("claim"))))
            .item();
    assertThat(claim.get("state").s()).isEqualTo("COMPLETED");

    // The same event again (SQS delivers at least once): no second redrive.
    SQSBatchResponse again = handler.handleRequest(batch, null);
    assertThat(again.getBatchItemFailures()).isEmpty();
    assertThat(sfn.describeExecution(r -> r.executionArn(executionArn)).redriveCount())
        .isEqualTo(1);
  }
}
