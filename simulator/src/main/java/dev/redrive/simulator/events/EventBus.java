package dev.redrive.simulator.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.event.ruler.Machine;

/**
 * A small in-process event bus: subscribers register an EventBridge event pattern ({@code
 * {"source": ["aws.states"], "detail": {"status": ["FAILED"]}}}) and receive the events it matches,
 * as an EventBridge rule would; sinks receive every event. Matching uses event-ruler, the library
 * behind EventBridge's own pattern matching.
 *
 * <p>Delivery is synchronous, in the publishing thread, in subscription order. A subscriber or sink
 * that throws is logged (every time, with the event's id and the reason) and skipped: it never
 * disturbs the execution that published the event, nor the other subscribers.
 */
public final class EventBus implements EventPublisher, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EventBus.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Machine machine = new Machine();
  private final Map<String, Consumer<JsonNode>> subscribers = new ConcurrentHashMap<>();
  private final List<EventSink> sinks = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong();

  /** An empty bus. */
  public EventBus() {}

  /** A handle to end a subscription. */
  public interface Subscription extends AutoCloseable {
    /** Stops delivering events to the subscriber. */
    @Override
    void close();
  }

  /**
   * Delivers every published event that matches {@code pattern} to {@code subscriber}.
   *
   * @param pattern an EventBridge event pattern, as JSON text
   * @throws IllegalArgumentException when the pattern is not a valid EventBridge pattern
   */
  public Subscription subscribe(String pattern, Consumer<JsonNode> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    String name = "subscription-" + ids.incrementAndGet();
    try {
      synchronized (machine) {
        machine.addRule(name, pattern);
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a valid event pattern: " + pattern, e);
    }
    subscribers.put(name, subscriber);
    return () -> {
      subscribers.remove(name);
      synchronized (machine) {
        try {
          machine.deleteRule(name, pattern);
        } catch (IOException e) {
          throw new IllegalStateException("cannot remove pattern " + pattern, e);
        }
      }
    };
  }

  /** Copies every published event to {@code sink}; the bus closes it when it is closed. */
  public void addSink(EventSink sink) {
    sinks.add(Objects.requireNonNull(sink, "sink"));
  }

  @Override
  public void publish(ObjectNode event) {
    String json;
    try {
      json = JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render event", e);
    }
    for (EventSink sink : sinks) {
      try {
        sink.accept(json);
      } catch (UncheckedIOException e) {
        // Expected failures (a full disk): one line each, every time, without a stack trace.
        LOG.log(Level.WARNING, () -> "event " + idOf(event) + " not delivered: " + e.getMessage());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, e, () -> "event " + idOf(event) + " not delivered to " + sink);
      }
    }
    if (subscribers.isEmpty()) {
      return;
    }
    List<String> matched;
    synchronized (machine) {
      matched = machine.rulesForJSONEvent(event);
    }
    for (String name : matched) {
      Consumer<JsonNode> subscriber = subscribers.get(name);
      if (subscriber == null) {
        continue;
      }
      try {
        subscriber.accept(event.deepCopy());
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            e,
            () -> "event " + idOf(event) + " not delivered to " + name + ": " + e.getMessage());
      }
    }
  }

  private static String idOf(ObjectNode event) {
    return event.path("id").asText("(no id)");
  }

  /** Closes every sink. */
  @Override
  public void close() {
    for (EventSink sink : sinks) {
      try {
        sink.close();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "cannot close event sink", e);
      }
    }
    sinks.clear();
  }
}
