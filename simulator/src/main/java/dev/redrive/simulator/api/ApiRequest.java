package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON body of one request, with typed access to its members. A member of the wrong JSON type
 * is a {@code SerializationException}, a missing required one a {@code ValidationException}, as in
 * AWS.
 */
final class ApiRequest {
  private final ObjectNode body;

  ApiRequest(ObjectNode body) {
    this.body = body;
  }

  /** A string member, or null when absent or null. */
  String string(String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.serialization(
          "Expected a string for '" + field + "', found " + value.getNodeType());
    }
    return value.asText();
  }

  /** A string member that must be present. */
  String requiredString(String field) {
    String value = string(field);
    if (value == null) {
      throw ApiException.missing(field);
    }
    return value;
  }

  /** An integer member, or null when absent or null. */
  Integer integer(String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw ApiException.serialization(
          "Expected an integer for '" + field + "', found " + value.getNodeType());
    }
    return value.intValue();
  }

  /** A number member, or null when absent or null. */
  Double number(String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw ApiException.serialization(
          "Expected a number for '" + field + "', found " + value.getNodeType());
    }
    return value.doubleValue();
  }

  /** A boolean member, or null when absent or null. */
  Boolean bool(String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      throw ApiException.serialization(
          "Expected a boolean for '" + field + "', found " + value.getNodeType());
    }
    return value.booleanValue();
  }

  /** An array member, or null when absent or null. */
  JsonNode array(String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isArray()) {
      throw ApiException.serialization(
          "Expected a list for '" + field + "', found " + value.getNodeType());
    }
    return value;
  }

  /** An object member, or null when absent or null. */
  JsonNode object(String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw ApiException.serialization(
          "Expected an object for '" + field + "', found " + value.getNodeType());
    }
    return value;
  }
}
