package dev.redrive.simulator.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The {@code input} of StartExecution and StartSyncExecution: absent means {@code {}}, otherwise it
 * must be a JSON text. AWS reports a bad one as {@code InvalidExecutionInput} with the parser's
 * message, e.g. {@code Invalid State Machine Execution Input: 'Unrecognized token 'not': was
 * expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')'}.
 */
public final class ExecutionInput {
  /**
   * Quotes the source in nested locations ("start marker at [Source: (String)...]") as AWS does.
   */
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

  private ExecutionInput() {}

  /**
   * Checks an execution input.
   *
   * @param input the raw input, or {@code null} when the request has none
   * @throws InvalidRequestException {@code InvalidExecutionInput} when it is not JSON
   */
  public static void check(String input) {
    if (input == null) {
      return;
    }
    if (input.isBlank()) {
      throw invalid("Invalid execution input.");
    }
    try {
      JSON.readTree(input);
    } catch (JsonProcessingException e) {
      throw invalid(e.getOriginalMessage());
    }
  }

  private static InvalidRequestException invalid(String detail) {
    return new InvalidRequestException(
        InvalidRequestException.INVALID_EXECUTION_INPUT,
        "Invalid State Machine Execution Input: '" + detail + "'");
  }
}
