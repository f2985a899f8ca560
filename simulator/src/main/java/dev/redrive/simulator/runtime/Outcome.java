package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a branch (or a whole execution) ended: an output, or an error and cause (a Fail state may
 * give neither).
 *
 * @param output the output, null on failure
 * @param error the error name, may be null on failure
 * @param cause the cause, may be null on failure
 * @param failed true when it failed
 */
public record Outcome(JsonNode output, String error, String cause, boolean failed) {
  static Outcome success(JsonNode output) {
    return new Outcome(output, null, null, false);
  }

  static Outcome failure(String error, String cause) {
    return new Outcome(null, error, cause, true);
  }

  /** The error name for matching Retry and Catch: empty when the failure has none. */
  public String errorName() {
    return error == null ? "" : error;
  }
}
