package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.jsonata.JsonataBindings;
import dev.redrive.simulator.jsonata.JsonataEngine;
import dev.redrive.simulator.jsonata.JsonataException;
import dev.redrive.simulator.jsonata.JsonataType;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * The interpreter's access to JSONata: evaluates a field of a JSONata-mode state (a string {@code
 * "{% expr %}"} or a template holding such strings) against {@code $states} and the workflow
 * variables, turning failures into AWS's {@code States.QueryEvaluationError} with the state's name,
 * entered event and the field's location.
 */
public final class QueryEngine {
  private final JsonataEngine engine;

  /** An engine whose {@code $now()} and {@code $millis()} read the execution's clock. */
  public QueryEngine(SimClock clock) {
    this.engine =
        new JsonataEngine(asJavaClock(clock), new java.security.SecureRandom(), UUID::randomUUID);
  }

  /**
   * Evaluates a field.
   *
   * @throws Interpreter.LocatedError {@code States.QueryEvaluationError} with AWS's full cause
   */
  JsonNode evaluate(
      JsonNode template,
      JsonNode states,
      Map<String, JsonNode> variables,
      String field,
      String stateName,
      long enteredEventId) {
    try {
      return engine.evaluateTemplate(template, new JsonataBindings(states, variables), field);
    } catch (JsonataException e) {
      throw located(e, stateName, enteredEventId);
    }
  }

  /** Evaluates a field that must yield a value of the given type (Items: an array). */
  JsonNode evaluateAs(
      JsonNode template,
      JsonNode states,
      Map<String, JsonNode> variables,
      String field,
      JsonataType type,
      String stateName,
      long enteredEventId) {
    try {
      if (JsonataEngine.isExpression(template)) {
        return engine.evaluateAs(
            template.textValue(), new JsonataBindings(states, variables), field, type);
      }
      JsonNode v = engine.evaluateTemplate(template, new JsonataBindings(states, variables), field);
      if (!type.matches(v)) {
        throw JsonataException.unexpectedType(
            dev.redrive.simulator.history.HistoryJson.text(template), field, type, v);
      }
      return v;
    } catch (JsonataException e) {
      throw located(e, stateName, enteredEventId);
    }
  }

  /** Raises AWS's error for a Map input that is not an array. */
  Interpreter.LocatedError mapInputNotArray(JsonNode input, String stateName, long enteredEventId) {
    return located(JsonataException.mapInputNotArray(input), stateName, enteredEventId);
  }

  /** Raises AWS's error for a Wait Timestamp that is not ISO-8601. */
  Interpreter.LocatedError invalidTimestamp(String text, String stateName, long enteredEventId) {
    return located(JsonataException.invalidTimestamp(text), stateName, enteredEventId);
  }

  private static Interpreter.LocatedError located(
      JsonataException e, String stateName, long enteredEventId) {
    return new Interpreter.LocatedError(
        dev.redrive.simulator.error.StatesError.QUERY_EVALUATION_ERROR,
        e.cause(stateName, enteredEventId),
        e.location());
  }

  /** True when the value is a JSONata expression string {@code "{% ... %}"}. */
  boolean isExpression(JsonNode value) {
    return JsonataEngine.isExpression(value);
  }

  private static Clock asJavaClock(SimClock clock) {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return clock.now();
      }
    };
  }
}
