package dev.redrive.simulator.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.definition.ErrorMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Retry and Catch as TestState reports them: which Retrier and which Catcher handle an error, and
 * whether the Retrier would still retry after the retries already made.
 */
final class Retries {
  private Retries() {}

  /**
   * What the state's Retry says about an error.
   *
   * @param index the index of the Retrier that matches the error
   * @param retriable true when it still retries (fewer retries made than {@code MaxAttempts})
   * @param backoffSeconds seconds before the next attempt: IntervalSeconds × BackoffRate^retries,
   *     capped by MaxDelaySeconds
   */
  record Decision(int index, boolean retriable, long backoffSeconds) {}

  /** The first Retrier matching the error, if any; {@code States.Runtime} is never retried. */
  static Optional<Decision> decide(JsonNode state, String error, int retriesMade) {
    JsonNode retry = state.path("Retry");
    for (int i = 0; i < retry.size(); i++) {
      JsonNode r = retry.get(i);
      if (!ErrorMatcher.matches(names(r), error)) {
        continue;
      }
      int maxAttempts = r.path("MaxAttempts").asInt(3);
      double interval = r.path("IntervalSeconds").asDouble(1);
      double rate = r.path("BackoffRate").asDouble(2.0);
      double seconds = interval * Math.pow(rate, retriesMade);
      if (r.has("MaxDelaySeconds")) {
        seconds = Math.min(seconds, r.get("MaxDelaySeconds").asDouble());
      }
      return Optional.of(new Decision(i, retriesMade < maxAttempts, (long) seconds));
    }
    return Optional.empty();
  }

  /** The index of the first Catcher matching the error, if any. */
  static Optional<Integer> catchIndex(JsonNode state, String error) {
    JsonNode catchers = state.path("Catch");
    for (int i = 0; i < catchers.size(); i++) {
      if (ErrorMatcher.matches(names(catchers.get(i)), error)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  private static List<String> names(JsonNode handler) {
    List<String> out = new ArrayList<>();
    handler.path("ErrorEquals").forEach(n -> out.add(n.asText()));
    return out;
  }
}
