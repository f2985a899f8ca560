package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.history.HistoryJson;
import dev.redrive.simulator.runtime.MapRun;

/** The JSON of map runs and of their child executions, as the Step Functions API renders them. */
final class MapRunJson {
  private MapRunJson() {}

  /** A ListMapRuns item. */
  static ObjectNode listItem(MapRun.Snapshot m) {
    ObjectNode out = Json.object();
    out.put("executionArn", m.executionArn());
    out.put("mapRunArn", m.arn());
    out.put("stateMachineArn", m.stateMachineArn());
    Json.putDate(out, "startDate", m.startDate());
    Json.putDate(out, "stopDate", m.stopDate());
    return out;
  }

  /** DescribeMapRun. */
  static ObjectNode describe(MapRun.Snapshot m) {
    ObjectNode out = Json.object();
    out.put("mapRunArn", m.arn());
    out.put("executionArn", m.executionArn());
    out.put("status", m.status().name());
    Json.putDate(out, "startDate", m.startDate());
    Json.putDate(out, "stopDate", m.stopDate());
    out.put("maxConcurrency", m.maxConcurrency());
    out.put("toleratedFailurePercentage", m.toleratedFailurePercentage());
    out.put("toleratedFailureCount", m.toleratedFailureCount());
    out.set("itemCounts", counts(m.itemCounts()));
    out.set("executionCounts", counts(m.executionCounts()));
    out.put("redriveCount", m.redriveCount());
    Json.putDate(out, "redriveDate", m.redriveDate());
    return out;
  }

  private static ObjectNode counts(MapRun.Counts c) {
    ObjectNode out = Json.object();
    out.put("pending", c.pending());
    out.put("running", c.running());
    out.put("succeeded", c.succeeded());
    out.put("failed", c.failed());
    out.put("timedOut", c.timedOut());
    out.put("aborted", c.aborted());
    out.put("total", c.total());
    out.put("resultsWritten", c.resultsWritten());
    out.put("failuresNotRedrivable", c.failuresNotRedrivable());
    out.put("pendingRedrive", c.pendingRedrive());
    return out;
  }

  /** A ListExecutions item for a child execution: with its map run's ARN. */
  static ObjectNode executionItem(MapRun.ChildExecution e) {
    ObjectNode out = Json.object();
    out.put("executionArn", e.arn());
    out.put("stateMachineArn", e.stateMachineArn());
    out.put("name", e.name());
    out.put("status", e.status().name());
    Json.putDate(out, "startDate", e.startDate());
    Json.putDate(out, "stopDate", e.stopDate());
    out.put("mapRunArn", e.mapRunArn());
    out.put("redriveCount", e.redriveCount());
    Json.putDate(out, "redriveDate", e.redriveDate());
    return out;
  }

  /** DescribeExecution of a Standard child execution. */
  static ObjectNode execution(MapRun.ChildExecution e) {
    ObjectNode out = Json.object();
    out.put("executionArn", e.arn());
    out.put("stateMachineArn", e.stateMachineArn());
    out.put("name", e.name());
    out.put("status", e.status().name());
    Json.putDate(out, "startDate", e.startDate());
    Json.putDate(out, "stopDate", e.stopDate());
    out.put("input", HistoryJson.text(e.input()));
    out.putObject("inputDetails").put("included", true);
    if (e.output().isPresent()) {
      out.put("output", HistoryJson.text(e.output().get()));
      out.putObject("outputDetails").put("included", true);
    }
    Json.putText(out, "error", e.error());
    Json.putText(out, "cause", e.cause());
    out.put("mapRunArn", e.mapRunArn());
    out.put("redriveCount", e.redriveCount());
    Json.putDate(out, "redriveDate", e.redriveDate());
    out.put("redriveStatus", e.redriveStatus().name());
    Json.putText(out, "redriveStatusReason", e.redriveStatusReason());
    return out;
  }
}
