package dev.redrive.simulator.runtime;

import java.time.Duration;
import java.time.Instant;

/**
 * The time source of executions. Waits, retry back-off and timeouts go through {@link #sleep}, so a
 * {@link VirtualClock} runs them instantly and deterministically while {@link #system()} really
 * waits.
 */
public interface SimClock {
  /** The current instant. */
  Instant now();

  /**
   * Lets the given time pass.
   *
   * @throws InterruptedException when the waiting thread is interrupted (real clock)
   */
  void sleep(Duration duration) throws InterruptedException;

  /** The wall clock; {@link #sleep} blocks the calling thread. */
  static SimClock system() {
    return new SimClock() {
      @Override
      public Instant now() {
        return Instant.now();
      }

      @Override
      public void sleep(Duration duration) throws InterruptedException {
        if (!duration.isNegative() && !duration.isZero()) {
          Thread.sleep(duration.toMillis());
        }
      }
    };
  }
}
