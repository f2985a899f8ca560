package dev.redrive.simulator.mock;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * What a mocked Task state answers on one attempt: a result ({@code Return}) or an error ({@code
 * Throw}), as in the {@code MockedResponses} of the Step Functions Local mock configuration file.
 */
public sealed interface MockResult {

  /**
   * The task succeeds with this value as its result, as if the service had returned it. For {@code
   * arn:aws:states:::lambda:invoke} it is the whole invoke response ({@code Payload}, {@code
   * StatusCode}...), as in Step Functions Local.
   */
  record Return(JsonNode value) implements MockResult {
    public Return {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * The task fails with this error and cause; the state's Retry and Catch apply.
   *
   * @param error the error name, e.g. {@code Lambda.ServiceException}
   * @param cause the cause, empty when the file gives none
   */
  record Throw(String error, Optional<String> cause) implements MockResult {
    public Throw {
      Objects.requireNonNull(error, "error");
      Objects.requireNonNull(cause, "cause");
    }
  }
}
