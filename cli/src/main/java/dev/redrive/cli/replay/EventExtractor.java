package dev.redrive.cli.replay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;

/**
 * Reads one JSON value from a parser, keeping of an event only what {@link
 * dev.redrive.policy.EventParser} reads: the envelope's {@code detail-type} and {@code source}, and
 * the decision fields of {@code detail}. The rest ({@code resources}, {@code output}, {@code
 * inputDetails}, ...) is parsed, so a syntax error anywhere is still found, but not built into a
 * tree: on a million events, building whole trees was more than half of replay's time.
 *
 * <p>Anything that is not an object with a {@code detail} object is read whole, so that {@code
 * EventParser} reports it as it would.
 */
final class EventExtractor {
  /** The envelope fields {@code EventParser.fromTree} reads, besides {@code detail}. */
  static final Set<String> ENVELOPE_FIELDS = Set.of("detail-type", "source");

  /** The {@code detail} fields {@code EventParser.fromTree} reads. */
  static final Set<String> DETAIL_FIELDS =
      Set.of(
          "executionArn",
          "stateMachineArn",
          "status",
          "redriveCount",
          "redriveStatus",
          "redriveStatusReason",
          "error",
          "cause",
          "startDate",
          "stopDate",
          "input");

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ObjectMapper mapper;

  EventExtractor(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Reads the value at the parser's current token (an object's fields as described above).
   *
   * @throws IOException with the parser's location if the text is not JSON
   */
  JsonNode read(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      return mapper.readTree(parser);
    }
    ObjectNode event = NODES.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("detail") && value == JsonToken.START_OBJECT) {
        event.set("detail", detail(parser));
      } else if (field.equals("detail") || ENVELOPE_FIELDS.contains(field)) {
        event.set(field, node(parser, value));
      } else {
        parser.skipChildren();
      }
    }
    return event;
  }

  private ObjectNode detail(JsonParser parser) throws IOException {
    ObjectNode detail = NODES.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (DETAIL_FIELDS.contains(field)) {
        detail.set(field, node(parser, value));
      } else {
        parser.skipChildren();
      }
    }
    return detail;
  }

  /** The value at the current token, built directly for scalars (the common case). */
  private JsonNode node(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> NODES.textNode(parser.getText());
      case VALUE_NULL -> NODES.nullNode();
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NUMBER_INT ->
          switch (parser.getNumberType()) {
            case INT -> NODES.numberNode(parser.getIntValue());
            case LONG -> NODES.numberNode(parser.getLongValue());
            default -> NODES.numberNode(parser.getBigIntegerValue());
          };
      default -> mapper.readTree(parser);
    };
  }
}
