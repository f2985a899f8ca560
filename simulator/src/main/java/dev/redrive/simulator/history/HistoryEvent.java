package dev.redrive.simulator.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of an execution's history, as {@code GetExecutionHistory} returns it.
 *
 * <p>The details object is keyed as AWS keys it ({@code stateEnteredEventDetails}, ...). Payload
 * fields inside it ({@code input}, {@code output}, {@code parameters} and the values of {@code
 * assignedVariables}) hold the JSON value itself; {@link HistoryJson} renders them as JSON text, as
 * AWS does. Events are never modified once recorded.
 *
 * <p>The events every state produces ({@code *StateEntered}, {@code *StateExited}) are kept in a
 * compact form and their details object is built when asked for: a finished execution keeps its
 * whole history, so the memory per event matters.
 */
public final class HistoryEvent {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectNode NOT_TRUNCATED = NODES.objectNode().put("truncated", false);

  private final long id;
  private final long previousEventId;
  private final Instant timestamp;
  private final String type;
  private final String detailsKey;
  private final ObjectNode details;
  private final String stateName;
  private final JsonNode payload;
  private final Map<String, JsonNode> assigned;

  private HistoryEvent(
      long id,
      long previousEventId,
      Instant timestamp,
      String type,
      String detailsKey,
      ObjectNode details,
      String stateName,
      JsonNode payload,
      Map<String, JsonNode> assigned) {
    this.id = id;
    this.previousEventId = previousEventId;
    this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    this.type = Objects.requireNonNull(type, "type");
    this.detailsKey = detailsKey;
    this.details = details;
    this.stateName = stateName;
    this.payload = payload;
    this.assigned = assigned;
  }

  /**
   * An event with a details object (or none).
   *
   * @param detailsKey the name of the details field, e.g. {@code taskScheduledEventDetails}, or
   *     null for an event without details
   * @param details the details, null exactly when detailsKey is
   */
  public static HistoryEvent of(
      long id,
      long previousEventId,
      Instant timestamp,
      String type,
      String detailsKey,
      ObjectNode details) {
    if ((detailsKey == null) != (details == null)) {
      throw new IllegalArgumentException("detailsKey and details must both be set or both be null");
    }
    return new HistoryEvent(
        id, previousEventId, timestamp, type, detailsKey, details, null, null, null);
  }

  /**
   * A {@code *StateEntered} event ({@code stateEnteredEventDetails}: name, input).
   *
   * @param type e.g. {@code PassStateEntered}
   */
  public static HistoryEvent stateEntered(
      long id, long previousEventId, Instant timestamp, String type, String name, JsonNode input) {
    return new HistoryEvent(
        id,
        previousEventId,
        timestamp,
        type,
        "stateEnteredEventDetails",
        null,
        Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(input, "input"),
        null);
  }

  /**
   * A {@code *StateExited} event ({@code stateExitedEventDetails}: name, output, assigned
   * variables).
   *
   * @param assigned the variables the state assigned, empty for none
   */
  public static HistoryEvent stateExited(
      long id,
      long previousEventId,
      Instant timestamp,
      String type,
      String name,
      JsonNode output,
      Map<String, JsonNode> assigned) {
    return new HistoryEvent(
        id,
        previousEventId,
        timestamp,
        type,
        "stateExitedEventDetails",
        null,
        Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(output, "output"),
        assigned.isEmpty() ? null : Map.copyOf(assigned));
  }

  /** The event id, from 1. */
  public long id() {
    return id;
  }

  /** The id of the event this one follows, 0 for none. */
  public long previousEventId() {
    return previousEventId;
  }

  /** When it happened, by the execution's clock. */
  public Instant timestamp() {
    return timestamp;
  }

  /** The event type, e.g. {@code PassStateEntered}. */
  public String type() {
    return type;
  }

  /** The name of the details field, e.g. {@code stateEnteredEventDetails}, or null. */
  public String detailsKey() {
    return detailsKey;
  }

  /** The details object (payloads as JSON values), or null for events without details. */
  public ObjectNode details() {
    if (details != null || stateName == null) {
      return details;
    }
    ObjectNode d = NODES.objectNode();
    d.put("name", stateName);
    if (detailsKey.equals("stateEnteredEventDetails")) {
      d.set("input", payload);
      d.set("inputDetails", NOT_TRUNCATED.deepCopy());
    } else {
      d.set("output", payload);
      d.set("outputDetails", NOT_TRUNCATED.deepCopy());
      if (assigned != null) {
        ObjectNode vars = d.putObject("assignedVariables");
        assigned.forEach(vars::set);
        d.set("assignedVariablesDetails", NOT_TRUNCATED.deepCopy());
      }
    }
    return d;
  }

  /** The details object, when the event has one. */
  public Optional<ObjectNode> detailsNode() {
    return Optional.ofNullable(details());
  }

  /** The state's name, for state entered and exited events. */
  public Optional<String> stateName() {
    return Optional.ofNullable(stateName);
  }

  @Override
  public String toString() {
    return "HistoryEvent[" + id + " " + type + " after " + previousEventId + "]";
  }
}
