package dev.redrive.simulator.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders history events as the {@code GetExecutionHistory} response of the Step Functions JSON 1.0
 * protocol: {@code {"events": [{"timestamp": 1.7E9, "type": ..., "id": ..., "previousEventId": ...,
 * "<type>EventDetails": {...}}]}}, timestamps in epoch seconds with milliseconds, payloads ({@code
 * input}, {@code output}, {@code parameters}, assigned variables) as JSON text.
 */
public final class HistoryJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> PAYLOAD_FIELDS = Set.of("input", "output", "parameters");

  private HistoryJson() {}

  /** The {@code {"events": [...]}} object. */
  public static ObjectNode response(List<HistoryEvent> events) {
    ObjectNode out = NODES.objectNode();
    ArrayNode array = out.putArray("events");
    for (HistoryEvent e : events) {
      array.add(event(e));
    }
    return out;
  }

  /** One event as the API renders it. */
  public static ObjectNode event(HistoryEvent e) {
    ObjectNode out = NODES.objectNode();
    out.put("timestamp", BigDecimal.valueOf(e.timestamp().toEpochMilli(), 3));
    out.put("type", e.type());
    out.put("id", e.id());
    out.put("previousEventId", e.previousEventId());
    if (e.details() != null) {
      out.set(e.detailsKey(), renderDetails(e.details()));
    }
    return out;
  }

  private static ObjectNode renderDetails(ObjectNode details) {
    ObjectNode out = NODES.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = details.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String key = f.getKey();
      JsonNode value = f.getValue();
      if (PAYLOAD_FIELDS.contains(key)) {
        out.put(key, text(value));
      } else if (key.equals("assignedVariables")) {
        ObjectNode vars = out.putObject(key);
        value.fields().forEachRemaining(v -> vars.put(v.getKey(), text(v.getValue())));
      } else if (value.isObject()) {
        out.set(key, renderDetails((ObjectNode) value));
      } else {
        out.set(key, value);
      }
    }
    return out;
  }

  /** A JSON value as compact JSON text, as AWS renders payloads. */
  public static String text(JsonNode value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }
}
