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
  private final java.util.ArrayDeque<RedriveToken> redriveTokens = new java.util.ArrayDeque<>(2);

  /** AWS answers the last 10 client tokens of successful redrives, for 15 minutes each. */
  private static final int REMEMBERED_TOKENS = 10;

  private static final java.time.Duration TOKEN_LIFETIME = java.time.Duration.ofMinutes(15);

  /** A client token a redrive used, and that redrive's date. */
  private record RedriveToken(String token, Instant redriveDate) {}

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
  synchronized void redriven(Instant when, Optional<String> clientToken) {
    status = status.moveTo(ExecutionStatus.RUNNING);
    redriveCount++;
    redriveDate = when;
    clientToken.ifPresent(
        token -> {
          redriveTokens.addFirst(new RedriveToken(token, when));
          if (redriveTokens.size() > REMEMBERED_TOKENS) {
            redriveTokens.removeLast();
          }
        });
    stopDate = null;
    output = null;
    error = null;
    cause = null;
  }

  /**
   * The date of the redrive that used this client token, if it is one of the last 10 and was used
   * less than 15 minutes before {@code now}.
   */
  synchronized Optional<Instant> redriveFor(String clientToken, Instant now) {
    for (RedriveToken t : redriveTokens) {
      if (t.token().equals(clientToken)) {
        return now.isBefore(t.redriveDate().plus(TOKEN_LIFETIME))
            ? Optional.of(t.redriveDate())
            : Optional.empty();
      }
    }
    return Optional.empty();
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

  /**
   * What the API reports of it at {@code now} (the redrivable period ends 14 days after a stop).
   */
  synchronized ExecutionSnapshot snapshot(Instant now) {
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
        historyFull,
        stopDate != null && !now.isBefore(stopDate.plus(ExecutionSnapshot.REDRIVABLE_PERIOD)));
  }
}
