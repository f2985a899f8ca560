package dev.redrive.simulator.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A subscriber whose consumer comes later: the events it receives are held, in order, until {@link
 * #attach} names the consumer, then handed over; from then on each event goes straight through.
 *
 * <p>It closes the gap between subscribing and having a consumer ready: subscribe it to the {@link
 * EventBus} before anything can publish (before the simulator's endpoint accepts calls), build the
 * consumer once the endpoint's port is known, and attach it. No event published in between is lost.
 *
 * <p>At most {@code capacity} events are held; one more is dropped and logged with the reason, so a
 * consumer that never comes cannot exhaust memory. Thread-safe; order is kept even when events
 * arrive while {@link #attach} hands over the held ones.
 */
public final class HoldingSubscriber implements Consumer<JsonNode> {
  private static final Logger LOG = Logger.getLogger(HoldingSubscriber.class.getName());

  private final int capacity;
  // Guarded by this.
  private final Deque<JsonNode> held = new ArrayDeque<>();
  private Consumer<JsonNode> consumer;
  private long dropped;

  /**
   * @param capacity how many events may wait for the consumer, at least 1
   * @throws IllegalArgumentException when {@code capacity} is below 1
   */
  public HoldingSubscriber(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Hands {@code event} to the consumer, or holds it until there is one.
   *
   * @throws RuntimeException whatever the attached consumer throws (the bus logs it)
   */
  @Override
  public synchronized void accept(JsonNode event) {
    Objects.requireNonNull(event, "event");
    if (consumer != null) {
      consumer.accept(event);
      return;
    }
    if (held.size() >= capacity) {
      dropped++;
      LOG.log(
          Level.WARNING,
          "event {0} dropped: {1} events already wait for a consumer that is not attached yet"
              + " ({2} dropped so far)",
          new Object[] {event.path("id").asText("(no id)"), capacity, dropped});
      return;
    }
    held.add(event);
  }

  /**
   * Hands the held events over to {@code target}, in the order they came, then passes every later
   * event straight on. An event that {@code target} refuses (throws) is logged with the reason and
   * the others still go.
   *
   * @throws IllegalStateException when a consumer is already attached
   */
  public synchronized void attach(Consumer<JsonNode> target) {
    Objects.requireNonNull(target, "target");
    if (consumer != null) {
      throw new IllegalStateException("a consumer is already attached");
    }
    // Under the lock: an event published meanwhile waits in accept(), so it goes after these.
    while (!held.isEmpty()) {
      JsonNode event = held.poll();
      try {
        target.accept(event);
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "held event "
                + event.path("id").asText("(no id)")
                + " dropped: the consumer refused it",
            e);
      }
    }
    consumer = target;
  }

  /** How many events wait for the consumer (0 once it is attached). */
  public synchronized int heldCount() {
    return held.size();
  }

  /** How many events were dropped because {@code capacity} events already waited. */
  public synchronized long droppedCount() {
    return dropped;
  }
}
