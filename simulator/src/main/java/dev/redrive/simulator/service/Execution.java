package dev.redrive.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.history.History;
import dev.redrive.simulator.history.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;

/**
 * One execution and its lifecycle: it starts {@code RUNNING} and ends once, by its run ({@link
 * #finish}) or by StopExecution ({@link #abort}), whichever comes first. The statuses move by
 * {@link ExecutionStatus#moveTo}, which refuses illegal transitions.
 *
 * <p>The history is the interpreter's live log while running. A stop freezes it: the events
 * recorded so far and {@code ExecutionAborted}; whatever the interrupted run still records is
 * dropped.
 */
final class Execution {
  private final String arn;
  private final String name;
  private final StateMachine stateMachine;
  private final String input;
  private final JsonNode inputNode;
  private final Instant startDate;
  private final long sequence;
  private final History history = new History();

  private ExecutionStatus status = ExecutionStatus.RUNNING;
  private Instant stopDate;
  private JsonNode output;
  private String error;
  private String cause;
  private List<HistoryEvent> frozen;
  private Future<?> worker;

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

  Instant startDate() {
    return startDate;
  }

  long sequence() {
    return sequence;
  }

  /** Where the interpreter records events. */
  History history() {
    return history;
  }

  synchronized void worker(Future<?> value) {
    this.worker = value;
  }

  synchronized ExecutionStatus status() {
    return status;
  }

  /**
   * Ends the execution with its run's outcome, unless it was stopped meanwhile.
   *
   * @return true when the status changed
   */
  synchronized boolean finish(
      ExecutionStatus end, JsonNode output, String error, String cause, Instant when) {
    if (status != ExecutionStatus.RUNNING) {
      return false;
    }
    status = status.moveTo(end);
    this.stopDate = when;
    this.output = output;
    this.error = error;
    this.cause = cause;
    this.worker = null;
    return true;
  }

  /**
   * StopExecution: records {@code ExecutionAborted} and interrupts the run.
   *
   * @return true when the status changed, false when the execution had already ended
   */
  synchronized boolean abort(String error, String cause, Instant when) {
    if (status != ExecutionStatus.RUNNING) {
      return false;
    }
    status = status.moveTo(ExecutionStatus.ABORTED);
    this.stopDate = when;
    this.error = error;
    this.cause = cause;
    List<HistoryEvent> events = new ArrayList<>(history.events());
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    if (error != null) {
      details.put("error", error);
    }
    if (cause != null) {
      details.put("cause", cause);
    }
    long previous = events.isEmpty() ? 0 : events.get(events.size() - 1).id();
    events.add(
        HistoryEvent.of(
            previous + 1,
            previous,
            when,
            "ExecutionAborted",
            "executionAbortedEventDetails",
            details));
    frozen = List.copyOf(events);
    if (worker != null) {
      worker.cancel(true);
      worker = null;
    }
    return true;
  }

  /** The history so far. */
  synchronized List<HistoryEvent> events() {
    return frozen != null ? frozen : history.events();
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
        0,
        Optional.empty(),
        sequence);
  }
}
