package dev.redrive.functions.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * A REDRIVE decision waiting for its backoff, as it travels through the queue: the original event
 * and when the redrive is due. The message body is {@code {"redriveController": {"dueAt": ISO-8601,
 * "rule": ..., "reason": ...}, "event": {...}}}.
 */
record DelayedRedrive(JsonNode event, Instant dueAt, Optional<String> rule, String reason) {
  static final String MARKER = "redriveController";
  private static final ObjectMapper JSON = new ObjectMapper();

  DelayedRedrive {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(dueAt, "dueAt");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(reason, "reason");
  }

  static boolean isEnvelope(JsonNode body) {
    return body.isObject() && body.has(MARKER);
  }

  static DelayedRedrive fromJson(JsonNode body) {
    JsonNode meta = body.get(MARKER);
    JsonNode event = body.get("event");
    JsonNode due = meta == null ? null : meta.get("dueAt");
    if (event == null || !event.isObject() || due == null || !due.isTextual()) {
      throw new IllegalArgumentException(
          "expected a delayed redrive {\"redriveController\": {\"dueAt\": ...}, \"event\": {...}},"
              + " found "
              + body);
    }
    try {
      JsonNode rule = meta.get("rule");
      return new DelayedRedrive(
          event,
          Instant.parse(due.asText()),
          rule == null || rule.isNull() ? Optional.empty() : Optional.of(rule.asText()),
          meta.path("reason").asText(""));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "expected redriveController.dueAt as ISO-8601, found " + due.asText(), e);
    }
  }

  String toJson() {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode meta = body.putObject(MARKER);
    meta.put("dueAt", dueAt.toString());
    meta.put("rule", rule.orElse(null));
    meta.put("reason", reason);
    body.set("event", event);
    return body.toString();
  }
}
