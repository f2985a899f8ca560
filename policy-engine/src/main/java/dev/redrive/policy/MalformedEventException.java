package dev.redrive.policy;

/**
 * An event that cannot be decided on: not JSON, no {@code detail} object, or no {@code
 * detail.executionArn}. The message says what was expected and what was found. A malformed event is
 * an error, not a decision (DESIGN.md, "The decision").
 */
public final class MalformedEventException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was expected and what was found. */
  public MalformedEventException(String message) {
    super(message);
  }

  /** Creates the exception with the parser error that caused it. */
  public MalformedEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
