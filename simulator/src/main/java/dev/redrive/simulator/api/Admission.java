package dev.redrive.simulator.api;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the endpoint admits at once: request bodies held in memory, in bytes. A request whose body
 * does not fit in what is left is refused with {@code ThrottlingException} (HTTP 400, "Rate
 * exceeded"), the answer AWS gives a caller that sends more than it can take and that every AWS SDK
 * retries with backoff, rather than buffering until the process runs out of memory. The bytes of a
 * request are held from the moment they are read until its answer is written.
 */
final class Admission {
  private final long budget;
  private final AtomicLong held = new AtomicLong();

  /**
   * @param budget bytes of request bodies held at most, at least 1
   */
  Admission(long budget) {
    if (budget < 1) {
      throw new IllegalArgumentException("admission budget must be >= 1 byte, was " + budget);
    }
    this.budget = budget;
  }

  /** The default budget: an eighth of the heap the JVM may use, at least 16 MiB. */
  static long defaultBudget() {
    return Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 8);
  }

  /** Holds {@code bytes} more; false (and nothing held) when they do not fit. */
  boolean tryHold(long bytes) {
    while (true) {
      long now = held.get();
      if (now + bytes > budget) {
        return false;
      }
      if (held.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  /** Gives back bytes held by {@link #tryHold}. */
  void release(long bytes) {
    held.addAndGet(-bytes);
  }

  /** Bytes held now. */
  long held() {
    return held.get();
  }

  /** The refusal sent when a request does not fit. */
  static ApiException throttled() {
    return new ApiException(400, "ThrottlingException", "Rate exceeded");
  }
}
