package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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

  private static final int MAC_HEX = 32;

  private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
  private final SecretKeySpec key = newKey();

  private static SecretKeySpec newKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return new SecretKeySpec(bytes, "HmacSHA256");
  }

  /**
   * Issues a new token and starts waiting for it. A token is 32 hex digits, a MAC of the random
   * UUID that follows, under a key of this instance: so a token that was issued, and whose task has
   * ended, can be told from one made up ({@link #wasIssued}), without remembering every token.
   */
  public String issue() {
    String nonce = UUID.randomUUID().toString();
    String token = mac(nonce) + nonce;
    waiting.put(token, new Waiting());
    return token;
  }

  /**
   * Whether this instance issued the token (its task may have ended since). A well-formed token
   * that was never issued is not: AWS answers it as it answers a malformed one ({@code
   * InvalidToken}), and {@code TaskTimedOut} only for a token of a task that existed.
   */
  public boolean wasIssued(String token) {
    if (token == null || token.length() != MAC_HEX + 36) {
      return false;
    }
    byte[] expected = mac(token.substring(MAC_HEX)).getBytes(StandardCharsets.US_ASCII);
    byte[] found = token.substring(0, MAC_HEX).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, found);
  }

  private String mac(String nonce) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] sum = mac.doFinal(nonce.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(sum, 0, MAC_HEX / 2);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
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
