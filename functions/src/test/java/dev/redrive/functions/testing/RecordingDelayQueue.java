package dev.redrive.functions.testing;

import dev.redrive.functions.delay.DelayQueue;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/** Keeps delayed messages so a test can feed them back when it wants. */
public final class RecordingDelayQueue implements DelayQueue {
  /** A message and its delay. */
  public record Sent(String body, Duration delay) {}

  private final Deque<Sent> sent = new ArrayDeque<>();

  @Override
  public synchronized void send(String body, Duration delay) {
    sent.add(new Sent(body, delay));
  }

  public synchronized Sent take() {
    return sent.removeFirst();
  }

  public synchronized int size() {
    return sent.size();
  }
}
