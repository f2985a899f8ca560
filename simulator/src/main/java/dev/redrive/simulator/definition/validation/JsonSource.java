package dev.redrive.simulator.definition.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads the definition string, reporting a syntax error the way AWS does: Jackson's message
 * followed by {@code at [Source: (String)"..."; line: L, column: C]}, with the source position as
 * the diagnostic's location.
 */
final class JsonSource {
  /** Jackson quotes at most this many characters of the source in a location. */
  private static final int MAX_QUOTED = 500;

  /**
   * Quotes the source in nested locations ("start marker at [Source: (String)...]") as AWS does.
   */
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

  private JsonSource() {}

  /** The parsed document, or {@code null} after adding the syntax problem to {@code findings}. */
  static JsonNode parse(String definition, Findings findings) {
    if (definition == null || definition.isBlank()) {
      findings.schema("Definition must be a valid JSON object", null);
      return null;
    }
    try (JsonParser parser = JSON.createParser(definition)) {
      JsonNode node = read(parser, findings, definition);
      if (node == null) {
        return null;
      }
      if (!node.isObject()) {
        findings.schema("Definition must be a valid JSON object", null);
        return null;
      }
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The document, or {@code null} after reporting its syntax error. */
  private static JsonNode read(JsonParser parser, Findings findings, String definition)
      throws IOException {
    try {
      return JSON.readTree(parser);
    } catch (JsonProcessingException e) {
      // AWS's parser reports where it stopped reading (after an unrecognized token), not where
      // the token began, so the position is taken from the parser rather than the exception.
      JsonLocation at = parser.currentLocation();
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
