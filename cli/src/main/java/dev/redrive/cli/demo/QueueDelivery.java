package dev.redrive.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Hands each event to the controller {@link #DELAY} after it was published, in publication order,
 * as the stack's queue does. In AWS an event spends a moment in EventBridge and up to 5 s in the
 * queue's batching window before the controller reads it; in the simulator a parent that waits for
 * a child (.sync) fails in the same instant as the child. The delay makes the controller read the
 * child's failure after the parent has failed too, on every run, so that the nested story shows the
 * controller deferring the child to its parent.
 */
final class QueueDelivery implements Consumer<JsonNode>, AutoCloseable {
  /** How long an event takes to reach the controller. */
  static final Duration DELAY = Duration.ofMillis(300);

  private final Consumer<JsonNode> controller;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "demo-queue");
            t.setDaemon(true);
            return t;
          });
  private final AtomicInteger pending = new AtomicInteger();

  QueueDelivery(Consumer<JsonNode> controller) {
    this.controller = Objects.requireNonNull(controller, "controller");
  }

  @Override
  public void accept(JsonNode event) {
    pending.incrementAndGet();
    // One thread, one delay: the scheduler runs equal delays in submission order.
    scheduler.schedule(
        () -> {
          try {
            controller.accept(event);
          } finally {
            pending.decrementAndGet();
          }
        },
        DELAY.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** How many events are on their way to the controller. */
  int pending() {
    return pending.get();
  }

  /** Drops the events still on their way. */
  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
