package dev.redrive.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.ExecutionResult;
import dev.redrive.simulator.LocalExecution;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.history.HistoryEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One execution as the API sees it: the runtime's {@link LocalExecution}, with what the API reports
 * beside it (name, input text, dates, redrive count). Its status follows {@link ExecutionStatus}'s
 * transition table: {@code RUNNING} ends once per run ({@link #ended}), a failed, timed-out or
 * aborted execution may run again ({@link #redriven}).
 */
final class Execution {
  private final String arn;
  private final String name;
  private final StateMachine stateMachine;
  private final String input;
  private final JsonNode inputNode;
  private final Instant startDate;
  private final long sequence;

  private LocalExecution local;
  private List<HistoryEvent> syncHistory = List.of();
  private ExecutionStatus status = ExecutionStatus.RUNNING;
  private Instant stopDate;
  private JsonNode output;
  private String error;
  private String cause;
  private int redriveCount;
  private Instant redriveDate;
  private boolean historyFull;

  Execution(
      String arn,
      String name,
      StateMachine stateMachine,
      String input,
      JsonNode inputNode,
      Instant startDate,
      long sequence) {
    this.arn = arn;
    this.name = name;
    this.stateMachine = stateMachine;
    this.input = input;
    this.inputNode = inputNode;
    this.startDate = startDate;
    this.sequence = sequence;
  }

  String arn() {
    return arn;
  }

  String name() {
    return name;
  }

  StateMachine stateMachine() {
    return stateMachine;
  }

  String input() {
    return input;
  }

  JsonNode inputNode() {
    return inputNode;
  }

  long sequence() {
    return sequence;
  }

  /** The runtime's execution, once started. */
  synchronized Optional<LocalExecution> local() {
    return Optional.ofNullable(local);
  }

  synchronized void started(LocalExecution value) {
    this.local = value;
  }

  synchronized ExecutionStatus status() {
    return status;
  }

  /** The current run: 0 for the first, then one more per redrive. */
  synchronized int run() {
    return redriveCount;
  }

  /**
   * Records how a run ended; a second report of the same end, or a late report of an earlier run,
   * changes nothing.
   *
   * @param run the run that ended, see {@link #run()}
   * @param historyLimit the simulator's quota of history events; a history one event short of it
   *     leaves no room for a redrive
   * @return true when the status changed
   */
  synchronized boolean ended(ExecutionResult result, Instant when, int run, int historyLimit) {
    if (status != ExecutionStatus.RUNNING || run != redriveCount) {
      return false;
    }
    status = status.moveTo(result.status());
    stopDate = when;
    output = result.output().orElse(null);
    error = result.error().orElse(null);
    cause = result.cause().orElse(null);
    historyFull = result.history().size() >= historyLimit - 1;
    if (local == null) {
      syncHistory = result.history();
    }
    return true;
  }

  /**
   * Records a redrive: the execution runs again.
   *
   * @throws IllegalStateException when it is running or succeeded
   */
  synchronized void redriven(Instant when) {
    status = status.moveTo(ExecutionStatus.RUNNING);
    redriveCount++;
    redriveDate = when;
    stopDate = null;
    output = null;
    error = null;
    cause = null;
  }

  /** The history so far, also while it runs. */
  List<HistoryEvent> events() {
    LocalExecution l;
    synchronized (this) {
      l = local;
      if (l == null) {
        return syncHistory;
      }
    }
    return l.history();
  }

  synchronized ExecutionSnapshot snapshot() {
    return new ExecutionSnapshot(
        arn,
        name,
        stateMachine,
        status,
        input,
        startDate,
        Optional.ofNullable(stopDate),
        Optional.ofNullable(output),
        Optional.ofNullable(error),
        Optional.ofNullable(cause),
        redriveCount,
        Optional.ofNullable(redriveDate),
        sequence,
        historyFull);
  }
}
