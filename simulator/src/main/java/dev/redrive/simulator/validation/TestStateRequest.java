package dev.redrive.simulator.validation;

import java.util.Objects;
import java.util.Optional;

/**
 * The fields of a TestState request that decide whether AWS runs it.
 *
 * @param definition the state (or whole state machine) under test, as sent
 * @param stateName the state to test when {@code definition} is a whole state machine
 * @param roleArn the role, needed to run a Task state for real
 * @param mock the mocked result or error, if any
 * @param revealSecrets whether the request asks to reveal secrets
 * @param mapIterationFailureCount {@code stateConfiguration.mapIterationFailureCount}, if given
 */
public record TestStateRequest(
    String definition,
    Optional<String> stateName,
    Optional<String> roleArn,
    Optional<Mock> mock,
    boolean revealSecrets,
    Optional<Integer> mapIterationFailureCount) {

  public TestStateRequest {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(stateName, "stateName");
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(mock, "mock");
    Objects.requireNonNull(mapIterationFailureCount, "mapIterationFailureCount");
  }

  /**
   * TestState's {@code mock}: a result (a JSON text) or an error output.
   *
   * @param result the mocked result as sent, if the mock is a result
   * @param fieldValidationMode how the result is checked against the service's response shape:
   *     {@code STRICT} (default), {@code PRESENT} or {@code NONE}
   */
  public record Mock(Optional<String> result, String fieldValidationMode) {
    private static final java.util.Set<String> MODES =
        java.util.Set.of("STRICT", "PRESENT", "NONE");

    public Mock {
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(fieldValidationMode, "fieldValidationMode");
      if (!MODES.contains(fieldValidationMode)) {
        throw new InvalidRequestException(
            InvalidRequestException.VALIDATION_EXCEPTION,
            "mock.fieldValidationMode must be one of STRICT, PRESENT, NONE, was '"
                + fieldValidationMode
                + "'");
      }
    }

    /** A mock checked in the default {@code STRICT} mode. */
    public Mock(Optional<String> result) {
      this(result, "STRICT");
    }
  }
}
