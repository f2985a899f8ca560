package dev.redrive.simulator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.definition.validation.Placeholders;

/**
 * Calls the {@link RequestValidator} method of an operation with the fields of a recorded request.
 */
final class RequestCalls {
  private RequestCalls() {}

  /** {@code (accepted)}, or {@code Code | Message} of the refusal. */
  static String outcome(String operation, JsonNode r) {

    try {
      switch (operation) {
        case "create_activity" -> RequestValidator.createActivity(text(r, "name"));
        case "describe_execution", "stop_execution", "get_execution_history" ->
            RequestValidator.executionArn(arn(text(r, "executionArn")));
        case "describe_activity", "delete_activity" ->
            RequestValidator.activityArn(arn(text(r, "activityArn")));
        case "get_activity_task" ->
            RequestValidator.getActivityTask(arn(text(r, "activityArn")), text(r, "workerName"));
        case "create_state_machine" ->
            RequestValidator.createStateMachine(
                text(r, "name"),
                text(r, "type"),
                r.has("publish") ? r.get("publish").asBoolean() : null,
                text(r, "versionDescription"));
        case "update_state_machine" ->
            RequestValidator.updateStateMachine(
                arn(text(r, "stateMachineArn")),
                text(r, "definition"),
                text(r, "roleArn"),
                r.has("loggingConfiguration"),
                r.has("tracingConfiguration"),
                r.has("publish") ? r.get("publish").asBoolean() : null,
                text(r, "versionDescription"));
        case "start_execution", "start_sync_execution" ->
            RequestValidator.startExecution(
                arn(text(r, "stateMachineArn")), text(r, "name"), text(r, "input"));
        case "list_executions" ->
            RequestValidator.listExecutions(
                arn(text(r, "stateMachineArn")),
                arn(text(r, "mapRunArn")),
                r.has("maxResults") ? r.get("maxResults").asInt() : null,
                text(r, "nextToken"),
                text(r, "statusFilter"));
        default ->
            RequestValidator.list(
                arn(text(r, "stateMachineArn")),
                r.has("maxResults") ? r.get("maxResults").asInt() : null,
                text(r, "nextToken"));
      }
      return "(accepted)";
    } catch (InvalidRequestException e) {
      return e.errorCode() + " | " + e.getMessage();
    }
  }

  private static String text(JsonNode r, String field) {
    return r.hasNonNull(field) ? r.get(field).asText() : null;
  }

  private static String arn(String value) {
    return Placeholders.concrete(value);
  }
}
