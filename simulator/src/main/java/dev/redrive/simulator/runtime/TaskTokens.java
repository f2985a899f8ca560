package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

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

  private final Map<String, CompletableFuture<Completion>> waiting = new ConcurrentHashMap<>();
  private final Map<String, java.util.concurrent.atomic.AtomicLong> beats =
      new ConcurrentHashMap<>();

  /** Issues a new token and starts waiting for it. */
  public String issue() {
    String token = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID();
    waiting.put(token, new CompletableFuture<>());
    return token;
  }

  /** The completion a token's task waits on, if the token is known. */
  Optional<CompletableFuture<Completion>> future(String token) {
    return Optional.ofNullable(waiting.get(token));
  }

  /** Forgets a token once its task has ended. */
  void release(String token) {
    waiting.remove(token);
    beats.remove(token);
  }

  /**
   * {@code SendTaskHeartbeat}: the task's HeartbeatSeconds start again.
   *
   * @return false when no task waits on the token
   */
  public boolean heartbeat(String token) {
    if (!waiting.containsKey(token)) {
      return false;
    }
    beats
        .computeIfAbsent(token, t -> new java.util.concurrent.atomic.AtomicLong())
        .incrementAndGet();
    return true;
  }

  /** How many heartbeats the token has had. */
  long heartbeats(String token) {
    java.util.concurrent.atomic.AtomicLong n = beats.get(token);
    return n == null ? 0 : n.get();
  }

  /**
   * {@code SendTaskSuccess}.
   *
   * @return false when the token is unknown or already completed
   */
  public boolean succeed(String token, JsonNode output) {
    CompletableFuture<Completion> f = waiting.get(token);
    return f != null && f.complete(new Completion(output, null, null));
  }

  /**
   * {@code SendTaskFailure}.
   *
   * @return false when the token is unknown or already completed
   */
  public boolean fail(String token, String error, String cause) {
    CompletableFuture<Completion> f = waiting.get(token);
    return f != null
        && f.complete(new Completion(null, error == null ? "" : error, cause == null ? "" : cause));
  }

  /** True while a task waits on the token. */
  public boolean isWaiting(String token) {
    return waiting.containsKey(token);
  }
}
