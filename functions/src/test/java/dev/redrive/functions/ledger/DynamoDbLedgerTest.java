package dev.redrive.functions.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;

/** The ledger against DynamoDB Local's real engine, embedded in the test JVM. */
public class DynamoDbLedgerTest extends LedgerContractTest {
  private static DynamoDbClient dynamo;
  private static final AtomicInteger TABLES = new AtomicInteger();
  private String lastTable;

  @BeforeAll
  static void startDynamo() {
    dynamo = DynamoDBEmbedded.create().dynamoDbClient();
  }

  @AfterAll
  static void stopDynamo() {
    dynamo.close();
  }

  /** Creates the ledger table as the stack declares it: pk/sk strings, on demand. */
  public static void createTable(DynamoDbClient dynamo, String name) {
    dynamo.createTable(
        r ->
            r.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                    a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                .keySchema(
                    k -> k.attributeName("pk").keyType(KeyType.HASH),
                    k -> k.attributeName("sk").keyType(KeyType.RANGE)));
  }

  @Override
  Ledger ledger() {
    lastTable = "ledger-" + TABLES.incrementAndGet();
    createTable(dynamo, lastTable);
    return new DynamoDbLedger(dynamo, lastTable);
  }

  @Test
  void auditRecordCarriesRuleReasonAndTtl() {
    Ledger ledger = ledger();
    ledger.record(
        new AuditRecord(
            ARN,
            2,
            "FAILED",
            "GIVE_UP",
            Optional.of("orders-transient"),
            "limit reached",
            NOW,
            NOW.plus(Duration.ofDays(30))));
    Map<String, AttributeValue> item =
        dynamo
            .query(
                q ->
                    q.tableName(lastTable)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(
                            Map.of(":pk", AttributeValue.fromS("audit#" + ARN + "#2"))))
            .items()
            .get(0);
    assertThat(item.get("action").s()).isEqualTo("GIVE_UP");
    assertThat(item.get("rule").s()).isEqualTo("orders-transient");
    assertThat(item.get("reason").s()).isEqualTo("limit reached");
    assertThat(item.get("expiresAt").n())
        .isEqualTo(Long.toString(NOW.plus(Duration.ofDays(30)).getEpochSecond()));
  }

  @Test
  void claimSurvivesAsPendingUntilCompletedInTheTable() {
    Ledger ledger = ledger();
    ledger.claim(ARN, 0, NOW);
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                g ->
                    g.tableName(lastTable)
                        .key(
                            Map.of(
                                "pk", AttributeValue.fromS("claim#" + ARN + "#0"),
                                "sk", AttributeValue.fromS("claim"))))
            .item();
    assertThat(item.get("state").s()).isEqualTo("PENDING");
    assertThat(Long.parseLong(item.get("expiresAt").n()))
        .isEqualTo(NOW.plus(DynamoDbLedger.CLAIM_RETENTION).getEpochSecond());
  }
}
