package dev.redrive.simulator.jsonata;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON type of an expression's result, named as AWS names it in {@code
 * States.QueryEvaluationError} causes ("Expected 'array', but was 'object' ...").
 */
public enum JsonataType {
  OBJECT("object"),
  ARRAY("array"),
  STRING("string"),
  NUMBER("number"),
  BOOLEAN("boolean"),
  NULL("null");

  private final String awsName;

  JsonataType(String awsName) {
    this.awsName = awsName;
  }

  /** The name AWS uses in messages, e.g. {@code array}. */
  public String awsName() {
    return awsName;
  }

  /** The type of a JSON value. */
  public static JsonataType of(JsonNode value) {
    return switch (value.getNodeType()) {
      case OBJECT, POJO -> OBJECT;
      case ARRAY -> ARRAY;
      case STRING, BINARY -> STRING;
      case NUMBER -> NUMBER;
      case BOOLEAN -> BOOLEAN;
      case NULL, MISSING -> NULL;
    };
  }

  /** Whether the value is of this type. */
  public boolean matches(JsonNode value) {
    return of(value) == this;
  }
}
