package dev.redrive.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads EventBridge "Step Functions Execution Status Change" events into {@link ExecutionEvent}s.
 *
 * <p>Only what cannot be decided on is an error: text that is not JSON, an event without a {@code
 * detail} object, or a detail without a textual {@code executionArn} ({@link
 * MalformedEventException}). Everything else missing or null is taken as absent: an event with
 * another {@code detail-type} parses, and the policy ignores it.
 */
public final class EventParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EventParser() {}

  /**
   * Parses one event from its JSON text.
   *
   * @throws MalformedEventException if the text is not one JSON object with a {@code detail} that
   *     has an {@code executionArn}
   */
  public static ExecutionEvent parse(String json) {
    return fromTree(readTree(json));
  }

  /**
   * Reads JSON text into a tree, for callers that look at the envelope before {@link #fromTree}.
   *
   * @throws MalformedEventException if the text is not JSON, or empty
   */
  public static JsonNode readTree(String json) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MalformedEventException(
          "expected an EventBridge event as JSON, found text that is not JSON: "
              + e.getOriginalMessage(),
          e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw new MalformedEventException("expected an EventBridge event as JSON, found no JSON");
    }
    return tree;
  }

  /**
   * Reads one event from a JSON tree.
   *
   * @throws MalformedEventException if the tree is not an object with a {@code detail} object that
   *     has a textual {@code executionArn}
   */
  public static ExecutionEvent fromTree(JsonNode event) {
    if (event == null || !event.isObject()) {
      throw new MalformedEventException(
          "expected an EventBridge event (a JSON object), found " + describe(event));
    }
    JsonNode detail = event.get("detail");
    if (detail == null || !detail.isObject()) {
      throw new MalformedEventException(
          "expected an EventBridge event with a \"detail\" object, found "
              + (detail == null ? "no \"detail\"" : "\"detail\": " + describe(detail)));
    }
    JsonNode arn = detail.get("executionArn");
    if (arn == null || !arn.isTextual() || arn.asText().isEmpty()) {
      throw new MalformedEventException(
          "expected \"detail.executionArn\" (the execution's ARN), found "
              + (arn == null ? "none" : describe(arn)));
    }
    return new ExecutionEvent(
        text(event, "detail-type").orElse(""),
        text(event, "source").orElse(""),
        arn.asText(),
        text(detail, "stateMachineArn").orElse(""),
        text(detail, "status").orElse(""),
        redriveCount(detail),
        text(detail, "redriveStatus"),
        text(detail, "redriveStatusReason"),
        text(detail, "error"),
        text(detail, "cause"),
        epochMillis(detail, "startDate"),
        epochMillis(detail, "stopDate"),
        text(detail, "input"),
        Optional.empty(),
        text(detail, "stateMachineVersionArn"),
        text(detail, "stateMachineAliasArn"));
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    return Optional.of(value.isValueNode() ? value.asText() : value.toString());
  }

  private static int redriveCount(JsonNode detail) {
    JsonNode value = detail.get("redriveCount");
    if (value == null || value.isNull()) {
      return 0;
    }
    if (value.canConvertToInt() && value.isIntegralNumber() && value.asInt() >= 0) {
      return value.asInt();
    }
    if (value.isTextual() && value.asText().matches("\\d{1,9}")) {
      return Integer.parseInt(value.asText());
    }
    throw new MalformedEventException(
        "expected \"detail.redriveCount\" to be a whole number >= 0, found " + describe(value));
  }

  private static OptionalLong epochMillis(JsonNode detail, String field) {
    JsonNode value = detail.get(field);
    if (value == null || value.isNull()) {
      return OptionalLong.empty();
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return OptionalLong.of(value.asLong());
    }
    if (value.isTextual() && value.asText().matches("-?\\d{1,18}")) {
      return OptionalLong.of(Long.parseLong(value.asText()));
    }
    throw new MalformedEventException(
        "expected \"detail."
            + field
            + "\" to be epoch milliseconds (a whole number), found "
            + describe(value));
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    String kind =
        switch (node.getNodeType()) {
          case ARRAY -> "an array";
          case OBJECT -> "an object";
          case STRING -> "a string";
          case NUMBER -> "a number";
          case BOOLEAN -> "a boolean";
          case NULL -> "null";
          default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    String text = node.toString();
    if (text.length() > 60) {
      text = text.substring(0, 57) + "...";
    }
    return node.isNull() ? kind : kind + " " + text;
  }
}
