package dev.redrive.simulator.validation;

import java.util.Objects;

/**
 * A request field AWS would refuse before looking at any resource: a bad name, a malformed ARN, a
 * value outside its constraints, an input that is not JSON. The API answers it with HTTP 400, the
 * {@link #errorCode()} as the error type and {@link #getMessage()} as the message, both exactly as
 * AWS words them.
 */
public class InvalidRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A resource name breaks the naming rules. */
  public static final String INVALID_NAME = "InvalidName";

  /** An ARN is malformed or names the wrong kind of resource. */
  public static final String INVALID_ARN = "InvalidArn";

  /** A field breaks a constraint of the API model (length, range, enum) or a cross-field rule. */
  public static final String VALIDATION_EXCEPTION = "ValidationException";

  /** The execution input is not valid JSON. */
  public static final String INVALID_EXECUTION_INPUT = "InvalidExecutionInput";

  /** None of the optional fields of an update was given. */
  public static final String MISSING_REQUIRED_PARAMETER = "MissingRequiredParameter";

  private final String errorCode;

  /**
   * @param errorCode the AWS error code, one of the constants of this class
   * @param message the message exactly as AWS words it
   */
  public InvalidRequestException(String errorCode, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
  }

  /** The AWS error code, e.g. {@code InvalidName}. */
  public String errorCode() {
    return errorCode;
  }
}
