package dev.redrive.simulator.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The append-only event log of one execution. Ids are assigned in order from 1; the caller says
 * which event each one follows. Thread-safe: branches of a Parallel state may append concurrently.
 */
public final class History {
  /**
   * AWS's hard quota of events in one execution's history. "When an execution reaches 24,999
   * events, it waits for the next event to happen. If the event number 25,000 is
   * ExecutionSucceeded, the execution finishes successfully; if not, the ExecutionFailed event is
   * logged" (AWS developer guide, "Avoid reaching the history quota").
   */
  public static final int MAX_EVENTS = 25_000;

  /** The error of an execution failed by the quota. */
  public static final String LIMIT_ERROR = "States.Runtime";

  /** The cause of an execution failed by AWS's quota, as AWS words it. */
  public static final String LIMIT_CAUSE = limitCause(MAX_EVENTS);

  /** The cause of an execution failed by a quota of {@code maxEvents}. */
  public static String limitCause(int maxEvents) {
    return "The execution reached the maximum number of history events (" + maxEvents + ").";
  }

  /**
   * Thrown instead of appending an event that would be the last the quota allows without ending the
   * execution; the interpreter then ends it with {@code ExecutionFailed} ({@link #LIMIT_ERROR},
   * {@link #cause()}) as that last event.
   */
  public static final class LimitReached extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int maxEvents;

    LimitReached(String type, int maxEvents) {
      super(type + " would be event " + maxEvents, null, false, false);
      this.maxEvents = maxEvents;
    }

    /** The execution's cause, as AWS words it. */
    public String cause() {
      return limitCause(maxEvents);
    }
  }

  private final List<HistoryEvent> events = new ArrayList<>();
  private final int maxEvents;

  /** A history with AWS's quota of {@link #MAX_EVENTS} events. */
  public History() {
    this(MAX_EVENTS);
  }

  /**
   * A history with another quota, for workloads AWS would refuse (benchmarks, large tests).
   *
   * @param maxEvents the quota, at least 2 (ExecutionStarted and the end)
   * @throws IllegalArgumentException when it is smaller
   */
  public History(int maxEvents) {
    if (maxEvents < 2) {
      throw new IllegalArgumentException("maxEvents must be >= 2, was " + maxEvents);
    }
    this.maxEvents = maxEvents;
  }

  /** The quota of events. */
  public int maxEvents() {
    return maxEvents;
  }

  /**
   * Appends an event and returns its id.
   *
   * @param previousEventId the event it follows (0 for none)
   * @param type the event type
   * @param detailsKey the name of its details field, or null
   * @param details the details, or null
   * @throws LimitReached when the event would be the last one the quota allows and does not end the
   *     execution
   */
  public synchronized long add(
      long previousEventId, Instant timestamp, String type, String detailsKey, ObjectNode details) {
    checkRoom(type);
    long id = events.size() + 1L;
    events.add(HistoryEvent.of(id, previousEventId, timestamp, type, detailsKey, details));
    return id;
  }

  /** Appends a {@code *StateEntered} event and returns its id. */
  public synchronized long addStateEntered(
      long previousEventId, Instant timestamp, String type, String name, JsonNode input) {
    checkRoom(type);
    long id = events.size() + 1L;
    events.add(HistoryEvent.stateEntered(id, previousEventId, timestamp, type, name, input));
    return id;
  }

  /** Appends a {@code *StateExited} event and returns its id. */
  public synchronized long addStateExited(
      long previousEventId,
      Instant timestamp,
      String type,
      String name,
      JsonNode output,
      java.util.Map<String, JsonNode> assigned) {
    checkRoom(type);
    long id = events.size() + 1L;
    events.add(
        HistoryEvent.stateExited(id, previousEventId, timestamp, type, name, output, assigned));
    return id;
  }

  /**
   * Refuses an event that would take the last place the quota leaves unless it ends the execution
   * (a single size comparison on the append path).
   */
  private void checkRoom(String type) {
    if (events.size() >= maxEvents - 1 && !endsExecution(type)) {
      throw new LimitReached(type, maxEvents);
    }
  }

  private static boolean endsExecution(String type) {
    return type.equals("ExecutionSucceeded")
        || type.equals("ExecutionFailed")
        || type.equals("ExecutionTimedOut")
        || type.equals("ExecutionAborted");
  }

  /**
   * Whether the history holds so many events that a redrive could not add {@code ExecutionRedriven}
   * and one more event: AWS refuses to redrive it ({@code ExecutionNotRedrivable}, reason
   * "Execution history event limit exceeded").
   */
  public synchronized boolean full() {
    return events.size() >= maxEvents - 1;
  }

  /** A snapshot of the events so far, in id order. */
  public synchronized List<HistoryEvent> events() {
    return Collections.unmodifiableList(new ArrayList<>(events));
  }

  /** The number of events so far. */
  public synchronized int size() {
    return events.size();
  }

  /** The event with the given id. */
  public synchronized HistoryEvent get(long id) {
    return events.get((int) (id - 1));
  }
}
