package dev.redrive.cli;

/**
 * Input the command cannot use: a file that cannot be read, a malformed event, an invalid policy
 * where a valid one is needed. The command stops and exits with {@link ExitCodes#BAD_INPUT}; the
 * message, printed on stderr, says what was expected, what was found and where.
 */
public final class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message for people. */
  public BadInputException(String message) {
    super(message);
  }

  /** An exception with a message for people and the error behind it. */
  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
