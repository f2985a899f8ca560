package dev.redrive.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.runtime.FunctionError;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The demo's Lambda functions, registered in the simulator as local functions, each failing the way
 * its story needs, and counting its invocations so that the demo can show what ran again.
 */
final class DemoFunctions {
  /** The cause AWS gives when IAM denies lambda:InvokeFunction (seed 001). */
  static final String ACCESS_DENIED =
      "User: arn:aws:sts::111111111111:assumed-role/StepFunctions-demo-permission-fixed-role/demo"
          + " is not authorized to perform: lambda:InvokeFunction on resource:"
          + " arn:aws:lambda:us-east-1:111111111111:function:demo-publish-report with an explicit"
          + " deny in an identity-based policy (Service: AWSLambda; Status Code: 403; Error Code:"
          + " AccessDeniedException; Request ID: f14c8058-6987-4603-a9a2-2dc036844257; Proxy:"
          + " null)";

  /** How many invocations of demo-publish-report IAM denies before the policy is fixed. */
  static final int DENIED_INVOCATIONS = 2;

  /** The Map item whose first invocation is throttled. */
  static final String FLAKY_ITEM = "B-456";

  private final BiConsumer<String, String> notes;
  private final AtomicInteger publishReport = new AtomicInteger();
  private final Map<String, AtomicInteger> items = new ConcurrentHashMap<>();
  private final AtomicInteger ship = new AtomicInteger();
  private final BlockingQueue<String> approvalRequests = new LinkedBlockingQueue<>();
  private final AtomicInteger approvalsAnswered = new AtomicInteger();

  /**
   * @param notes told what the functions do that the events do not show: (label, what)
   */
  DemoFunctions(BiConsumer<String, String> notes) {
    this.notes = notes;
  }

  /** Registers the functions in {@code builder}. */
  Simulator.Builder register(Simulator.Builder builder) {
    return builder
        .function("demo-publish-report", (payload, clock) -> publishReport(payload))
        .function("demo-process-item", (payload, clock) -> processItem(payload))
        .function("demo-request-approval", (payload, clock) -> requestApproval(payload))
        .function("demo-ship", (payload, clock) -> ship(payload))
        .function("demo-call-partner", (payload, clock) -> callPartner(payload));
  }

  private JsonNode publishReport(JsonNode payload) {
    int attempt = publishReport.incrementAndGet();
    if (attempt <= DENIED_INVOCATIONS) {
      throw new FunctionError("Lambda.AWSLambdaException", ACCESS_DENIED, List.of());
    }
    if (attempt == DENIED_INVOCATIONS + 1) {
      notes.accept(
          "demo-permission-fixed",
          "  (meanwhile someone fixed the IAM policy: lambda:InvokeFunction is allowed)");
    }
    return result("published", payload);
  }

  private JsonNode processItem(JsonNode payload) {
    String id = payload.path("id").asText();
    int attempt = items.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    if (id.equals(FLAKY_ITEM) && attempt == 1) {
      notes.accept(
          "demo-flaky-map",
          "  item " + id + ", run " + attempt + ": Lambda.TooManyRequestsException");
      throw new FunctionError("Lambda.TooManyRequestsException", "Rate Exceeded.", List.of());
    }
    notes.accept("demo-flaky-map", "  item " + id + ", run " + attempt + ": processed");
    return result("processed", payload);
  }

  private JsonNode requestApproval(JsonNode payload) {
    approvalRequests.add(payload.path("taskToken").asText());
    return JsonNodeFactory.instance.objectNode().put("requested", true);
  }

  private JsonNode ship(JsonNode payload) {
    if (ship.incrementAndGet() == 1) {
      throw new FunctionError(
          "Lambda.ServiceException", "The carrier's API answered 503.", List.of());
    }
    return result("shipped", payload);
  }

  private JsonNode callPartner(JsonNode payload) {
    if (payload.path("redriveCount").asInt() == 0) {
      throw new FunctionError(
          "Lambda.ServiceException", "The partner's API is down (503).", List.of());
    }
    return result("called", payload);
  }

  private static JsonNode result(String what, JsonNode payload) {
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("status", what);
    result.set("input", payload);
    return result;
  }

  /** The task tokens of approval requests, in order, for the demo's worker to answer. */
  BlockingQueue<String> approvalRequests() {
    return approvalRequests;
  }

  /** Counts an approval request the demo's worker answered with SendTaskSuccess. */
  void approvalAnswered() {
    approvalsAnswered.incrementAndGet();
  }

  /** How many approval requests were answered. */
  int approvalsAnswered() {
    return approvalsAnswered.get();
  }

  /** How many times the Map's task ran for item {@code id}. */
  int itemInvocations(String id) {
    AtomicInteger n = items.get(id);
    return n == null ? 0 : n.get();
  }

  /** How many times demo-publish-report was invoked. */
  int publishReportInvocations() {
    return publishReport.get();
  }
}
