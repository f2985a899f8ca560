package dev.redrive.simulator.definition.validation;

/**
 * The diagnostic codes of {@code ValidateStateMachineDefinition}, as listed in the AWS API
 * reference ({@code ValidateStateMachineDefinitionDiagnostic}).
 */
final class DiagnosticCodes {
  /** JSON syntax problem found. */
  static final String INVALID_JSON_DESCRIPTION = "INVALID_JSON_DESCRIPTION";

  /** Schema validation reported errors. */
  static final String SCHEMA_VALIDATION_FAILED = "SCHEMA_VALIDATION_FAILED";

  /** The workflow does not have a terminal state. */
  static final String MISSING_END_STATE = "MISSING_END_STATE";

  /** The value of a "Next" field doesn't match a known state name (also: unreachable states). */
  static final String MISSING_TRANSITION_TARGET = "MISSING_TRANSITION_TARGET";

  /** The same state name appears more than once. */
  static final String DUPLICATE_STATE_NAME = "DUPLICATE_STATE_NAME";

  /** The state name does not follow the naming convention. */
  static final String INVALID_STATE_NAME = "INVALID_STATE_NAME";

  /** An invalid Map state label. */
  static final String INVALID_LABEL_NAME = "INVALID_LABEL_NAME";

  /** A label name appears more than once. */
  static final String DUPLICATE_LABEL_NAME = "DUPLICATE_LABEL_NAME";

  private DiagnosticCodes() {}
}
