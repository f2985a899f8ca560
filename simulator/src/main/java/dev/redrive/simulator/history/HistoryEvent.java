package dev.redrive.simulator.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of an execution's history, as {@code GetExecutionHistory} returns it.
 *
 * <p>The details object is keyed as AWS keys it ({@code stateEnteredEventDetails}, ...). Payload
 * fields inside it ({@code input}, {@code output}, {@code parameters} and the values of {@code
 * assignedVariables}) hold the JSON value itself; {@link HistoryJson} renders them as JSON text, as
 * AWS does. Events are never mutated once recorded.
 *
 * @param id the event id, from 1
 * @param previousEventId the id of the event this one follows, 0 for none
 * @param timestamp when it happened, by the execution's clock
 * @param type the event type, e.g. {@code PassStateEntered}
 * @param detailsKey the name of the details field, e.g. {@code stateEnteredEventDetails}, or null
 * @param details the details, or null for events without details
 */
public record HistoryEvent(
    long id,
    long previousEventId,
    Instant timestamp,
    String type,
    String detailsKey,
    ObjectNode details) {

  public HistoryEvent {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(type, "type");
    if ((detailsKey == null) != (details == null)) {
      throw new IllegalArgumentException("detailsKey and details must both be set or both be null");
    }
  }

  /** The details object, when the event has one. */
  public Optional<ObjectNode> detailsNode() {
    return Optional.ofNullable(details);
  }
}
