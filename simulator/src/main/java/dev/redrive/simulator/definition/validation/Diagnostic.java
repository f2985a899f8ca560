package dev.redrive.simulator.definition.validation;

import java.util.Objects;

/**
 * One problem found in a state machine definition, as {@code ValidateStateMachineDefinition}
 * reports it.
 *
 * @param severity {@code ERROR} (or {@code WARNING}); never null
 * @param code the AWS diagnostic code, e.g. {@code SCHEMA_VALIDATION_FAILED}, {@code
 *     MISSING_TRANSITION_TARGET}, {@code INVALID_JSON_DESCRIPTION}; never null
 * @param message the message as AWS words it, without the code or location; never null
 * @param location where the problem is, e.g. {@code /States/Wait/Seconds}, or {@code null} when AWS
 *     reports none (for instance {@code MISSING_END_STATE}, which AWS prints as {@code at null})
 */
public record Diagnostic(String severity, String code, String message, String location) {
  /** Severity of a problem that makes CreateStateMachine fail. */
  public static final String ERROR = "ERROR";

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** An {@code ERROR} diagnostic. */
  static Diagnostic error(String code, String message, String location) {
    return new Diagnostic(ERROR, code, message, location);
  }

  /**
   * The problem as it appears inside AWS's {@code InvalidDefinition} message: {@code CODE: message
   * at location}. A JSON syntax error already ends with its source position, so it gets no suffix.
   */
  String render() {
    if (DiagnosticCodes.INVALID_JSON_DESCRIPTION.equals(code)) {
      return code + ": " + message;
    }
    return code + ": " + message + " at " + location;
  }
}
