package dev.redrive.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.console.ControllerDecisions;
import dev.redrive.console.graph.GraphLayout;
import dev.redrive.console.trace.ExecutionTrace;
import dev.redrive.console.trace.StateStatus;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.runtime.MapRun;
import dev.redrive.simulator.service.ExecutionSnapshot;
import dev.redrive.simulator.service.StateMachine;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The console's JSON shapes of the simulator's values; dates as ISO-8601 text. */
final class Views {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Views() {}

  static ObjectNode stateMachine(StateMachine sm) {
    ObjectNode o = NODES.objectNode();
    o.put("arn", sm.arn());
    o.put("name", sm.name());
    o.put("type", sm.type());
    o.put("creationDate", sm.creationDate().toString());
    return o;
  }

  static ObjectNode execution(ExecutionSnapshot e) {
    ObjectNode o = NODES.objectNode();
    o.put("arn", e.arn());
    o.put("name", e.name());
    o.put("stateMachineArn", e.stateMachine().arn());
    o.put("stateMachineName", e.stateMachine().name());
    o.put("status", e.status().name());
    o.put("startDate", e.startDate().toString());
    e.stopDate().ifPresent(d -> o.put("stopDate", d.toString()));
    o.put("input", clip(e.input()));
    e.outputText().ifPresent(t -> o.put("output", clip(t)));
    e.error().ifPresent(t -> o.put("error", t));
    e.cause().ifPresent(t -> o.put("cause", t));
    o.put("redriveCount", e.redriveCount());
    e.redriveDate().ifPresent(d -> o.put("redriveDate", d.toString()));
    o.put("redriveStatus", e.redriveStatus().name());
    e.redriveStatusReason().ifPresent(t -> o.put("redriveStatusReason", t));
    return o;
  }

  static ObjectNode child(MapRun.ChildExecution c) {
    ObjectNode o = NODES.objectNode();
    o.put("arn", c.arn());
    o.put("name", c.name());
    o.put("index", c.index());
    o.put("stateMachineArn", c.stateMachineArn());
    o.put("mapRunArn", c.mapRunArn());
    o.put("status", c.status().name());
    o.put("startDate", c.startDate().toString());
    c.stopDate().ifPresent(d -> o.put("stopDate", d.toString()));
    o.put("input", clip(c.input().toString()));
    c.output().ifPresent(t -> o.put("output", clip(t.toString())));
    c.error().ifPresent(t -> o.put("error", t));
    c.cause().ifPresent(t -> o.put("cause", t));
    o.put("redriveCount", c.redriveCount());
    c.redriveDate().ifPresent(d -> o.put("redriveDate", d.toString()));
    o.put("redriveStatus", c.redriveStatus().name());
    c.redriveStatusReason().ifPresent(t -> o.put("redriveStatusReason", t));
    return o;
  }

  static ObjectNode mapRun(MapRun.Snapshot m) {
    ObjectNode o = NODES.objectNode();
    o.put("arn", m.arn());
    o.put("executionArn", m.executionArn());
    o.put("status", m.status().name());
    o.put("startDate", m.startDate().toString());
    m.stopDate().ifPresent(d -> o.put("stopDate", d.toString()));
    o.put("maxConcurrency", m.maxConcurrency());
    o.put("toleratedFailureCount", m.toleratedFailureCount());
    o.put("toleratedFailurePercentage", m.toleratedFailurePercentage());
    o.set("itemCounts", counts(m.itemCounts()));
    o.set("executionCounts", counts(m.executionCounts()));
    o.put("redriveCount", m.redriveCount());
    m.redriveDate().ifPresent(d -> o.put("redriveDate", d.toString()));
    return o;
  }

  private static ObjectNode counts(MapRun.Counts c) {
    ObjectNode o = NODES.objectNode();
    o.put("pending", c.pending());
    o.put("running", c.running());
    o.put("succeeded", c.succeeded());
    o.put("failed", c.failed());
    o.put("timedOut", c.timedOut());
    o.put("aborted", c.aborted());
    o.put("total", c.total());
    return o;
  }

