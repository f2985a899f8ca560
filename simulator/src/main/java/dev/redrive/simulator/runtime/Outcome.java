package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a branch (or a whole execution) ended: an output, or an error and cause.
 *
 * @param output the output, null on failure
 * @param error the error name, null on success
 * @param cause the cause, may be null on failure
 */
public record Outcome(JsonNode output, String error, String cause) {
  static Outcome success(JsonNode output) {
    return new Outcome(output, null, null);
  }

  static Outcome failure(String error, String cause) {
    return new Outcome(null, error, cause);
  }

  /** True when it failed. */
  public boolean failed() {
    return error != null;
  }
}
