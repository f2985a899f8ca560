package dev.redrive.functions.observe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Structured JSON logs, one line per decision and per failed record, and CloudWatch metrics in
 * embedded metric format (EMF) on the same stream: decisions by action and rule, redrive latency,
 * throttles.
 *
 * <p>Never logs execution input, output or task tokens: only ARNs, statuses, error names, the
 * decision and its reason. Causes are left out too (they may quote input); the decision's reason
 * says what mattered.
 */
public final class DecisionLog {
  /** The CloudWatch namespace of the metrics. */
  public static final String NAMESPACE = "RedriveController";

  private static final ObjectMapper JSON = new ObjectMapper();
  private final PrintStream out;

  /**
   * @param out where lines go: {@code System.out} in Lambda (CloudWatch Logs reads it)
   */
  public DecisionLog(PrintStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /**
   * One decision.
   *
   * @param action REDRIVE, GIVE_UP, IGNORE, or what the controller did besides (DELAYED, DEFERRED,
   *     DUPLICATE, ...)
   * @param latencyMillis for a redrive: from the event's stopDate to the RedriveExecution call
   */
  public void decision(
      Instant at,
      String executionArn,
      long redriveCount,
      String status,
      Optional<String> error,
      String action,
      long delaySeconds,
      Optional<String> rule,
      String reason,
      Optional<Long> latencyMillis) {
    decision(
        at,
        executionArn,
        redriveCount,
        status,
        error,
        action,
        delaySeconds,
        rule,
        reason,
        latencyMillis,
        true);
  }

  /**
   * One decision, as above, with whether its action was carried out: {@code "taken": false} marks a
   * decision of the shadow mode (counted in the same metrics, so that a shadow run shows what
   * enforcing would do).
   */
  public void decision(
      Instant at,
      String executionArn,
      long redriveCount,
      String status,
      Optional<String> error,
      String action,
      long delaySeconds,
      Optional<String> rule,
      String reason,
      Optional<Long> latencyMillis,
      boolean taken) {
    ObjectNode line = JSON.createObjectNode();
    line.put("timestamp", at.toString());
    line.put("level", "INFO");
    line.put("message", "decision");
    line.put("executionArn", executionArn);
    line.put("redriveCount", redriveCount);
    line.put("status", status);
    error.ifPresent(e -> line.put("error", e));
    line.put("action", action);
    line.put("delaySeconds", delaySeconds);
    if (rule.isPresent()) {
      line.put("rule", rule.get());
    } else {
      line.putNull("rule");
    }
    line.put("reason", reason);
    line.put("taken", taken);
    // EMF: the same line is a metric record for CloudWatch.
    ObjectNode aws = line.putObject("_aws");
    aws.put("Timestamp", at.toEpochMilli());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", NAMESPACE);
    // Two dimension sets: per action and rule, and per action alone (to alarm on all give-ups).
    var dimensions = directive.putArray("Dimensions");
    dimensions.addArray().add("Action").add("Rule");
    dimensions.addArray().add("Action");
    ObjectNode decisions = directive.putArray("Metrics").addObject();
    decisions.put("Name", "Decisions");
    decisions.put("Unit", "Count");
    line.put("Action", action);
    line.put("Rule", rule.orElse("(none)"));
    line.put("Decisions", 1);
    latencyMillis.ifPresent(
        ms -> {
          ObjectNode latency = directive.withArray("Metrics").addObject();
          latency.put("Name", "RedriveLatency");
          latency.put("Unit", "Milliseconds");
          line.put("RedriveLatency", ms);
        });
    emit(line);
  }

  /** A record that could not be processed; it goes back to the queue. */
  public void failure(Instant at, String messageId, String problem) {
    ObjectNode line = JSON.createObjectNode();
    line.put("timestamp", at.toString());
    line.put("level", "ERROR");
    line.put("message", "record failed");
    line.put("messageId", messageId);
    line.put("problem", problem);
    emit(line);
  }

  /**
   * A message that will never be handled, and why (for instance: it arrived after the local
   * controller was closed). In AWS nothing is dropped: a record that fails returns to the queue.
   *
   * @param messageId the message, or a description of the messages when several go at once
   */
  public void dropped(Instant at, String messageId, String reason) {
    ObjectNode line = JSON.createObjectNode();
    line.put("timestamp", at.toString());
    line.put("level", "WARN");
    line.put("message", "message dropped");
    line.put("messageId", messageId);
    line.put("reason", reason);
    emit(line);
  }

  /** One throttled or failed Step Functions call that was retried. */
  public void throttle(Instant at) {
    ObjectNode line = JSON.createObjectNode();
    line.put("timestamp", at.toString());
    line.put("level", "WARN");
    line.put("message", "Step Functions call retried");
    ObjectNode aws = line.putObject("_aws");
    aws.put("Timestamp", at.toEpochMilli());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", NAMESPACE);
    directive.putArray("Dimensions").addArray();
    ObjectNode metric = directive.putArray("Metrics").addObject();
    metric.put("Name", "Throttles");
    metric.put("Unit", "Count");
    line.put("Throttles", 1);
    emit(line);
  }

  private void emit(ObjectNode line) {
    String text = line.toString();
    synchronized (out) {
      out.println(text);
    }
  }
}
