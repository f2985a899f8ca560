package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.definition.validation.InvalidDefinitionException;
import dev.redrive.simulator.service.ServiceException;
import dev.redrive.simulator.validation.InvalidRequestException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An error as the JSON 1.0 protocol sends it: HTTP 400 for a client error, 500 for an internal one,
 * and the body {@code {"__type": "<Code>", "message": "..."}}, the code without the {@code
 * Exception} suffix of the SDK's class names ({@code StateMachineDoesNotExist}).
 *
 * @param status the HTTP status
 * @param code AWS's error code
 * @param message AWS's message
 */
record ErrorResponse(int status, String code, String message) {
  private static final Logger LOG = Logger.getLogger(ErrorResponse.class.getName());

  /** The response for an exception thrown by an operation. */
  static ErrorResponse of(RuntimeException e) {
    if (e instanceof ApiException api) {
      return new ErrorResponse(api.status(), api.errorCode(), api.getMessage());
    }
    if (e instanceof InvalidRequestException invalid) {
      return new ErrorResponse(400, invalid.errorCode(), invalid.getMessage());
    }
    if (e instanceof InvalidDefinitionException invalid) {
      return new ErrorResponse(400, invalid.errorCode(), invalid.getMessage());
    }
    if (e instanceof ServiceException service) {
      // AWS's API model gives ConflictException HTTP 409, every other client error 400.
      int status = service.errorCode().equals("ConflictException") ? 409 : 400;
      return new ErrorResponse(status, service.errorCode(), service.getMessage());
    }
    LOG.log(Level.WARNING, "internal error", e);
    return new ErrorResponse(500, "InternalFailure", "Internal failure: " + e);
  }

  /** The response body. */
  ObjectNode body() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("__type", code);
    body.put("message", message);
    return body;
  }
}
