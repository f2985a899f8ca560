package dev.redrive.cli.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * The {@code Step Functions Execution Status Change} event EventBridge would have delivered for an
 * execution, rebuilt from DescribeExecution: the same {@code detail} fields, so that the controller
 * decides a swept execution exactly as it decides a live event.
 */
final class StatusChangeEvent {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusChangeEvent() {}

  /** The event, as JSON text. */
  static String of(DescribeExecutionResponse d) {
    String arn = d.executionArn();
    // arn:PARTITION:states:REGION:ACCOUNT:execution:MACHINE:NAME
    String[] parts = arn.split(":", 8);
    ObjectNode event = JSON.createObjectNode();
    event.put("version", "0");
    event.put(
        "id",
        UUID.nameUUIDFromBytes(
                (arn + "#" + redriveCount(d) + "#sweep").getBytes(StandardCharsets.UTF_8))
            .toString());
    event.put("detail-type", "Step Functions Execution Status Change");
    event.put("source", "aws.states");
    event.put("account", parts.length > 4 ? parts[4] : "");
    Instant time = d.stopDate() != null ? d.stopDate() : d.startDate();
    event.put(
        "time",
        time == null ? null : time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    event.put("region", parts.length > 3 ? parts[3] : "");
    event.putArray("resources").add(arn);
    ObjectNode detail = event.putObject("detail");
    detail.put("executionArn", arn);
    detail.put("stateMachineArn", d.stateMachineArn());
    detail.put("name", d.name());
    detail.put("status", d.statusAsString());
    putMillis(detail, "startDate", d.startDate());
    putMillis(detail, "stopDate", d.stopDate());
    detail.put("input", d.input());
    detail.put("output", d.output());
    detail.put("stateMachineVersionArn", d.stateMachineVersionArn());
    detail.put("stateMachineAliasArn", d.stateMachineAliasArn());
    detail.put("redriveCount", redriveCount(d));
    putMillis(detail, "redriveDate", d.redriveDate());
    detail.put("redriveStatus", d.redriveStatusAsString());
    detail.put("redriveStatusReason", d.redriveStatusReason());
    if (d.inputDetails() != null) {
      detail.putObject("inputDetails").put("included", d.inputDetails().included());
    } else {
      detail.putNull("inputDetails");
    }
    detail.putNull("outputDetails");
    detail.put("error", d.error());
    detail.put("cause", d.cause());
    return event.toString();
  }

  static int redriveCount(DescribeExecutionResponse d) {
    return d.redriveCount() == null ? 0 : d.redriveCount();
  }

  private static void putMillis(ObjectNode node, String field, Instant value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value.toEpochMilli());
    }
  }
}
