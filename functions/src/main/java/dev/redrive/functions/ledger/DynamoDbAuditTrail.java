package dev.redrive.functions.ledger;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Reads back the decisions {@link DynamoDbLedger} recorded: for {@code redrive audit}.
 *
 * <p>The table is keyed for the controller's writes (one partition per execution and redriveCount),
 * not for these reads, so each read is a Scan with a filter: it reads the whole table, page by page
 * (1 MB each), and costs read capacity in proportion. The table holds only what is younger than its
 * TTL (30 days by default), so this stays affordable for an occasional audit; it is not for a
 * dashboard.
 */
public final class DynamoDbAuditTrail {
  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbAuditTrail(DynamoDbClient dynamo, String table) {
    this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
    this.table = Objects.requireNonNull(table, "table");
  }

  /**
   * The decisions recorded for executions whose ARN starts with {@code executionArnPrefix} (a whole
   * execution ARN, or {@code arn:...:execution:MACHINE:} for a state machine), and whose execution
   * ARN contains {@code contains} (for a state machine given by name: {@code :execution:NAME:}),
   * decided at or after {@code since}; newest first.
   */
  public List<AuditRecord> read(
      Optional<String> executionArnPrefix, Optional<String> contains, Optional<Instant> since) {
    List<String> conditions = new ArrayList<>();
    Map<String, AttributeValue> values = new HashMap<>();
    conditions.add("begins_with(pk, :audit)");
    values.put(":audit", AttributeValue.fromS(LedgerKeys.audit(executionArnPrefix.orElse(""))));
    contains.ifPresent(
        c -> {
          conditions.add("contains(pk, :part)");
          values.put(":part", AttributeValue.fromS(c));
        });
    since.ifPresent(
        s -> {
          // The sort key starts with decidedAt in ISO-8601; a second earlier covers fractions.
          conditions.add("sk >= :since");
          values.put(":since", AttributeValue.fromS(s.minusSeconds(1).toString()));
        });
    ScanRequest request =
        ScanRequest.builder()
            .tableName(table)
            .filterExpression(String.join(" AND ", conditions))
            .expressionAttributeValues(values)
            .build();
    List<AuditRecord> records = new ArrayList<>();
    for (Map<String, AttributeValue> item : dynamo.scanPaginator(request).items()) {
      AuditRecord record = record(item);
      if (since.isEmpty() || !record.decidedAt().isBefore(since.get())) {
        records.add(record);
      }
    }
    records.sort(Comparator.comparing(AuditRecord::decidedAt).reversed());
    return records;
  }

  private static AuditRecord record(Map<String, AttributeValue> item) {
    String sk = item.get("sk").s();
    int hash = sk.indexOf('#');
    Instant decidedAt;
    try {
      decidedAt = Instant.parse(hash < 0 ? sk : sk.substring(0, hash));
    } catch (DateTimeParseException e) {
      throw new IllegalStateException(
          "expected an audit sort key DECIDED_AT#ACTION, found '"
              + sk
              + "' in "
              + item.get("pk").s(),
          e);
    }
    return new AuditRecord(
        text(item, "executionArn").orElse(""),
        number(item, "redriveCount").orElse(0L),
        text(item, "status").orElse("UNKNOWN"),
        text(item, "action").orElse(hash < 0 ? "UNKNOWN" : sk.substring(hash + 1)),
        text(item, "rule"),
        text(item, "reason").orElse(""),
        decidedAt,
        Instant.ofEpochSecond(number(item, "expiresAt").orElse(0L)),
        number(item, "delaySeconds").orElse(0L),
        item.containsKey("taken") ? Boolean.TRUE.equals(item.get("taken").bool()) : true);
  }

  private static Optional<String> text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.s() == null ? Optional.empty() : Optional.of(value.s());
  }

  private static Optional<Long> number(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null || value.n() == null
        ? Optional.empty()
        : Optional.of(Long.parseLong(value.n()));
  }
}
