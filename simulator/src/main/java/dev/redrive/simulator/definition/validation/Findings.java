package dev.redrive.simulator.definition.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

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

  /**
   * {@code Field 'X' is not supported} at {@code loc}, for each field of {@code node} not allowed.
   */
  void unsupportedFields(JsonNode node, Set<String> allowed, String loc) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!allowed.contains(field)) {
        schema("Field '" + field + "' is not supported", loc);
      }
    }
  }

  /**
   * {@code The value for the field 'X' must be a string}, for each of {@code fields} that is not.
   */
  void requireStrings(JsonNode owner, String loc, String... fields) {
    for (String f : fields) {
      JsonNode v = owner.get(f);
      if (v != null && !v.isTextual()) {
        schema("The value for the field '" + f + "' must be a string", loc + "/" + f);
      }
    }
  }

  /** A field that belongs to the other query language than the one in effect. */
  void languageMismatch(LanguageFields language, String field, String loc) {
    schema(
        "The QueryLanguage is set to '"
            + language.aslName()
            + "', but field '"
            + field
            + "' is only supported for the '"
            + language.other().aslName()
            + "' QueryLanguage",
        loc);
  }

  boolean isEmpty() {
    return diagnostics.isEmpty();
  }

  List<Diagnostic> list() {
    return List.copyOf(diagnostics);
  }
}
