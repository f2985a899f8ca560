package dev.redrive.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.history.HistoryEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one execution ended.
 *
 * @param executionArn the execution's ARN
 * @param status SUCCEEDED, FAILED, TIMED_OUT or ABORTED
 * @param output the output, when it succeeded
 * @param error the error name, when it failed
 * @param cause the cause, when it failed with one
 * @param history every event, in order
 */
public record ExecutionResult(
    String executionArn,
    ExecutionStatus status,
    Optional<JsonNode> output,
    Optional<String> error,
    Optional<String> cause,
    List<HistoryEvent> history) {
  public ExecutionResult {
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(status, "status");
    history = List.copyOf(history);
  }

  /**
   * The result as JSON, shaped like {@code DescribeExecution}'s fields: {@code executionArn},
   * {@code status}, and {@code output} (JSON text) or {@code error}/{@code cause}.
   */
  public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
    var out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    out.put("executionArn", executionArn);
    out.put("status", status.name());
    output.ifPresent(o -> out.put("output", dev.redrive.simulator.history.HistoryJson.text(o)));
    error.ifPresent(e -> out.put("error", e));
    cause.ifPresent(c -> out.put("cause", c));
    return out;
  }
}
