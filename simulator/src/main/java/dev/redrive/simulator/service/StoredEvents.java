package dev.redrive.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.history.HistoryEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * History events in the store: {@code {"id", "previousEventId", "timestamp" (ISO-8601, to the
 * nanosecond), "type", "detailsKey", "details"}}, payloads kept as JSON values, so an event read
 * back renders exactly as it did.
 */
final class StoredEvents {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private StoredEvents() {}

  static List<JsonNode> toJson(List<HistoryEvent> events) {
    List<JsonNode> out = new ArrayList<>(events.size());
    for (HistoryEvent e : events) {
      ObjectNode o = NODES.objectNode();
      o.put("id", e.id());
      o.put("previousEventId", e.previousEventId());
      o.put("timestamp", e.timestamp().toString());
      o.put("type", e.type());
      if (e.details() != null) {
        o.put("detailsKey", e.detailsKey());
        o.set("details", e.details());
      }
      out.add(o);
    }
    return out;
  }

  /** Events read back; one without an id, a type or a timestamp is skipped. */
  static List<HistoryEvent> fromJson(List<JsonNode> stored) {
    List<HistoryEvent> out = new ArrayList<>(stored.size());
    for (JsonNode o : stored) {
      if (!o.hasNonNull("id") || !o.hasNonNull("type") || !o.hasNonNull("timestamp")) {
        continue;
      }
      JsonNode details = o.get("details");
      boolean withDetails = details != null && details.isObject() && o.hasNonNull("detailsKey");
      out.add(
          HistoryEvent.of(
              o.get("id").asLong(),
              o.path("previousEventId").asLong(),
              Instant.parse(o.get("timestamp").asText()),
              o.get("type").asText(),
              withDetails ? o.get("detailsKey").asText() : null,
              withDetails ? (ObjectNode) details : null));
    }
    return out;
  }
}
