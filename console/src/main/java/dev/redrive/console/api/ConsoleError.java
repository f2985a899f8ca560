package dev.redrive.console.api;

import dev.redrive.simulator.definition.validation.InvalidDefinitionException;
import dev.redrive.simulator.service.ServiceException;
import dev.redrive.simulator.validation.InvalidRequestException;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An error the console answers with: HTTP status, AWS's error code (or the console's own, for
 * requests the API has no operation for) and message.
 */
record ConsoleError(int status, String code, String message) {
  private static final Logger LOG = Logger.getLogger(ConsoleError.class.getName());

  ConsoleError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** An error as the Step Functions API would report the same exception. */
  static ConsoleError of(RuntimeException e) {
    if (e instanceof Refused refused) {
      return refused.error();
    }
    if (e instanceof InvalidRequestException invalid) {
      return new ConsoleError(400, invalid.errorCode(), invalid.getMessage());
    }
    if (e instanceof InvalidDefinitionException invalid) {
      return new ConsoleError(400, invalid.errorCode(), invalid.getMessage());
    }
    if (e instanceof ServiceException service) {
      return new ConsoleError(400, service.errorCode(), service.getMessage());
    }
    LOG.log(Level.WARNING, "console: internal error", e);
    return new ConsoleError(500, "InternalFailure", "Internal failure: " + e);
  }

  /** A request the console refuses before calling the service. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ConsoleError error;

    Refused(int status, String code, String message) {
      super(message);
      this.error = new ConsoleError(status, code, message);
    }

    ConsoleError error() {
      return error;
    }
  }

  static Refused badRequest(String message) {
    return new Refused(400, "ValidationException", message);
  }

  static Refused notFound(String message) {
    return new Refused(404, "NotFound", message);
  }
}
