package dev.redrive.functions.delay;

import java.time.Duration;

/**
 * Where a redrive waits for its backoff: the controller's own queue, with the message delayed. SQS
 * delays at most 15 minutes, so longer waits take several hops; the message carries when it is due.
 */
public interface DelayQueue {
  /** SQS's longest message delay. */
  Duration MAX_HOP = Duration.ofMinutes(15);

  /**
   * Sends {@code body} back to the queue, visible again after {@code delay} (at most {@link
   * #MAX_HOP}).
   */
  void send(String body, Duration delay);
}
