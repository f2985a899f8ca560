package dev.redrive.functions.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redrive.infra.LocalStack;
import dev.redrive.infra.RequiresDockerEngine;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The ledger's contract ({@link LedgerContractTest}, from the functions module) run by {@link
 * DynamoDbLedger} against LocalStack's DynamoDB, on a table created as {@code infra/template.yaml}
 * declares {@code LedgerTable}. Skipped without a Docker engine.
 */
@ExtendWith(RequiresDockerEngine.class)
class LocalStackLedgerTest extends LedgerContractTest {
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static DynamoDbClient dynamo;

  @BeforeAll
  static void connect() {
    dynamo = LocalStack.dynamo();
  }

  @AfterAll
  static void disconnect() {
    if (dynamo != null) {
      dynamo.close();
    }
  }

  @Override
  Ledger ledger() {
    String table = "ledger-" + TABLES.incrementAndGet();
    LocalStack.createLedgerTable(dynamo, table);
    return new DynamoDbLedger(dynamo, table);
  }

  @Test
  void theTableHasTheTemplatesTimeToLive() {
    String table = "ledger-ttl-" + TABLES.incrementAndGet();
    LocalStack.createLedgerTable(dynamo, table);

    var ttl = dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
    assertThat(ttl.attributeName()).isEqualTo("expiresAt");
    assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
  }
}
