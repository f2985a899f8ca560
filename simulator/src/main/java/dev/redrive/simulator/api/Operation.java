package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One operation of the Step Functions API: a request body in, a response body out. */
@FunctionalInterface
interface Operation {
  /**
   * Handles one request.
   *
   * @return the response body ({@code {}} for operations without output)
   * @throws RuntimeException the errors {@link ErrorResponse} maps to AWS's error responses
   */
  ObjectNode handle(ApiRequest request);
}
