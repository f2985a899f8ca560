package dev.redrive.simulator.definition.validation;

import java.util.List;

/**
 * The definition given to CreateStateMachine, UpdateStateMachine or TestState is not valid ASL. The
 * API answers it with HTTP 400, error code {@link #errorCode()} and {@link #getMessage()} as the
 * message, which is AWS's wording exactly, e.g. {@code Invalid State Machine Definition:
 * 'SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /'}.
 */
public class InvalidDefinitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The AWS error code of this failure. */
  public static final String ERROR_CODE = "InvalidDefinition";

  private final transient List<Diagnostic> diagnostics;

  /**
   * @param message the message exactly as AWS words it
   * @param diagnostics every problem found, in the order AWS reports them; may be empty when the
   *     failure is not about the definition's content (e.g. a state type TestState does not run)
   */
  public InvalidDefinitionException(String message, List<Diagnostic> diagnostics) {
    super(message);
    this.diagnostics = List.copyOf(diagnostics);
  }

  /** Always {@code InvalidDefinition}. */
  public String errorCode() {
    return ERROR_CODE;
  }

  /** Every problem found, in AWS's order. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
