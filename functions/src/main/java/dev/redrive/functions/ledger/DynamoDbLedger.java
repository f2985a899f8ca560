package dev.redrive.functions.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * A {@link Ledger} in one DynamoDB table with a string partition key {@code pk}, a string sort key
 * {@code sk}, and TTL on the number attribute {@code expiresAt} (epoch seconds).
 *
 * <p>Claims are conditional puts ({@code attribute_not_exists(pk)}), so exactly one caller wins per
 * {@code (executionArn, redriveCount)} however many Lambda instances race. Budgets are conditional
 * counters per fixed window. Claims are kept 15 days, past the 14-day redrive window, so a stale
 * event can never claim again.
 */
public final class DynamoDbLedger implements Ledger {
  /** How long a claim is kept: longer than AWS's 14-day redrivable period. */
  public static final Duration CLAIM_RETENTION = Duration.ofDays(15);

  private static final String PK = "pk";
  private static final String SK = "sk";
  private static final String EXPIRES_AT = "expiresAt";
  private static final String STATE = "state";
  private static final String PENDING = "PENDING";
  private static final String COMPLETED = "COMPLETED";

  private final DynamoDbClient dynamo;
  private final String table;

  /**
   * @param dynamo the client (its retries apply to throttling of the table)
   * @param table the table name, e.g. from {@code LEDGER_TABLE}
   */
  public DynamoDbLedger(DynamoDbClient dynamo, String table) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.table = Objects.requireNonNull(table, "table");
  }

  @Override
  public ClaimResult claim(String executionArn, long redriveCount, Instant now) {
    Map<String, AttributeValue> item = key(LedgerKeys.claim(executionArn, redriveCount), "claim");
    item.put(STATE, s(PENDING));
    item.put("executionArn", s(executionArn));
    item.put("redriveCount", n(redriveCount));
    item.put("claimedAt", s(now.toString()));
    item.put(EXPIRES_AT, n(now.plus(CLAIM_RETENTION).getEpochSecond()));
    try {
      dynamo.putItem(
          r ->
              r.tableName(table)
                  .item(item)
                  .conditionExpression("attribute_not_exists(pk)")
                  .returnValuesOnConditionCheckFailure(
                      ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return ClaimResult.CLAIMED;
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> old =
          e.hasItem() ? e.item() : readClaim(executionArn, redriveCount);
      AttributeValue state = old == null ? null : old.get(STATE);
      return state != null && COMPLETED.equals(state.s())
          ? ClaimResult.COMPLETED
          : ClaimResult.PENDING;
    }
  }

  @Override
  public boolean completed(String executionArn, long redriveCount) {
    Map<String, AttributeValue> claim = readClaim(executionArn, redriveCount);
    AttributeValue state = claim == null ? null : claim.get(STATE);
    return state != null && COMPLETED.equals(state.s());
  }

  private Map<String, AttributeValue> readClaim(String executionArn, long redriveCount) {
    GetItemResponse response =
        dynamo.getItem(
            r ->
                r.tableName(table)
                    .key(key(LedgerKeys.claim(executionArn, redriveCount), "claim"))
                    .consistentRead(true));
    return response.hasItem() ? response.item() : null;
  }

  @Override
  public boolean claimNotice(String executionArn, long redriveCount, Instant now) {
    Map<String, AttributeValue> item = key(LedgerKeys.notice(executionArn, redriveCount), "notice");
    item.put(EXPIRES_AT, n(now.plus(CLAIM_RETENTION).getEpochSecond()));
    try {
      dynamo.putItem(
          r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public void complete(String executionArn, long redriveCount, Instant now) {
    dynamo.updateItem(
        r ->
            r.tableName(table)
                .key(key(LedgerKeys.claim(executionArn, redriveCount), "claim"))
                .updateExpression("SET #state = :done, completedAt = :at")
                .expressionAttributeNames(Map.of("#state", STATE))
                .expressionAttributeValues(
                    Map.of(":done", s(COMPLETED), ":at", s(now.toString()))));
  }

  @Override
  public boolean tryConsumeBudget(
      String stateMachineArn, int maxRedrives, Duration per, Instant now) {
    String pk = LedgerKeys.budget(stateMachineArn, per, now);
    try {
      dynamo.updateItem(
          r ->
              r.tableName(table)
                  .key(key(pk, "budget"))
                  .updateExpression("ADD used :one SET expiresAt = if_not_exists(expiresAt, :exp)")
                  .conditionExpression("attribute_not_exists(used) OR used < :max")
                  .expressionAttributeValues(
                      Map.of(
                          ":one", n(1),
                          ":max", n(maxRedrives),
                          ":exp", n(now.plus(per.multipliedBy(2)).getEpochSecond()))));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  @Override
  public void record(AuditRecord record) {
    Map<String, AttributeValue> item =
        key(
            LedgerKeys.audit(record.executionArn(), record.redriveCount()),
            record.decidedAt() + "#" + record.action());
    item.put("executionArn", s(record.executionArn()));
    item.put("redriveCount", n(record.redriveCount()));
    item.put("status", s(record.status()));
    item.put("action", s(record.action()));
    record.rule().ifPresent(rule -> item.put("rule", s(rule)));
    item.put("reason", s(record.reason()));
    item.put("decidedAt", s(record.decidedAt().toString()));
    item.put("delaySeconds", n(record.delaySeconds()));
    item.put("taken", AttributeValue.builder().bool(record.taken()).build());
    item.put(EXPIRES_AT, n(record.expiresAt().getEpochSecond()));
    dynamo.putItem(r -> r.tableName(table).item(item));
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    Map<String, AttributeValue> key = new HashMap<>();
    key.put(PK, s(pk));
    key.put(SK, s(sk));
    return key;
  }

  private static AttributeValue s(String value) {
    return AttributeValue.builder().s(value).build();
  }

  private static AttributeValue n(long value) {
    return AttributeValue.builder().n(Long.toString(value)).build();
  }
}
