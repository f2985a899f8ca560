package dev.redrive.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.events.ExecutionStatusChange;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.execution.RedriveStatus;
import dev.redrive.simulator.history.HistoryJson;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An execution at one moment, as DescribeExecution reports it.
 *
 * @param arn the execution's ARN
 * @param name its name
 * @param stateMachine the state machine it runs, as it was when the execution started
 * @param status its status
 * @param input the input as given to StartExecution ({@code {}} when none was)
 * @param startDate when it started
 * @param stopDate when it stopped, absent while running
 * @param output the output, when it succeeded
 * @param error the error, when it failed or was stopped with one
 * @param cause the cause, likewise
 * @param redriveCount how often it was redriven
 * @param redriveDate when it was last redriven
 * @param sequence the start order, for listing
 * @param redriveStatus whether it may be redriven, at this moment (the redrivable period counted)
 * @param historyFull whether its history is too long for a redrive (see {@link
 *     dev.redrive.simulator.history.History#full()})
 */
public record ExecutionSnapshot(
    String arn,
    String name,
    StateMachine stateMachine,
    ExecutionStatus status,
    String input,
    Instant startDate,
    Optional<Instant> stopDate,
    Optional<JsonNode> output,
    Optional<String> error,
    Optional<String> cause,
    int redriveCount,
    Optional<Instant> redriveDate,
    long sequence,
    RedriveStatus redriveStatus,
    boolean historyFull) {
  /** How long after it stopped AWS lets an execution be redriven. */
  public static final java.time.Duration REDRIVABLE_PERIOD = java.time.Duration.ofDays(14);

  /** Why an execution stopped longer ago than that cannot be redriven, as AWS words it. */
  public static final String PERIOD_REASON = "Execution redrivable period exceeded";

  /** Why an execution whose history is too long cannot be redriven, as AWS words it. */
  public static final String HISTORY_LIMIT_REASON = "Execution history event limit exceeded";

  public ExecutionSnapshot {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stateMachine, "stateMachine");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(stopDate, "stopDate");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(redriveDate, "redriveDate");
    Objects.requireNonNull(redriveStatus, "redriveStatus");
  }

  /**
   * Why it cannot be redriven, worded as AWS does: "Execution is RUNNING and cannot be redriven",
   * or {@value #HISTORY_LIMIT_REASON}.
   */
  public Optional<String> redriveStatusReason() {
    if (redriveStatus == RedriveStatus.REDRIVABLE) {
      return Optional.empty();
    }
    if (status == ExecutionStatus.RUNNING || status == ExecutionStatus.SUCCEEDED) {
      return Optional.of("Execution is " + status + " and cannot be redriven");
    }
    return Optional.of(historyFull ? HISTORY_LIMIT_REASON : PERIOD_REASON);
  }

  /** The output as JSON text, as the API and the events render it. */
  public Optional<String> outputText() {
    return output.map(HistoryJson::text);
  }

  /** This status as a status-change event's content. */
  public ExecutionStatusChange toStatusChange(String region, String account, Instant time) {
    return new ExecutionStatusChange(
        region,
        account,
        time,
        arn,
        stateMachine.arn(),
        name,
        status,
        startDate,
        stopDate,
        input,
        outputText(),
        redriveCount,
        redriveDate,
        redriveStatus,
        redriveStatusReason(),
        error,
        cause);
  }
}
