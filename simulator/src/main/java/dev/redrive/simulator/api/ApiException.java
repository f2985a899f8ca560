package dev.redrive.simulator.api;

import java.util.Objects;

/**
 * A request refused by the protocol layer, before any operation runs: a body that is not JSON, an
 * unknown operation, a field of the wrong type or missing. Carries the HTTP status, AWS's error
 * code and message.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String errorCode;

  ApiException(int status, String errorCode, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.status = status;
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
  }

  int status() {
    return status;
  }

  String errorCode() {
    return errorCode;
  }

  /** The body is not a JSON object, or a field has the wrong JSON type. */
  static ApiException serialization(String message) {
    return new ApiException(400, "SerializationException", message);
  }

  /** The {@code X-Amz-Target} header names no operation of this service. */
  static ApiException unknownOperation(String target) {
    return new ApiException(
        400, "UnknownOperationException", "Unknown operation: " + (target == null ? "" : target));
  }

  /** A required member is absent, worded as AWS's request validation does. */
  static ApiException missing(String field) {
    return new ApiException(
        400,
        "ValidationException",
        "1 validation error detected: Value null at '"
            + field
            + "' failed to satisfy constraint: Member must not be null");
  }
}
