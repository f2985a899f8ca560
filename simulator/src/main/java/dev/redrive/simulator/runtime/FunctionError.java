package dev.redrive.simulator.runtime;

import java.util.List;

/**
 * A local function's failure, as a Lambda handler's exception: the error type (e.g. {@code
 * Exception}), its message, and the stack trace lines reported in the cause.
 */
public class FunctionError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String errorType;
  private final List<String> stackTrace;

  /**
   * @param errorType the exception type name, which becomes the Step Functions error name
   * @param message the exception message
   * @param stackTrace the stack trace lines, as the Lambda runtime reports them
   */
  public FunctionError(String errorType, String message, List<String> stackTrace) {
    super(message);
    this.errorType = errorType;
    this.stackTrace = List.copyOf(stackTrace);
  }

  /** The error type, e.g. {@code Exception}. */
  public String errorType() {
    return errorType;
  }

  /** The stack trace lines. */
  public List<String> trace() {
    return stackTrace;
  }
}
