package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.history.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of a Distributed Map state (a "Map Run", {@code DescribeMapRun}): its ARN, its settings,
 * its status, and one child workflow execution per item (or per batch with an {@code ItemBatcher}).
 *
 * <p>Slightly over 500 lines: the lock-holding reads and writes of the run and of its children's
 * records belong together, since every one of them must hold this object's lock.
 *
 * <p>The runtime creates it when the state starts its map run and updates it as children run; the
 * service reads it at any moment. Thread-safe: every read and write holds this object's lock, and
 * reads return immutable views.
 *
 * <p>Status: {@code RUNNING}, then {@code SUCCEEDED}, {@code FAILED} (the tolerated failure
 * threshold was exceeded) or {@code ABORTED} (the parent execution stopped or timed out while the
 * map run ran). A failed or aborted map run goes back to {@code RUNNING} when the parent execution
 * is redriven ({@link #redriven}); only its unsuccessful children run again.
 */
public final class MapRun {
  /** A map run's status ({@code MapRunStatus} in the API). */
  public enum Status {
    RUNNING,
    SUCCEEDED,
    FAILED,
    ABORTED
  }

  private final String arn;
  private final String executionArn;
  private final String stateMachineArn;
  private final boolean express;
  private final Instant startDate;
  private final Child[] children;
  private final int[] itemsPerChild;
  private Map<String, Integer> byArn;

  private volatile java.util.function.Consumer<ChildExecution> childListener = c -> {};
  private Status status = Status.RUNNING;
  private Instant stopDate;
  private int maxConcurrency;
  private int toleratedFailureCount;
  private double toleratedFailurePercentage;
  private int redriveCount;
  private Instant redriveDate;

  /**
   * @param arn {@code arn:aws:states:<region>:<account>:mapRun:<stateMachine>/<label>:<id>}
   * @param executionArn the execution that runs the Map state
   * @param stateMachineArn the children's state machine: the parent's ARN with {@code /<label>}
   * @param express true when the children are Express workflows ({@code ExecutionType: EXPRESS})
   * @param startDate when the map run started
   * @param itemsPerChild how many items each child processes (1 each without an item batcher)
   * @param maxConcurrency {@code MaxConcurrency}, 0 for no limit
   * @param toleratedFailureCount {@code ToleratedFailureCount}, 0 when absent
   * @param toleratedFailurePercentage {@code ToleratedFailurePercentage}, 0 when absent
   */
  MapRun(
      String arn,
      String executionArn,
      String stateMachineArn,
      boolean express,
      Instant startDate,
      int[] itemsPerChild,
      int maxConcurrency,
      int toleratedFailureCount,
      double toleratedFailurePercentage) {
    this.arn = Objects.requireNonNull(arn, "arn");
    this.executionArn = Objects.requireNonNull(executionArn, "executionArn");
    this.stateMachineArn = Objects.requireNonNull(stateMachineArn, "stateMachineArn");
    this.express = express;
    this.startDate = Objects.requireNonNull(startDate, "startDate");
    this.itemsPerChild = itemsPerChild.clone();
    this.children = new Child[itemsPerChild.length];
    this.maxConcurrency = maxConcurrency;
    this.toleratedFailureCount = toleratedFailureCount;
    this.toleratedFailurePercentage = toleratedFailurePercentage;
  }

  /** The map run's ARN. */
  public String arn() {
    return arn;
  }

  /** The ARN of the execution whose Distributed Map state started this map run. */
  public String executionArn() {
    return executionArn;
  }

  /** The ARN of the children's state machine: {@code stateMachine:<parent>/<label>}. */
  public String stateMachineArn() {
    return stateMachineArn;
  }

  /** True when the children are Express workflow executions. */
  public boolean express() {
    return express;
  }

  /** How many child executions the map run has when every item has been started. */
  int size() {
    return children.length;
  }

  /** The map run's settings and progress at this moment. */
  public synchronized Snapshot snapshot() {
    Counts.Builder items = new Counts.Builder();
    Counts.Builder executions = new Counts.Builder();
    for (int i = 0; i < children.length; i++) {
      ExecutionStatus s = children[i] == null ? null : children[i].status;
      items.add(s, itemsPerChild[i], children[i] != null && children[i].resultWritten);
      executions.add(s, 1, children[i] != null && children[i].resultWritten);
    }
    return new Snapshot(
        arn,
        executionArn,
        stateMachineArn,
        status,
        startDate,
        Optional.ofNullable(stopDate),
        maxConcurrency,
        toleratedFailureCount,
        toleratedFailurePercentage,
        items.build(),
        executions.build(),
        redriveCount,
        Optional.ofNullable(redriveDate));
  }

  /** The child executions started so far, in item order. */
  public synchronized List<ChildExecution> children() {
    List<ChildExecution> out = new ArrayList<>();
    for (Child c : children) {
      if (c != null) {
        out.add(c.view());
      }
    }
    return out;
  }

  /** The child execution of that ARN, if this map run started it. */
  public synchronized Optional<ChildExecution> child(String childArn) {
    if (byArn == null) {
      byArn = new HashMap<>();
      for (int i = 0; i < children.length; i++) {
        if (children[i] != null) {
          byArn.put(children[i].arn, i);
        }
      }
    }
    Integer i = byArn.get(childArn);
    return i == null || !children[i].arn.equals(childArn)
        ? Optional.empty()
        : Optional.of(children[i].view());
  }

  /** The history of a Standard child execution (empty for an Express one or an unknown ARN). */
  public synchronized List<HistoryEvent> childHistory(String childArn) {
    Optional<ChildExecution> found = child(childArn);
    if (found.isEmpty()) {
      return List.of();
    }
    Child c = children[found.get().index()];
    return c.interpreter == null ? c.finalHistory : c.interpreter.history.events();
  }

  /**
   * {@code UpdateMapRun}: changes the map run's settings; a null value leaves its setting as it is.
   * The runtime runs children one at a time, so a new maximum concurrency is recorded only; the
   * tolerated failures apply when the map run decides whether it failed.
   */
  public synchronized void update(
      Integer maxConcurrency, Integer toleratedFailureCount, Double toleratedFailurePercentage) {
    if (maxConcurrency != null) {
      this.maxConcurrency = maxConcurrency;
    }
    if (toleratedFailureCount != null) {
      this.toleratedFailureCount = toleratedFailureCount;
    }
    if (toleratedFailurePercentage != null) {
      this.toleratedFailurePercentage = toleratedFailurePercentage;
    }
  }

  /**
   * Calls {@code listener} each time a child execution starts, ends or is redriven, with the child
   * as it is then, on the execution's thread (not holding this map run's lock); it must return
   * quickly. Replaces any earlier listener.
   */
  public void onChildChange(java.util.function.Consumer<ChildExecution> listener) {
    this.childListener = Objects.requireNonNull(listener, "listener");
  }

  // ---- used by the runtime ----

  synchronized int toleratedFailureCount() {
    return toleratedFailureCount;
  }

  synchronized double toleratedFailurePercentage() {
    return toleratedFailurePercentage;
  }

  /** True when the child of that index has run and succeeded. */
  synchronized boolean succeeded(int index) {
    return children[index] != null && children[index].status == ExecutionStatus.SUCCEEDED;
  }

  /** A child's output, null unless it succeeded. */
  synchronized JsonNode outputOf(Child child) {
    return child.output;
  }

  /** The child of that index, null before it started. */
  synchronized Child childAt(int index) {
    return children[index];
  }

  /** How many children did not succeed (failed, timed out, aborted, or never started). */
  synchronized int unsuccessful() {
    int n = 0;
    for (Child c : children) {
      if (c == null || c.status != ExecutionStatus.SUCCEEDED) {
        n++;
      }
    }
    return n;
  }

  void started(Child child) {
    ChildExecution view;
    synchronized (this) {
      children[child.index] = child;
      if (byArn != null) {
        byArn.put(child.arn, child.index);
      }
      view = child.view();
    }
    childListener.accept(view);
  }

  /**
   * Records how a child's run ended. A Standard child that did not succeed keeps its interpreter,
   * to be redriven in place; the others keep only their history (none for Express children, which a
   * redrive starts anew).
   */
  void ended(Child child, ExecutionStatus status, Instant when, Outcome outcome) {
    ChildExecution view;
    synchronized (this) {
      record(child, status, when, outcome);
      view = child.view();
    }
    childListener.accept(view);
  }

  private void record(Child child, ExecutionStatus status, Instant when, Outcome outcome) {
    child.status = child.status.moveTo(status);
    child.stopDate = when;
    child.output = outcome.failed() ? null : outcome.output();
    child.error = outcome.failed() ? outcome.error() : null;
    child.cause = outcome.failed() ? outcome.cause() : null;
    child.resultWritten = status == ExecutionStatus.SUCCEEDED;
    if (status == ExecutionStatus.SUCCEEDED || express) {
      child.finalHistory = express ? List.of() : child.interpreter.history.events();
      child.interpreter = null;
    }
  }

  void childRedriven(Child child, Instant when) {
    ChildExecution view;
    synchronized (this) {
      child.status = child.status.moveTo(ExecutionStatus.RUNNING);
      child.redriveCount++;
      child.redriveDate = when;
      child.stopDate = null;
      child.output = null;
      child.error = null;
      child.cause = null;
      view = child.view();
    }
    childListener.accept(view);
  }

  synchronized void end(Status value, Instant when) {
    if (status != Status.RUNNING) {
      throw new IllegalStateException("map run " + arn + " has already ended " + status);
    }
    status = value;
    stopDate = when;
  }

  /**
   * Records a redrive of the parent execution: the map run runs again, its unsuccessful children
   * wait for their redrive ({@code PENDING_REDRIVE}).
   *
   * @return the map run's redrive count, this redrive included
   * @throws IllegalStateException when the map run is running or succeeded
   */
  synchronized int redriven(Instant when) {
    if (status != Status.FAILED && status != Status.ABORTED) {
      throw new IllegalStateException("map run " + arn + " is " + status + ", cannot be redriven");
    }
    status = Status.RUNNING;
    stopDate = null;
    redriveCount++;
    redriveDate = when;
    for (Child c : children) {
      if (c != null && c.status.canMoveTo(ExecutionStatus.PENDING_REDRIVE)) {
        c.status = c.status.moveTo(ExecutionStatus.PENDING_REDRIVE);
      }
    }
    return redriveCount;
  }

  /** One child workflow execution; its mutable fields are guarded by the map run's lock. */
  static final class Child {
    final int index;
    final String arn;
    final String name;
    final JsonNode input;
    final Instant startDate;
    final String stateMachineArn;
    final String mapRunArn;

    /** The child's interpreter while it may still run (kept for a redrive), else null. */
    Interpreter interpreter;

    private List<HistoryEvent> finalHistory = List.of();
    private ExecutionStatus status = ExecutionStatus.RUNNING;
    private Instant stopDate;
    private JsonNode output;
    private String error;
    private String cause;
    private int redriveCount;
    private Instant redriveDate;
    private boolean resultWritten;

    Child(
        int index,
        String arn,
        String name,
        JsonNode input,
        Instant startDate,
        String stateMachineArn,
        String mapRunArn,
        Interpreter interpreter) {
      this.index = index;
      this.arn = arn;
      this.name = name;
      this.input = input;
      this.startDate = startDate;
      this.stateMachineArn = stateMachineArn;
      this.mapRunArn = mapRunArn;
      this.interpreter = interpreter;
    }

    ChildExecution view() {
      return new ChildExecution(
          index,
          arn,
          name,
          stateMachineArn,
          mapRunArn,
          status,
          input,
          startDate,
          Optional.ofNullable(stopDate),
          Optional.ofNullable(output),
          Optional.ofNullable(error),
          Optional.ofNullable(cause),
          redriveCount,
          Optional.ofNullable(redriveDate));
    }
  }

  /**
   * A child workflow execution at one moment, as {@code DescribeExecution} and {@code
   * ListExecutions} (with a map run ARN) report it.
   *
   * @param index the item (or batch) index it processes
   * @param arn its ARN
   * @param name its name (a UUID)
   * @param stateMachineArn the map run's child state machine ({@code <parent>/<label>})
   * @param mapRunArn the map run that started it
   * @param status its status; {@code PENDING_REDRIVE} while a redrive of the map run waits for it
   * @param input the item (or batch) it processes
   * @param startDate when it started
   * @param stopDate when it last ended
   * @param output its output, when it succeeded
   * @param error its error, when it did not
   * @param cause its cause, likewise
   * @param redriveCount how often the map run redrove it
   * @param redriveDate when it was last redriven
   */
  public record ChildExecution(
      int index,
      String arn,
      String name,
      String stateMachineArn,
      String mapRunArn,
      ExecutionStatus status,
      JsonNode input,
      Instant startDate,
      Optional<Instant> stopDate,
      Optional<JsonNode> output,
      Optional<String> error,
      Optional<String> cause,
      int redriveCount,
      Optional<Instant> redriveDate) {
    public ChildExecution {
      Objects.requireNonNull(arn, "arn");
      Objects.requireNonNull(status, "status");
    }

    /**
     * {@code REDRIVABLE_BY_MAP_RUN} for a failed, timed-out or aborted child (it cannot be redriven
     * by itself; redriving the parent execution redrives it through the map run), {@code
     * NOT_REDRIVABLE} otherwise.
     */
    public dev.redrive.simulator.execution.RedriveStatus redriveStatus() {
      return dev.redrive.simulator.execution.RedriveStatus.on(status, true, false);
    }

    /** Why it cannot be redriven: "Execution is RUNNING and cannot be redriven". */
    public Optional<String> redriveStatusReason() {
      return redriveStatus() == dev.redrive.simulator.execution.RedriveStatus.REDRIVABLE_BY_MAP_RUN
          ? Optional.empty()
          : Optional.of("Execution is " + status + " and cannot be redriven");
    }
  }

  /**
   * A map run at one moment, as {@code DescribeMapRun} reports it.
   *
   * @param toleratedFailureCount 0 when the Map state sets none
   * @param toleratedFailurePercentage 0 when the Map state sets none
   */
  public record Snapshot(
      String arn,
      String executionArn,
      String stateMachineArn,
      Status status,
      Instant startDate,
      Optional<Instant> stopDate,
      int maxConcurrency,
      int toleratedFailureCount,
      double toleratedFailurePercentage,
      Counts itemCounts,
      Counts executionCounts,
      int redriveCount,
      Optional<Instant> redriveDate) {}

  /**
   * {@code MapRunItemCounts} or {@code MapRunExecutionCounts}. Items of children not started yet
   * count as pending; {@code failuresNotRedrivable} is always 0 here, since every unsuccessful
   * child can be redriven.
   */
  public record Counts(
      long pending,
      long running,
      long succeeded,
      long failed,
      long timedOut,
      long aborted,
      long total,
      long resultsWritten,
      long failuresNotRedrivable,
      long pendingRedrive) {

    static final class Builder {
      private long pending;
      private long running;
      private long succeeded;
      private long failed;
      private long timedOut;
      private long aborted;
      private long total;
      private long resultsWritten;
      private long pendingRedrive;

      void add(ExecutionStatus s, long n, boolean written) {
        total += n;
        if (written) {
          resultsWritten += n;
        }
        if (s == null) {
          pending += n;
          return;
        }
        switch (s) {
          case RUNNING -> running += n;
          case SUCCEEDED -> succeeded += n;
          case FAILED -> failed += n;
          case TIMED_OUT -> timedOut += n;
          case ABORTED -> aborted += n;
          case PENDING_REDRIVE -> pendingRedrive += n;
        }
      }

      Counts build() {
        return new Counts(
            pending,
            running,
            succeeded,
            failed,
            timedOut,
            aborted,
            total,
            resultsWritten,
            0,
            pendingRedrive);
      }
    }
  }
}
