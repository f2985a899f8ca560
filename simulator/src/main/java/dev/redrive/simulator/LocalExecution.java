package dev.redrive.simulator;

import dev.redrive.simulator.definition.StateMachineDefinition;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.history.History;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.runtime.Interpreter;
import dev.redrive.simulator.runtime.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execution, running or ended: its status and history at any moment, and the operations the
 * Step Functions API has on an execution ({@code StopExecution}, {@code RedriveExecution}). Created
 * by {@link Simulator#start}.
 *
 * <p>Thread-safe. The status follows {@link ExecutionStatus}'s transitions; an illegal one (a
 * redrive of a succeeded execution) throws {@link IllegalStateException}.
 */
public final class LocalExecution {
  private final String executionArn;
  private final StateMachineDefinition definition;
  private final History history;
  private final Interpreter interpreter;
  private final Executor executor;
  private final Executor redriveExecutor;
  private ExecutionStatus status = ExecutionStatus.RUNNING;
  private java.time.Instant stopDate;
  private CompletableFuture<ExecutionResult> done = new CompletableFuture<>();

  LocalExecution(
      String executionArn,
      StateMachineDefinition definition,
      History history,
      Interpreter interpreter,
      Executor executor,
      Executor redriveExecutor) {
    this.redriveExecutor = redriveExecutor;
    this.executionArn = executionArn;
    this.definition = definition;
    this.history = history;
    this.interpreter = interpreter;
    this.executor = executor;
  }

  LocalExecution begin() {
    CompletableFuture<ExecutionResult> f;
    synchronized (this) {
      f = done;
    }
    // Outside the lock: a nested execution runs right here, on its parent's thread, and status()
    // must answer while it waits.
    CompletableFuture.supplyAsync(() -> end(interpreter.runExecution(definition)), executor)
        .whenComplete((r, e) -> settle(f, r, e));
    return this;
  }

  private static void settle(CompletableFuture<ExecutionResult> f, ExecutionResult r, Throwable e) {
    if (e != null) {
      f.completeExceptionally(
          e instanceof java.util.concurrent.CompletionException && e.getCause() != null
              ? e.getCause()
              : e);
    } else {
      f.complete(r);
    }
  }

  private synchronized ExecutionResult end(Outcome outcome) {
    List<HistoryEvent> events = history.events();
    stopDate = events.get(events.size() - 1).timestamp();
    status =
        status.moveTo(
            switch (interpreter.ending()) {
              case SUCCEEDED -> ExecutionStatus.SUCCEEDED;
              case FAILED -> ExecutionStatus.FAILED;
              case TIMED_OUT -> ExecutionStatus.TIMED_OUT;
              case ABORTED -> ExecutionStatus.ABORTED;
            });
    return new ExecutionResult(
        executionArn,
        status,
        Optional.ofNullable(outcome.output()),
        Optional.ofNullable(outcome.error()),
        Optional.ofNullable(outcome.cause()),
        events);
  }

  /** The execution's ARN. */
  public String executionArn() {
    return executionArn;
  }

  /** The execution's name. */
  public String name() {
    return interpreter.info().executionName();
  }

  /** The ARN of its state machine. */
  public String stateMachineArn() {
    return interpreter.info().stateMachineArn();
  }

  /** Its input. */
  public com.fasterxml.jackson.databind.JsonNode input() {
    return interpreter.info().input();
  }

  /** When it started. */
  public java.time.Instant startDate() {
    return interpreter.info().startTime();
  }

  /** When it last ended, empty while it runs. */
  public synchronized Optional<java.time.Instant> stopDate() {
    return status == ExecutionStatus.RUNNING ? Optional.empty() : Optional.ofNullable(stopDate);
  }

  /** RUNNING until it ends, then SUCCEEDED, FAILED, TIMED_OUT or ABORTED. */
  public synchronized ExecutionStatus status() {
    return status;
  }

  /** The events so far, also while it runs. */
  public List<HistoryEvent> history() {
    return history.events();
  }

  /** How many times it was redriven. */
  public int redriveCount() {
    return interpreter.redriveCount();
  }

  /** Waits for the execution (or the current redrive) to end. */
  public ExecutionResult await() {
    CompletableFuture<ExecutionResult> f;
    synchronized (this) {
      f = done;
    }
    return f.join();
  }

  /**
   * The end of the current run (the execution, or its latest redrive): completes with the result
   * when it ends, exceptionally if the simulator crashed. Callbacks run on the thread that ends the
   * run, or at once on the caller's when it has already ended. A later {@link #redrive()} gives a
   * new stage.
   */
  public java.util.concurrent.CompletionStage<ExecutionResult> completion() {
    synchronized (this) {
      return done.minimalCompletionStage();
    }
  }

  /**
   * Calls {@code listener} once the current run ends (see {@link #completion()}); with a null
   * result and the error when the simulator crashed.
   */
  public void onEnd(java.util.function.BiConsumer<ExecutionResult, Throwable> listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    completion().whenComplete(listener);
  }

  /**
   * Waits at most the given time.
   *
   * @return the result, or empty when the execution still runs
   */
  public Optional<ExecutionResult> await(Duration timeout) throws InterruptedException {
    CompletableFuture<ExecutionResult> f;
    synchronized (this) {
      f = done;
    }
    try {
      return Optional.of(f.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("execution " + executionArn + " crashed", e.getCause());
    }
  }

  /**
   * {@code StopExecution}: the execution ends ABORTED, at once when it waits (task token, activity,
   * Wait state, retry back-off), else at its next state.
   *
   * @param error the error to record, may be null
   * @param cause the cause to record, may be null
   */
  public void stop(String error, String cause) {
    interpreter.abort(error, cause);
  }

  /**
   * {@code RedriveExecution}: runs a FAILED, TIMED_OUT or ABORTED execution again from the state
   * that failed; in a Map or Parallel state there, only the iterations or branches that did not
   * succeed run again. Returns at once; use {@link #await()}.
   *
   * @throws IllegalStateException when the execution runs or succeeded
   */
  public synchronized LocalExecution redrive() {
    if (!status.isTerminal() || status == ExecutionStatus.SUCCEEDED) {
      throw new IllegalStateException(
          "execution " + executionArn + " cannot be redriven: it is " + status);
    }
    status = status.moveTo(ExecutionStatus.RUNNING);
    CompletableFuture<ExecutionResult> f = new CompletableFuture<>();
    done = f;
    CompletableFuture.supplyAsync(() -> end(interpreter.redrive(definition)), redriveExecutor)
        .whenComplete((r, e) -> settle(f, r, e));
    return this;
  }
}
