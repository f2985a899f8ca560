package dev.redrive.simulator.definition.validation;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem with its location, in the order found, so a user fixes all at once. */
final class Findings {
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  /** A {@code SCHEMA_VALIDATION_FAILED} problem. */
  void schema(String message, String location) {
    add(DiagnosticCodes.SCHEMA_VALIDATION_FAILED, message, location);
  }

  /** An error with the given code. */
  void add(String code, String message, String location) {
    diagnostics.add(Diagnostic.error(code, message, location));
  }

  boolean isEmpty() {
    return diagnostics.isEmpty();
  }

  List<Diagnostic> list() {
    return List.copyOf(diagnostics);
  }
}
