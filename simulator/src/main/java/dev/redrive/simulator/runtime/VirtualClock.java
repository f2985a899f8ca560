package dev.redrive.simulator.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** A clock whose time only moves when someone sleeps or calls {@link #advance}; never blocks. */
public final class VirtualClock implements SimClock {
  private final AtomicReference<Instant> now;

  /** A virtual clock starting at the given instant. */
  public VirtualClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  @Override
  public Instant now() {
    return now.get();
  }

  @Override
  public void sleep(Duration duration) {
    advance(duration);
  }

  /** Moves time forward (negative durations are ignored). */
  public void advance(Duration duration) {
    if (!duration.isNegative()) {
      now.updateAndGet(t -> t.plus(duration));
    }
  }
}
