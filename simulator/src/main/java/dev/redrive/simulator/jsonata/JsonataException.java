package dev.redrive.simulator.jsonata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.error.StatesError;
import java.util.Objects;

/**
 * A JSONata-mode failure of a state, worded as AWS Step Functions words it. The interpreter turns
 * it into a {@code States.QueryEvaluationError} with {@link #toStatesError} and records an {@code
 * EvaluationFailed} event whose {@code location} is {@link #location()} (left out when empty).
 *
 * <p>Every cause AWS records starts with "An error occurred while executing the state '<i>name</i>'
 * (entered at the event id #<i>n</i>). " followed by {@link #detail()}. The details found in AWS's
 * recorded histories are:
 *
 * <ul>
 *   <li>{@link #evaluationFailed}: "The JSONata expression '$randomSeeded(...)' specified for the
 *       field 'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke
 *       a non-function"
 *   <li>{@link #undefinedResult}: "The JSONata expression '$doesNotExist' specified for the field
 *       'Output/result' returned nothing (undefined)."
 *   <li>{@link #unexpectedType}: "The JSONata expression '$ItemsVar' specified for the field
 *       'Items' returned an unexpected result type. Expected 'array', but was 'object' for value:
 *       {"foo":"bar"}"
 *   <li>{@link #unsupportedResultType}: "The JSONata expression '$fn := function($x){$x}' specified
 *       for the field 'Items' returned an unsupported result type."
 *   <li>{@link #mapInputNotArray}: "Map state input must be an array but was: 1" (no location)
 *   <li>{@link #invalidTimestamp}: "The Timestamp field cannot be parsed as an ISO-8601 extended
 *       offset date-time format string: 2016-12-05T21:29:29" (location {@code Timestamp})
 * </ul>
 */
public class JsonataException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String expression;
  private final String location;
  private final String detail;

  private JsonataException(String expression, String location, String detail, Throwable cause) {
    super(detail, cause);
    this.expression = Objects.requireNonNull(expression, "expression");
    this.location = Objects.requireNonNull(location, "location");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  /**
   * The expression threw while it was evaluated.
   *
   * @param expression the expression, with or without its {@code {% %}} delimiters
   * @param location the field, e.g. {@code Output/FunctionResult}
   * @param error JSONata's error, code first: {@code T1006: Attempted to invoke a non-function}
   */
  public static JsonataException evaluationFailed(
      String expression, String location, String error) {
    return evaluationFailed(expression, location, error, null);
  }

  /**
   * AWS's sentence about an expression: {@code The JSONata expression '<expr>' specified for the
   * field '<location>'} followed by {@code rest} (which starts with its own space or punctuation).
   */
  private static JsonataException about(
      String expression, String location, String rest, Throwable cause) {
    String body = stripDelimiters(expression);
    return new JsonataException(
        body,
        location,
        "The JSONata expression '" + body + "' specified for the field '" + location + "'" + rest,
        cause);
  }

  static JsonataException evaluationFailed(
      String expression, String location, String error, Throwable cause) {
    return about(expression, location, " threw an error during evaluation. " + error, cause);
  }

  /**
   * The expression threw; {@code tail} ends AWS's sentence: {@code ". T1006: ..."} after a coded
   * JSONata error, {@code ": ..."} after a bound (depth, time) the evaluation ran into.
   */
  static JsonataException failedWithTail(
      String expression, String location, String tail, Throwable cause) {
    return about(expression, location, " threw an error during evaluation" + tail, cause);
  }

  /**
   * The JSONata library itself broke on the expression; AWS words this "threw an internal error
   * during evaluation." (and appends a request id this simulator does not invent).
   */
  static JsonataException internalError(String expression, String location, Throwable cause) {
    return about(expression, location, " threw an internal error during evaluation.", cause);
  }

  /** The expression returned nothing (undefined) for a field that needs a value. */
  public static JsonataException undefinedResult(String expression, String location) {
    return about(expression, location, " returned nothing (undefined).", null);
  }

  /**
   * The expression returned a value of the wrong JSON type, e.g. an object for {@code Items}.
   *
   * @param expected the type the field needs
   * @param value the value the expression returned, printed as compact JSON in the cause
   */
  public static JsonataException unexpectedType(
      String expression, String location, JsonataType expected, JsonNode value) {
    return about(
        expression,
        location,
        " returned an unexpected result type. Expected '"
            + expected.awsName()
            + "', but was '"
            + JsonataType.of(value).awsName()
            + "' for value: "
            + compact(value),
        null);
  }

  /** The expression returned something that is not JSON: a function or a regular expression. */
  public static JsonataException unsupportedResultType(String expression, String location) {
    return about(expression, location, " returned an unsupported result type.", null);
  }

  /**
   * A JSONata Map state without {@code Items} received an input that is not an array. AWS records
   * this {@code EvaluationFailed} event without a location.
   */
  public static JsonataException mapInputNotArray(JsonNode input) {
    return new JsonataException(
        "", "", "Map state input must be an array but was: " + compact(input), null);
  }

  /**
   * A Wait state's {@code Timestamp} (after evaluation) is not an ISO-8601 extended offset
   * date-time, such as {@code 2016-03-14T01:59:00Z}.
   *
   * @param timestamp the string as evaluated, quoted as is
   */
  public static JsonataException invalidTimestamp(String timestamp) {
    return new JsonataException(
        "",
        "Timestamp",
        "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format"
            + " string: "
            + timestamp,
        null);
  }

  /** The expression as AWS quotes it: without {@code {% %}} and the spaces inside them. */
  public String expression() {
    return expression;
  }

  /**
   * The field the expression was found in, e.g. {@code Output/result}: the {@code location} of the
   * {@code EvaluationFailed} event. Empty when AWS records no location.
   */
  public String location() {
    return location;
  }

  /** The cause without the leading sentence naming the state. */
  public String detail() {
    return detail;
  }

  /** The full cause AWS records, naming the state and the id of its {@code *StateEntered} event. */
  public String cause(String stateName, long enteredEventId) {
    return "An error occurred while executing the state '"
        + stateName
        + "' (entered at the event id #"
        + enteredEventId
        + "). "
        + detail;
  }

  /**
   * This failure as the {@code States.QueryEvaluationError} AWS reports, e.g. cause "An error
   * occurred while executing the state 'State_0' (entered at the event id #2). The JSONata
   * expression '$randomSeeded($states.input.FunctionInput.fst)' specified for the field
   * 'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a
   * non-function".
   *
   * @param stateName the state being executed
   * @param enteredEventId the id of that state's {@code *StateEntered} event
   */
  public StatesError toStatesError(String stateName, long enteredEventId) {
    return new StatesError(StatesError.QUERY_EVALUATION_ERROR, cause(stateName, enteredEventId));
  }

  /** The text between {@code {%} and {@code %}}, trimmed; any other string trimmed. */
  static String stripDelimiters(String expression) {
    String s = expression.strip();
    if (JsonataEngine.isExpression(s)) {
      s = s.substring(2, s.length() - 2);
    }
    return s.strip();
  }

  static String compact(JsonNode value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
