package dev.redrive.simulator.events;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.execution.RedriveStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One status change of a Standard execution, and the {@code Step Functions Execution Status Change}
 * event EventBridge receives for it. The event has exactly AWS's shape (see the captured events in
 * {@code events-samples/events/captured/}): every detail field is present, {@code null} when it has
 * no value; dates are epoch milliseconds, {@code time} is ISO-8601 to the second.
 *
 * @param region the region of the execution
 * @param account the account id of the execution
 * @param time when the status changed
 * @param executionArn the execution's ARN
 * @param stateMachineArn the state machine's ARN
 * @param name the execution's name
 * @param status {@code RUNNING}, {@code SUCCEEDED}, {@code FAILED}, {@code TIMED_OUT} or {@code
 *     ABORTED} (AWS sends no event for {@code PENDING_REDRIVE})
 * @param startDate when the execution started
 * @param stopDate when it stopped, absent while running
 * @param input the execution input, as the text given to StartExecution
 * @param output the output as JSON text, when it succeeded
 * @param redriveCount how often it was redriven
 * @param redriveDate when it was last redriven
 * @param redriveStatus {@code REDRIVABLE}, {@code NOT_REDRIVABLE} or {@code REDRIVABLE_BY_MAP_RUN}
 * @param redriveStatusReason why it cannot be redriven
 * @param error the error, when it failed, timed out or was stopped with one
 * @param cause the cause, likewise
 * @param stateMachineVersionArn the version the execution runs, when started by a version or alias
 * @param stateMachineAliasArn the alias it was started by, when it was
 */
public record ExecutionStatusChange(
    String region,
    String account,
    Instant time,
    String executionArn,
    String stateMachineArn,
    String name,
    ExecutionStatus status,
    Instant startDate,
    Optional<Instant> stopDate,
    String input,
    Optional<String> output,
    int redriveCount,
    Optional<Instant> redriveDate,
    RedriveStatus redriveStatus,
    Optional<String> redriveStatusReason,
    Optional<String> error,
    Optional<String> cause,
    Optional<String> stateMachineVersionArn,
    Optional<String> stateMachineAliasArn) {

  /** The {@code detail-type} of every event this class renders. */
  public static final String DETAIL_TYPE = "Step Functions Execution Status Change";

  /** The {@code source} of every event this class renders. */
  public static final String SOURCE = "aws.states";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  public ExecutionStatusChange {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(executionArn, "executionArn");
    Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(stopDate, "stopDate");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(redriveDate, "redriveDate");
    Objects.requireNonNull(redriveStatus, "redriveStatus");
    Objects.requireNonNull(redriveStatusReason, "redriveStatusReason");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(stateMachineVersionArn, "stateMachineVersionArn");
    Objects.requireNonNull(stateMachineAliasArn, "stateMachineAliasArn");
    if (redriveCount < 0) {
      throw new IllegalArgumentException("redriveCount must be >= 0, was " + redriveCount);
    }
  }

  /** A status change of an execution started by the state machine's own (unqualified) ARN. */
  public ExecutionStatusChange(
      String region,
      String account,
      Instant time,
      String executionArn,
      String stateMachineArn,
      String name,
      ExecutionStatus status,
      Instant startDate,
      Optional<Instant> stopDate,
      String input,
      Optional<String> output,
      int redriveCount,
      Optional<Instant> redriveDate,
      RedriveStatus redriveStatus,
      Optional<String> redriveStatusReason,
      Optional<String> error,
      Optional<String> cause) {
    this(
        region,
        account,
        time,
        executionArn,
        stateMachineArn,
        name,
        status,
        startDate,
        stopDate,
        input,
        output,
        redriveCount,
        redriveDate,
        redriveStatus,
        redriveStatusReason,
        error,
        cause,
        Optional.empty(),
        Optional.empty());
  }

  /** This change, for an execution started by a version or alias ARN. */
  public ExecutionStatusChange withOrigin(
      Optional<String> stateMachineVersionArn, Optional<String> stateMachineAliasArn) {
    return new ExecutionStatusChange(
        region,
        account,
        time,
        executionArn,
        stateMachineArn,
        name,
        status,
        startDate,
        stopDate,
        input,
        output,
        redriveCount,
        redriveDate,
        redriveStatus,
        redriveStatusReason,
        error,
        cause,
        stateMachineVersionArn,
        stateMachineAliasArn);
  }

  /** The event with a random id. */
  public ObjectNode toEvent() {
    return toEvent(UUID.randomUUID().toString());
  }

  /** The event, fields in AWS's order. */
  public ObjectNode toEvent(String id) {
    ObjectNode event = NODES.objectNode();
    event.put("version", "0");
    event.put("id", id);
    event.put("detail-type", DETAIL_TYPE);
    event.put("source", SOURCE);
    event.put("account", account);
    event.put("time", time.truncatedTo(ChronoUnit.SECONDS).toString());
    event.put("region", region);
    event.putArray("resources").add(executionArn);
    ObjectNode detail = event.putObject("detail");
    detail.put("executionArn", executionArn);
    detail.put("stateMachineArn", stateMachineArn);
    detail.put("name", name);
    detail.put("status", status.name());
    detail.put("startDate", startDate.toEpochMilli());
    putMillis(detail, "stopDate", stopDate);
    detail.put("input", input);
    detail.put("output", output.orElse(null));
    detail.put("stateMachineVersionArn", stateMachineVersionArn.orElse(null));
    detail.put("stateMachineAliasArn", stateMachineAliasArn.orElse(null));
    detail.put("redriveCount", redriveCount);
    putMillis(detail, "redriveDate", redriveDate);
    detail.put("redriveStatus", redriveStatus.name());
    detail.put("redriveStatusReason", redriveStatusReason.orElse(null));
    detail.putObject("inputDetails").put("included", true);
    if (output.isPresent()) {
      detail.putObject("outputDetails").put("included", true);
    } else {
      detail.putNull("outputDetails");
    }
    detail.put("error", error.orElse(null));
    detail.put("cause", cause.orElse(null));
    return event;
  }

  private static void putMillis(ObjectNode node, String field, Optional<Instant> value) {
    if (value.isPresent()) {
      node.put(field, value.get().toEpochMilli());
    } else {
      node.putNull(field);
    }
  }
}
