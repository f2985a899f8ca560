package dev.redrive.simulator.service;

import dev.redrive.simulator.ExecutionResult;
import dev.redrive.simulator.LocalExecution;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.execution.RedriveStatus;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.runtime.SimClock;
import dev.redrive.simulator.store.StateStore;
import dev.redrive.simulator.validation.Constraints;
import dev.redrive.simulator.validation.InvalidRequestException;
import dev.redrive.simulator.validation.RequestValidator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** What the API does with recorded executions: describe, list, read the history, stop, redrive. */
final class ExecutionControl {
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  private final SimClock clock;
  private final StateMachines stateMachines;
  private final Executions executions;
  private final MapRuns mapRuns;
  private final ExecutionRunner runner;
  private final StatusEvents events;
  private final StateStore store;
  private final VersionsAndAliases versions;

  ExecutionControl(
      SimClock clock,
      StateMachines stateMachines,
      Executions executions,
      MapRuns mapRuns,
      ExecutionRunner runner,
      StatusEvents events,
      StateStore store,
      VersionsAndAliases versions) {
    this.versions = versions;
    this.clock = clock;
    this.stateMachines = stateMachines;
    this.executions = executions;
    this.mapRuns = mapRuns;
    this.runner = runner;
    this.events = events;
    this.store = store;
  }

  ExecutionSnapshot describe(String executionArn) {
    return executions.get(executionArn).snapshot(clock.now());
  }

  StateMachine stateMachineOf(String executionArn) {
    return executions.get(executionArn).stateMachine();
  }

  /** The checks both kinds of ListExecutions share, as AWS makes them. */
  static void checkList(
      String stateMachineArn,
      String mapRunArn,
      String statusFilter,
      String redriveFilter,
      Integer maxResults,
      String nextToken) {
    RequestValidator.listExecutions(
        stateMachineArn, mapRunArn, maxResults, nextToken, statusFilter);
    new Constraints()
        .oneOf("redriveFilter", redriveFilter, List.of("REDRIVEN", "NOT_REDRIVEN"))
        .check();
  }

  /** ListExecutions of a state machine; see {@link StepFunctionsService#listExecutions}. */
  Page<ExecutionSnapshot> list(
      String stateMachineArn,
      String mapRunArn,
      String statusFilter,
      String redriveFilter,
      Integer maxResults,
      String nextToken) {
    checkList(stateMachineArn, mapRunArn, statusFilter, redriveFilter, maxResults, nextToken);
    if (mapRunArn != null) {
      throw new IllegalArgumentException(
          "list the child executions of map run " + mapRunArn + " with listMapRunExecutions");
    }
    if (stateMachineArn == null) {
      throw new InvalidRequestException(
          InvalidRequestException.VALIDATION_EXCEPTION,
          "Must provide a StateMachine ARN or MapRun ARN");
    }
    StateMachine sm = versions.resolveForListing(stateMachineArn, stateMachines::get);
    if (sm.isExpress()) {
      throw ServiceException.stateMachineTypeNotSupported();
    }
    Optional<ExecutionStatus> status =
        Optional.ofNullable(statusFilter).map(ExecutionStatus::parse);
    Instant now = clock.now();
    List<ExecutionSnapshot> matching =
        executions.of(sm.arn()).stream()
            .filter(e -> versions.listedUnder(e.arn(), stateMachineArn))
            .map(e -> e.snapshot(now))
            .filter(e -> status.isEmpty() || e.status() == status.get())
            .filter(
                e ->
                    redriveFilter == null
                        || (redriveFilter.equals("REDRIVEN") == (e.redriveCount() > 0)))
            .toList();
    return Page.of(
        matching,
        ExecutionSnapshot::sequence,
        true,
        maxResults,
        nextToken,
        "ListExecutions " + stateMachineArn + " " + statusFilter + " " + redriveFilter);
  }

  /** StopExecution; see {@link StepFunctionsService#stopExecution}. */
  ExecutionSnapshot stop(String executionArn, String error, String cause) {
    new Constraints().length("error", error, 0, 256).length("cause", cause, 0, 32_768).check();
    Execution execution = executions.get(executionArn);
    Optional<LocalExecution> local = execution.local();
    if (execution.status() != ExecutionStatus.RUNNING) {
      return execution.snapshot(clock.now());
    }
    if (local.isEmpty()) {
      // Read back from the store, running when the simulator stopped, and not resumed.
      Optional<HistoryEvent> aborted = execution.abortStored(error, cause, clock.now());
      if (aborted.isPresent()) {
        store.appendHistory(execution.arn(), StoredEvents.toJson(List.of(aborted.get())));
        executions.ended(execution);
        events.publish(execution.snapshot(clock.now()));
      }
      return execution.snapshot(clock.now());
    }
    int run = execution.run();
    local.get().stop(error, cause);
    try {
      Optional<ExecutionResult> ended = local.get().await(STOP_WAIT);
      if (ended.isPresent()) {
        runner.recordEnd(execution, ended.get(), run);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return execution.snapshot(clock.now());
  }

  /** GetExecutionHistory; see {@link StepFunctionsService#getExecutionHistory}. */
  Page<HistoryEvent> history(
      String executionArn, Integer maxResults, String nextToken, boolean reverseOrder) {
    RequestValidator.list(null, maxResults, nextToken);
    List<HistoryEvent> events =
        mapRuns.isStandardChild(executionArn)
            ? mapRuns.childHistory(executionArn)
            : executions.get(executionArn).events();
    if (reverseOrder) {
      events = new ArrayList<>(events);
      Collections.reverse(events);
    }
    return Page.of(
        events,
        HistoryEvent::id,
        reverseOrder,
        maxResults,
        nextToken,
        "GetExecutionHistory " + executionArn + " " + reverseOrder);
  }

  /** RedriveExecution; see {@link StepFunctionsService#redriveExecution}. */
  Instant redrive(String executionArn, Optional<String> clientToken) {
    mapRuns.checkNotChild(executionArn);
    Execution execution = executions.get(executionArn);
    LocalExecution local;
    Instant now = clock.now();
    synchronized (execution) {
      Optional<Instant> earlier = clientToken.flatMap(t -> execution.redriveFor(t, now));
      if (earlier.isPresent()) {
        return earlier.get();
      }
      ExecutionSnapshot before = execution.snapshot(clock.now());
      if (before.redriveStatus() != RedriveStatus.REDRIVABLE) {
        throw ServiceException.executionNotRedrivable(
            before
                .redriveStatusReason()
                .orElse("Execution is " + before.status() + " and cannot be redriven"));
      }
      Optional<LocalExecution> started = execution.local();
      if (started.isEmpty()) {
        throw ServiceException.executionNotRedrivable(
            "Execution "
                + executionArn
                + " was read back from the data directory after a restart: the simulator keeps"
                + " no progress to redrive it from");
      }
      local = started.get();
      try {
        local.redrive();
      } catch (IllegalStateException e) { // IllegalTransitionException too
        throw ServiceException.executionNotRedrivable(e.getMessage());
      }
      execution.redriven(now, clientToken);
    }
    executions.redriven(execution);
    ExecutionSnapshot running = execution.snapshot(clock.now());
    events.publish(running);
    runner.whenEnded(execution, local, running.redriveCount());
    return now;
  }
}
