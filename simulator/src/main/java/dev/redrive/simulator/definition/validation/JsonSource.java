package dev.redrive.simulator.definition.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the definition string, reporting a syntax error the way AWS does: Jackson's message
 * followed by {@code at [Source: (String)"..."; line: L, column: C]}, with the source position as
 * the diagnostic's location.
 */
final class JsonSource {
  /** Jackson quotes at most this many characters of the source in a location. */
  private static final int MAX_QUOTED = 500;

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonSource() {}

  /** The parsed document, or {@code null} after adding the syntax problem to {@code findings}. */
  static JsonNode parse(String definition, Findings findings) {
    if (definition == null || definition.isBlank()) {
      findings.schema("Definition must be a valid JSON object", null);
      return null;
    }
    try {
      JsonNode node = JSON.readTree(definition);
      if (node == null || !node.isObject()) {
        findings.schema("Definition must be a valid JSON object", null);
        return null;
      }
      return node;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String location =
          at == null
              ? null
              : "[Source: (String)"
                  + quoted(definition)
                  + "; line: "
                  + at.getLineNr()
                  + ", column: "
                  + at.getColumnNr()
                  + "]";
      String message = e.getOriginalMessage() + (location == null ? "" : "\n at " + location);
      findings.add(DiagnosticCodes.INVALID_JSON_DESCRIPTION, message, location);
      return null;
    }
  }

  private static String quoted(String source) {
    if (source.length() <= MAX_QUOTED) {
      return "\"" + source + "\"";
    }
    return "\""
        + source.substring(0, MAX_QUOTED)
        + "\"[truncated "
        + (source.length() - MAX_QUOTED)
        + " chars]";
  }
}
