package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Task tokens of {@code .waitForTaskToken} tasks waiting for {@code SendTaskSuccess} or {@code
 * SendTaskFailure}. Shared by all executions of a simulator; the service layer completes tokens
 * through it.
 */
public final class TaskTokens {
  /** How a waiting task ended: an output, or an error and cause. */
  public record Completion(JsonNode output, String error, String cause) {
    /** True when the task failed. */
    public boolean failed() {
      return output == null;
    }
  }

  /** A token's task: its answer, its heartbeats, and whom to tell when either comes. */
  private static final class Waiting {
    final CompletableFuture<Completion> done = new CompletableFuture<>();
    final AtomicLong beats = new AtomicLong();
    volatile Runnable listener = () -> {};

    void changed() {
      listener.run();
    }
  }

  private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();

  /** Issues a new token and starts waiting for it. */
  public String issue() {
    String token = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID();
    waiting.put(token, new Waiting());
    return token;
  }

  /** The completion a token's task waits on, if the token is known. */
  Optional<CompletableFuture<Completion>> future(String token) {
    return Optional.ofNullable(waiting.get(token)).map(w -> w.done);
  }

  /**
   * Calls {@code listener} (on the answering thread, so it must return quickly) each time the token
   * is answered or beats; replaces the previous listener. Nothing when the token is unknown.
   */
  void onChange(String token, Runnable listener) {
    Waiting w = waiting.get(token);
    if (w != null) {
      w.listener = listener;
    }
  }

  /** Forgets a token once its task has ended. */
  void release(String token) {
    waiting.remove(token);
  }

  /**
   * {@code SendTaskHeartbeat}: the task's HeartbeatSeconds start again.
   *
   * @return false when no task waits on the token
   */
  public boolean heartbeat(String token) {
    Waiting w = waiting.get(token);
    if (w == null) {
      return false;
    }
    w.beats.incrementAndGet();
    w.changed();
    return true;
  }

  /** How many heartbeats the token has had. */
  long heartbeats(String token) {
    Waiting w = waiting.get(token);
    return w == null ? 0 : w.beats.get();
  }

  /**
   * {@code SendTaskSuccess}.
   *
   * @return false when the token is unknown or already completed
   */
  public boolean succeed(String token, JsonNode output) {
    return complete(token, new Completion(output, null, null));
  }

  /**
   * {@code SendTaskFailure}.
   *
   * @return false when the token is unknown or already completed
   */
  public boolean fail(String token, String error, String cause) {
    return complete(
        token, new Completion(null, error == null ? "" : error, cause == null ? "" : cause));
  }

  private boolean complete(String token, Completion completion) {
    Waiting w = waiting.get(token);
    if (w == null || !w.done.complete(completion)) {
      return false;
    }
    w.changed();
    return true;
  }

  /** True while a task waits on the token. */
  public boolean isWaiting(String token) {
    return waiting.containsKey(token);
  }
}
