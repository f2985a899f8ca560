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
  private final List<HistoryEvent> events = new ArrayList<>();

  /**
   * Appends an event and returns its id.
   *
   * @param previousEventId the event it follows (0 for none)
   * @param type the event type
   * @param detailsKey the name of its details field, or null
   * @param details the details, or null
   */
  public synchronized long add(
      long previousEventId, Instant timestamp, String type, String detailsKey, ObjectNode details) {
    long id = events.size() + 1L;
    events.add(HistoryEvent.of(id, previousEventId, timestamp, type, detailsKey, details));
    return id;
  }

  /** Appends a {@code *StateEntered} event and returns its id. */
  public synchronized long addStateEntered(
      long previousEventId, Instant timestamp, String type, String name, JsonNode input) {
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
    long id = events.size() + 1L;
    events.add(
        HistoryEvent.stateExited(id, previousEventId, timestamp, type, name, output, assigned));
    return id;
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
