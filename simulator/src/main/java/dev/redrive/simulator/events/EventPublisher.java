package dev.redrive.simulator.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where the simulator sends the events it produces, such as execution status changes. */
@FunctionalInterface
public interface EventPublisher {
  /** Publishes nothing. */
  EventPublisher NONE = event -> {};

  /**
   * Publishes one event. Implementations must not throw for a failing subscriber or sink: an event
   * that cannot be delivered never disturbs the execution that produced it.
   */
  void publish(ObjectNode event);
}
