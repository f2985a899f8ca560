package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

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

  /**
   * Handles one request without holding the calling thread while the answer is not ready (a long
   * poll); by default, {@link #handle} at once. Cancelling the future (the client hung up)
   * withdraws the request where the operation can.
   *
   * @return the response body, or failed with what {@link #handle} would throw
   * @throws RuntimeException what {@link #handle} throws, when it is known at once
   */
  default CompletableFuture<ObjectNode> start(ApiRequest request) {
    return CompletableFuture.completedFuture(handle(request));
  }
}
