package dev.redrive.simulator.runtime;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes the threads of one execution that wait for something to happen: a task token answered or
 * beating, an activity task taken by a worker, a stop request. A waiter reads {@link #count()},
 * checks what it waits for, then calls {@link #await} with that count, so a signal sent between the
 * check and the wait is not lost. A lock rather than {@code synchronized}, so that a virtual thread
 * waiting here does not hold its carrier thread.
 */
final class Wakeup {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private long signals;

  /** Wakes every waiter. */
  void signal() {
    lock.lock();
    try {
      signals++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The number of signals so far. */
  long count() {
    lock.lock();
    try {
      return signals;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocks until a signal comes after the {@code seen} count, or the time runs out (real time).
   *
   * @param nanos the longest wait; negative waits without a limit
   * @return true when a signal came, false when the time ran out
   */
  boolean await(long seen, long nanos) throws InterruptedException {
    lock.lock();
    try {
      if (nanos < 0) {
        while (signals == seen) {
          changed.await();
        }
        return true;
      }
      long left = nanos;
      while (signals == seen) {
        if (left <= 0) {
          return false;
        }
        left = changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }
}
