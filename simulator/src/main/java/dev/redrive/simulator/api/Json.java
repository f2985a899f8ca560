package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.service.ExecutionSnapshot;
import dev.redrive.simulator.service.Page;
import dev.redrive.simulator.service.StateMachine;
import dev.redrive.simulator.service.VersionsAndAliases;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** How responses render the service's values: timestamps as epoch seconds with milliseconds. */
final class Json {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  static ObjectNode object() {
    return NODES.objectNode();
  }

  /** Epoch seconds with a fraction for the milliseconds, e.g. {@code 1700116674.994}. */
  static BigDecimal epochSeconds(Instant t) {
    return BigDecimal.valueOf(t.toEpochMilli(), 3);
  }

  static void putDate(ObjectNode node, String field, Instant value) {
    node.put(field, epochSeconds(value));
  }

  static void putDate(ObjectNode node, String field, Optional<Instant> value) {
    value.ifPresent(v -> putDate(node, field, v));
  }

  static void putText(ObjectNode node, String field, Optional<String> value) {
    value.ifPresent(v -> node.put(field, v));
  }

  static void putNextToken(ObjectNode node, Page<?> page) {
    putText(node, "nextToken", page.nextToken());
  }

  /** The version and alias an execution was started with, as AWS adds them when there are. */
  static void putOrigin(ObjectNode node, VersionsAndAliases.Origin origin) {
    putText(node, "stateMachineVersionArn", origin.versionArn());
    putText(node, "stateMachineAliasArn", origin.aliasArn());
  }

  /** DescribeStateMachine and DescribeStateMachineForExecution. */
  static ObjectNode stateMachine(StateMachine sm, boolean forExecution) {
    ObjectNode out = object();
    out.put("stateMachineArn", sm.arn());
    out.put("name", sm.name());
    if (!forExecution) {
      out.put("status", "ACTIVE");
    }
    out.put("definition", sm.definition());
    out.put("roleArn", sm.roleArn());
    if (forExecution) {
      putDate(out, "updateDate", sm.updateDate().orElse(sm.creationDate()));
    } else {
      out.put("type", sm.type());
      putDate(out, "creationDate", sm.creationDate());
    }
    out.set("loggingConfiguration", sm.loggingConfiguration());
    out.set("tracingConfiguration", sm.tracingConfiguration());
    putText(out, "revisionId", sm.revisionId());
    return out;
  }

  /** A ListExecutions item. */
  static ObjectNode executionItem(ExecutionSnapshot e) {
    ObjectNode out = object();
    out.put("executionArn", e.arn());
    out.put("stateMachineArn", e.stateMachine().arn());
    out.put("name", e.name());
    out.put("status", e.status().name());
    putDate(out, "startDate", e.startDate());
    putDate(out, "stopDate", e.stopDate());
    out.put("redriveCount", e.redriveCount());
    putDate(out, "redriveDate", e.redriveDate());
    return out;
  }

  /** DescribeExecution. */
  static ObjectNode execution(ExecutionSnapshot e) {
    ObjectNode out = object();
    out.put("executionArn", e.arn());
    out.put("stateMachineArn", e.stateMachine().arn());
    out.put("name", e.name());
    out.put("status", e.status().name());
    putDate(out, "startDate", e.startDate());
    putDate(out, "stopDate", e.stopDate());
    out.put("input", e.input());
    out.putObject("inputDetails").put("included", true);
    if (e.output().isPresent()) {
      putText(out, "output", e.outputText());
      out.putObject("outputDetails").put("included", true);
    }
    putText(out, "error", e.error());
    putText(out, "cause", e.cause());
    out.put("redriveCount", e.redriveCount());
    putDate(out, "redriveDate", e.redriveDate());
    out.put("redriveStatus", e.redriveStatus().name());
    putText(out, "redriveStatusReason", e.redriveStatusReason());
    return out;
  }
}
