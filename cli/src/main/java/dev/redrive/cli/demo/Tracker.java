package dev.redrive.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.functions.controller.Outcome;
import dev.redrive.policy.Decision;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Follows the demo's executions: every status-change event and every controller outcome updates the
 * execution's {@link ExecutionLog} and, unless quiet, prints one line. Thread-safe: events arrive
 * on the simulator's threads, outcomes on the controller's.
 */
final class Tracker {
  private final Map<String, ExecutionLog> executions = new LinkedHashMap<>();
  private final Function<String, String> storyOfMachine;
  private final Optional<PrintWriter> out;
  private final long startNanos = System.nanoTime();

  /**
   * @param storyOfMachine the story a state machine (by name) belongs to
   * @param out where the live lines go; empty for none
   */
  Tracker(Function<String, String> storyOfMachine, Optional<PrintWriter> out) {
    this.storyOfMachine = storyOfMachine;
    this.out = out;
  }

  /** A status-change event of the simulator. */
  synchronized void statusChanged(JsonNode event) {
    JsonNode detail = event.path("detail");
    String arn = detail.path("executionArn").asText();
    String status = detail.path("status").asText();
    long redriveCount = detail.path("redriveCount").asLong(0);
    Optional<String> error = text(detail, "error");
    ExecutionLog log = log(arn);
    log.statusChanged(status, redriveCount, error);
    StringBuilder line = new StringBuilder(status);
    error.ifPresent(e -> line.append(' ').append(e));
    if (redriveCount > 0) {
      line.append(" (redriveCount ").append(redriveCount).append(')');
    }
    print(log, line.toString());
  }

  /** An outcome of the controller. */
  synchronized void decided(Outcome outcome) {
    ExecutionLog log = log(outcome.executionArn());
    log.decided(outcome);
    StringBuilder line = new StringBuilder("  controller: ");
    if (outcome.result() == Outcome.Result.DELAYED) {
      line.append("REDRIVE in ")
          .append(outcome.decision().map(Decision::delaySeconds).orElse(0L))
          .append('s');
    } else {
      line.append(outcome.result());
    }
    outcome
        .decision()
        .flatMap(Decision::rule)
        .ifPresent(rule -> line.append(" [rule ").append(rule).append(']'));
    line.append(": ")
        .append(
            outcome.result() == Outcome.Result.DELAYED
                ? outcome.decision().map(Decision::reason).orElse(outcome.detail())
                : DemoReport.why(outcome));
    print(log, line.toString());
  }

  /** A line about an execution that is neither an event nor a decision (the demo's worker). */
  synchronized void note(String executionLabel, String what) {
    printLine(executionLabel, what);
  }

  /** Whether {@code expected} executions are known and every one has settled. */
  synchronized boolean allSettled(int expected) {
    return executions.size() >= expected
        && executions.values().stream().allMatch(ExecutionLog::settled);
  }

  /** The executions, in the order of their first event. */
  synchronized List<ExecutionLog> executions() {
    return new ArrayList<>(executions.values());
  }

  /** Time since the tracker was made. */
  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private ExecutionLog log(String arn) {
    return executions.computeIfAbsent(
        arn,
        a -> {
          // arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME
          String[] parts = a.split(":");
          String machine = parts.length > 6 ? parts[6] : a;
          String name = parts.length > 7 ? parts[7] : "";
          // Nested children get UUIDs for names: their first 8 characters tell them apart.
          if (name.matches("[0-9a-f]{8}-[0-9a-f-]{27}")) {
            name = name.substring(0, 8);
          }
          return new ExecutionLog(storyOfMachine.apply(machine), a, machine + "/" + name);
        });
  }

  private void print(ExecutionLog log, String what) {
    printLine(log.label(), what);
  }

  private void printLine(String label, String what) {
    if (out.isPresent()) {
      long millis = elapsed().toMillis();
      out.get().printf("%3d.%03ds  %-36s %s%n", millis / 1000, millis % 1000, label, what).flush();
    }
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }
}