  static ObjectNode graph(GraphLayout.Laid laid) {
    ObjectNode o = NODES.objectNode();
    o.put("width", Math.ceil(laid.width()));
    o.put("height", Math.ceil(laid.height()));
    ArrayNode nodes = o.putArray("nodes");
    for (GraphLayout.Placed p : laid.nodes()) {
      ObjectNode n = nodes.addObject();
      n.put("id", p.node().id());
      n.put("name", p.node().name());
      n.put("type", p.node().type());
      n.put("kind", p.node().kind().name());
      n.put("parent", p.node().parent());
      n.put("x", Math.round(p.x()));
      n.put("y", Math.round(p.y()));
      n.put("w", Math.round(p.width()));
      n.put("h", Math.round(p.height()));
    }
    ArrayNode edges = o.putArray("edges");
    for (GraphLayout.Routed r : laid.edges()) {
      ObjectNode e = edges.addObject();
      e.put("from", r.edge().from());
      e.put("to", r.edge().to());
      e.put("kind", r.edge().kind().name());
      ArrayNode points = e.putArray("points");
      r.points().forEach(v -> points.add(Math.round(v * 10) / 10.0));
    }
    return o;
  }

  static ObjectNode trace(ExecutionTrace trace) {
    ObjectNode o = NODES.objectNode();
    ObjectNode states = o.putObject("states");
    for (ExecutionTrace.StateSummary s : trace.states().values()) {
      ObjectNode n = states.putObject(s.name());
      n.put("status", s.status().name());
      n.put("runs", s.runs());
      ObjectNode counts = n.putObject("counts");
      for (Map.Entry<StateStatus, Integer> c : s.counts().entrySet()) {
        counts.put(c.getKey().name(), c.getValue());
      }
      ArrayNode attempts = n.putArray("attempts");
      s.attempts().stream().sorted().forEach(attempts::add);
      n.put("retries", s.retries());
      s.error().ifPresent(v -> n.put("error", v));
      s.cause().ifPresent(v -> n.put("cause", v));
    }
    ArrayNode transitions = o.putArray("transitions");
    trace.transitions().forEach(t -> transitions.addArray().add(t.get(0)).add(t.get(1)));
    ArrayNode redrives = o.putArray("redrives");
    for (ExecutionTrace.Redrive r : trace.redrives()) {
      redrives
          .addObject()
          .put("redriveCount", r.redriveCount())
          .put("eventId", r.eventId())
          .put("date", r.date().toString());
    }
    trace.failedState().ifPresent(f -> o.put("failedState", f));
    o.put("eventCount", trace.events().size());
    return o;
  }

  /** A state's input and output (of its last run), error and cause (of its last failure). */
  static ObjectNode stateDetail(ExecutionTrace.StateSummary s) {
    ObjectNode n = NODES.objectNode();
    n.put("name", s.name());
    s.input().ifPresent(v -> n.put("input", clip(v.toString())));
    s.output().ifPresent(v -> n.put("output", clip(v.toString())));
    s.error().ifPresent(v -> n.put("error", v));
    s.cause().ifPresent(v -> n.put("cause", v));
    return n;
  }

  /** Largest input or output text the page is sent; longer ones are cut, and say so. */
  static final int MAX_PAYLOAD = 64 * 1024;

  static String clip(String text) {
    return text.length() <= MAX_PAYLOAD
        ? text
        : text.substring(0, MAX_PAYLOAD)
            + "\n… (first "
            + MAX_PAYLOAD
            + " of "
            + text.length()
            + " characters; DescribeExecution and GetExecutionHistory return all of it)";
  }

  static ObjectNode waiting(ExecutionTrace.WaitingTask w, String executionArn) {
    ObjectNode o = NODES.objectNode();
    o.put("executionArn", executionArn);
    o.put("state", w.state());
    o.put("resource", w.resource());
    w.token().ifPresent(t -> o.put("taskToken", t));
    o.put("since", w.since().toString());
    o.put("eventId", w.eventId());
    return o;
  }

  static ObjectNode event(HistoryEvent e, Optional<String> state, int attempt) {
    ObjectNode o = NODES.objectNode();
    o.put("id", e.id());
    o.put("previousEventId", e.previousEventId());
    o.put("timestamp", e.timestamp().toString());
    o.put("type", e.type());
    state.ifPresent(s -> o.put("state", s));
    if (attempt >= 0) {
      o.put("attempt", attempt);
    }
    JsonNode d = e.details();
    if (d != null) {
      o.set("details", d);
    }
    return o;
  }

  static ObjectNode decision(ControllerDecisions.Decision d) {
    ObjectNode o = NODES.objectNode();
    o.put("at", d.at().toString());
    o.put("status", d.status());
    o.put("redriveCount", d.redriveCount());
    d.action().ifPresent(a -> o.put("action", a));
    d.rule().ifPresent(r -> o.put("rule", r));
    o.put("reason", d.reason());
    o.put("delaySeconds", d.delaySeconds());
    d.result().ifPresent(r -> o.put("result", r));
    o.put("detail", d.detail());
    o.put("explanation", d.explanation());
    return o;
  }

  static String iso(Instant i) {
    return i.toString();
  }
}
