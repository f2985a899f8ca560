package dev.redrive.simulator.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The time source of executions. Waits, retry back-off and timeouts go through it, so a {@link
 * VirtualClock} runs them instantly and deterministically while {@link #system()} really waits. The
 * engine never asks which kind of clock it has: each clock says how its waits pass ({@link #pass},
 * {@link #awaitOutside}, {@link #outsideWait}).
 */
public interface SimClock {
  /** The longest single block of a real-time wait; a longer wait blocks again (no overflow). */
  long MAX_BLOCK_NANOS = TimeUnit.DAYS.toNanos(1);

  /** The current instant. */
  Instant now();

  /**
   * Lets the given time pass.
   *
   * @throws InterruptedException when the waiting thread is interrupted (real clock)
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Something a waiting execution can be woken by (a stop request, a token's answer or heartbeat, a
   * worker taking an activity task).
   */
  @FunctionalInterface
  interface Signal {
    /**
     * Blocks for at most {@code nanos} of real time (negative: without a limit).
     *
     * @return true when signalled, false when the time ran out
     */
    boolean await(long nanos) throws InterruptedException;
  }

  /**
   * Lets time pass until {@code until} (a Wait state, a retry back-off), returning early when
   * {@code signal} comes (a stop request). The real clock blocks; the default waits in real time.
   *
   * @return true when signalled before {@code until}, false when {@code until} came
   */
  default boolean pass(Instant until, Signal signal) throws InterruptedException {
    return awaitRealTime(until, signal);
  }

  /**
   * Waits for the outside world (a task token's answer, a heartbeat, a worker) until {@code limit}
   * (null: no limit). The real clock blocks until the signal or the limit; a virtual clock, which
   * nobody else moves, jumps to the limit once nobody has signalled for a while.
   *
   * @return true when signalled, false when the limit came first
   */
  default boolean awaitOutside(Instant limit, Signal signal) throws InterruptedException {
    return awaitRealTime(limit, signal);
  }

  /**
   * The real time to give the outside world for something that takes {@code wait} on this clock,
   * such as GetActivityTask's long poll of 60 seconds: the wait itself on the real clock.
   */
  default Duration outsideWait(Duration wait) {
    return wait;
  }

  /** Blocks on {@code signal} until {@code limit} in real time (null: no limit). */
  private boolean awaitRealTime(Instant limit, Signal signal) throws InterruptedException {
    if (limit == null) {
      return signal.await(-1);
    }
    Duration left = Duration.between(now(), limit);
    if (left.isNegative() || left.isZero()) {
      return false;
    }
    return signal.await(
        left.compareTo(Duration.ofNanos(MAX_BLOCK_NANOS)) > 0 ? MAX_BLOCK_NANOS : left.toNanos());
  }

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
