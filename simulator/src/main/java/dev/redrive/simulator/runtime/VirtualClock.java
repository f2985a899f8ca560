package dev.redrive.simulator.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock whose time only moves when someone sleeps or calls {@link #advance}. Waits that only time
 * ends (Wait state, retry back-off) pass at once; a wait for the outside world (a task token's
 * answer, an activity worker) jumps to its limit once nobody has signalled for {@link #IDLE} of
 * real time.
 */
public final class VirtualClock implements SimClock {
  /** How long nobody may answer, in real time, before a wait jumps to its limit. */
  public static final Duration IDLE = Duration.ofSeconds(1);

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

  /** Moves time forward to {@code until}, unless it is already there or past. */
  private void advanceTo(Instant until) {
    now.updateAndGet(t -> t.isBefore(until) ? until : t);
  }

  @Override
  public boolean pass(Instant until, Signal signal) {
    advanceTo(until);
    return false;
  }

  @Override
  public boolean awaitOutside(Instant limit, Signal signal) throws InterruptedException {
    if (limit == null) {
      return signal.await(-1);
    }
    if (signal.await(TimeUnit.NANOSECONDS.convert(IDLE))) {
      return true;
    }
    advanceTo(limit);
    return false;
  }

  /** At most {@link #IDLE}: nobody moves a virtual clock while the outside world is slow. */
  @Override
  public Duration outsideWait(Duration wait) {
    return wait.compareTo(IDLE) < 0 ? wait : IDLE;
  }
}
