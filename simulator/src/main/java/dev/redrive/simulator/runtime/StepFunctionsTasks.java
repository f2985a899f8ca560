package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.error.StatesError;
import dev.redrive.simulator.history.HistoryJson;
import java.util.Optional;
import java.util.UUID;

/**
 * Tasks that call Step Functions itself: nested executions ({@code states:startExecution}, {@code
 * .sync}, {@code .sync:2}, {@code .waitForTaskToken}, {@code aws-sdk:sfn:startExecution}) and
 * task-token callbacks ({@code aws-sdk:sfn:sendTaskSuccess}, {@code sendTaskFailure}), answered by
 * this simulator.
 */
final class StepFunctionsTasks implements TaskTarget {
  private final Interpreter in;
  private final TaskRunner tasks;

  StepFunctionsTasks(Interpreter in, TaskRunner tasks) {
    this.in = in;
    this.tasks = tasks;
  }

  /** True for the Step Functions APIs this simulator answers itself. */
  static boolean handles(TaskCall call) {
    if (!call.integration()) {
      return false;
    }
    String service = call.service();
    String api = call.api();
    return service.equals("aws-sdk:sfn")
            && (api.equals("sendTaskSuccess")
                || api.equals("sendTaskFailure")
                || api.equals("getActivityTask")
                || api.equals("sendTaskHeartbeat")
                || api.equals("startExecution"))
        || service.equals("states") && api.startsWith("startExecution");
  }

  @Override
  public JsonNode call(TaskCall call) throws TaskRunner.TaskFailure {
    Interpreter.StateRun run = call.run();
    String api = call.api();
    String service = call.service();
    JsonNode parameters = call.parameters();
    Optional<Long> timeout = call.timeout();
    Optional<Long> heartbeat = call.heartbeat();
    if (service.equals("aws-sdk:sfn")
        && (api.equals("sendTaskSuccess") || api.equals("sendTaskFailure"))) {
      return sendTaskOutcome(run, api, service, parameters, timeout, heartbeat);
    }
    if (service.equals("aws-sdk:sfn") && api.equals("getActivityTask")) {
      return getActivityTask(run, api, service, parameters, timeout, heartbeat);
    }
    if (service.equals("aws-sdk:sfn") && api.equals("sendTaskHeartbeat")) {
      return sendTaskHeartbeat(run, api, service, parameters, timeout, heartbeat);
    }
    return startExecution(run, api, service, parameters, timeout, heartbeat);
  }

  /**
   * {@code states:startExecution} (the response), {@code .sync} (the DescribeExecution output,
   * input and output as JSON text), {@code .sync:2} (the same with JSON values), and {@code
   * aws-sdk:sfn:startExecution}.
   */
  JsonNode startExecution(
      Interpreter.StateRun run,
      String api,
      String service,
      JsonNode parameters,
      Optional<Long> timeout,
      Optional<Long> heartbeat)
      throws TaskRunner.TaskFailure {
    tasks.scheduled(run, api, service, parameters, timeout, heartbeat);
    tasks.started(run, api, service);
    java.time.Instant taskStarted = in.clock.now();
    String arn = parameters.path("StateMachineArn").asText("");
    JsonNode input = parameters.path("Input");
    if (input.isMissingNode() || input.isNull()) {
      input = Interpreter.NODES.objectNode();
    } else if (input.isTextual()) {
      try {
        input = new com.fasterxml.jackson.databind.ObjectMapper().readTree(input.asText());
      } catch (Exception e) {
        // kept as a string
      }
    }
    Optional<String> name =
        parameters.hasNonNull("Name")
            ? Optional.of(parameters.get("Name").asText())
            : Optional.empty();
    Optional<ChildExecutions.Child> child;
    try {
      child = in.children.run(arn, name, input);
    } catch (ChildExecutions.NameTaken e) {
      String error =
          (service.equals("aws-sdk:sfn") ? "Sfn" : "StepFunctions")
              + ".ExecutionAlreadyExistsException";
      String cause = e.getMessage() + requestDetails(service, "ExecutionAlreadyExists");
      tasks.failed(run, api, service, error, cause);
      throw new TaskRunner.TaskFailure(error, cause, false);
    }
    if (child.isEmpty()) {
      String sdk = service.equals("aws-sdk:sfn") ? "Sfn" : "StepFunctions";
      String error = sdk + ".StateMachineDoesNotExistException";
      String cause =
          "State Machine Does Not Exist: '"
              + arn
              + "' (Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist; Request ID: "
              + UUID.randomUUID()
              + "; Proxy: null)";
      tasks.failed(run, api, service, error, cause);
      throw new TaskRunner.TaskFailure(error, cause, false);
    }
    ChildExecutions.Child c = child.get();
    if (service.equals("aws-sdk:sfn")) {
      ObjectNode out = Interpreter.NODES.objectNode();
      out.put("ExecutionArn", c.executionArn());
      out.put("StartDate", Interpreter.iso(c.startDate()));
      tasks.succeeded(run, api, service, out);
      return out;
    }
    ObjectNode started = startResponse(c);
    if (api.equals("startExecution")) {
      tasks.succeeded(run, api, service, started);
      return started;
    }
    if (api.equals("startExecution.waitForTaskToken")) {
      // The child got the token in its input (the parent passes $$.Task.Token) and may already
      // have answered it: nested executions run to their end before the parent waits. If not, the
      // parent waits for SendTaskSuccess/Failure, e.g. from a redrive of the child.
      return tasks.submitAndAwaitToken(run, api, service, started, timeout, heartbeat, taskStarted);
    }
    ObjectNode sub = Interpreter.NODES.objectNode();
    sub.set("output", started);
    sub.set("outputDetails", Interpreter.notTruncated());
    sub.put("resource", api);
    sub.put("resourceType", service);
    in.emit(run.frame, "TaskSubmitted", "taskSubmittedEventDetails", sub);
    boolean asJson = api.endsWith(":2");
    ObjectNode described = Interpreter.NODES.objectNode();
    if (c.status().equals("FAILED")) {
      if (c.cause() != null) {
        described.put("Cause", c.cause());
      }
      if (c.error() != null) {
        described.put("Error", c.error());
      }
    }
    described.put("ExecutionArn", c.executionArn());
    if (asJson) {
      described.set("Input", c.input());
    } else {
      described.put("Input", HistoryJson.text(c.input()));
    }
    described.putObject("InputDetails").put("Included", true);
    described.put("Name", c.name());
    if (c.output() != null) {
      if (asJson) {
        described.set("Output", c.output());
      } else {
        described.put("Output", HistoryJson.text(c.output()));
      }
      described.putObject("OutputDetails").put("Included", true);
    }
    described.put("StartDate", c.startDate().toEpochMilli());
    described.put("StateMachineArn", c.stateMachineArn());
    described.put("Status", c.status());
    described.put("StopDate", c.stopDate().toEpochMilli());
    if (!c.status().equals("SUCCEEDED")) {
      String cause = HistoryJson.text(described);
      tasks.failed(run, api, service, StatesError.TASK_FAILED, cause);
      throw new TaskRunner.TaskFailure(StatesError.TASK_FAILED, cause, false);
    }
    tasks.succeeded(run, api, service, described);
    return described;
  }

  /**
   * What follows an error message in a task's cause: the service, status code, error code and
   * request id, in the format of the optimized integration or of the AWS SDK integration.
   */
  private static String requestDetails(String service, String errorCode) {
    return service.equals("aws-sdk:sfn")
        ? " (Service: Sfn, Status Code: 400, Request ID: " + UUID.randomUUID() + ")"
        : " (Service: AWSStepFunctions; Status Code: 400; Error Code: "
            + errorCode
            + "; Request ID: "
            + UUID.randomUUID()
            + "; Proxy: null)";
  }

  /** The StartExecution response as the optimized integration returns it. */
  private static ObjectNode startResponse(ChildExecutions.Child c) {
    String requestId = UUID.randomUUID().toString();
    String body =
        "{\"executionArn\":\""
            + c.executionArn()
            + "\",\"startDate\":"
            + (c.startDate().toEpochMilli() / 1000.0)
            + "}";
    ObjectNode out = Interpreter.NODES.objectNode();
    out.put("ExecutionArn", c.executionArn());
    ObjectNode http = out.putObject("SdkHttpMetadata");
    ObjectNode all = http.putObject("AllHttpHeaders");
    ObjectNode headers = http.putObject("HttpHeaders");
    TaskRunner.header(all, headers, "Content-Length", Integer.toString(body.length()));
    TaskRunner.header(all, headers, "Content-Type", "application/x-amz-json-1.0");
    TaskRunner.header(
        all,
        headers,
        "Date",
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
    TaskRunner.header(all, headers, "connection", "keep-alive");
    TaskRunner.header(all, headers, "x-amzn-RequestId", requestId);
    http.put("HttpStatusCode", 200);
    out.putObject("SdkResponseMetadata").put("RequestId", requestId);
    out.put("StartDate", c.startDate().toEpochMilli());
    return out;
  }

  /** {@code aws-sdk:sfn:getActivityTask}: a task of the activity, or {} when none comes. */
  JsonNode getActivityTask(
      Interpreter.StateRun run,
      String api,
      String service,
      JsonNode parameters,
      Optional<Long> timeout,
      Optional<Long> heartbeat) {
    tasks.scheduled(run, api, service, parameters, timeout, heartbeat);
    tasks.started(run, api, service);
    ObjectNode out = Interpreter.NODES.objectNode();
    try {
      // AWS long-polls up to 60 s; the clock says how much real time stands for it
      java.time.Duration wait = in.clock.outsideWait(java.time.Duration.ofSeconds(60));
      in.activities
          .poll(
              parameters.path("ActivityArn").asText(""),
              parameters.path("WorkerName").asText(null),
              wait)
          .ifPresent(
              t -> {
                out.put("Input", HistoryJson.text(t.input()));
                out.put("TaskToken", t.token());
              });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    tasks.succeeded(run, api, service, out);
    return out;
  }

  /** {@code aws-sdk:sfn:sendTaskHeartbeat}. */
  JsonNode sendTaskHeartbeat(
      Interpreter.StateRun run,
      String api,
      String service,
      JsonNode parameters,
      Optional<Long> timeout,
      Optional<Long> heartbeat)
      throws TaskRunner.TaskFailure {
    tasks.scheduled(run, api, service, parameters, timeout, heartbeat);
    tasks.started(run, api, service);
    if (!in.tokens.heartbeat(parameters.path("TaskToken").asText(""))) {
      String error = "Sfn.InvalidTokenException";
      String cause =
          "Invalid Token: 'Invalid token' (Service: Sfn, Status Code: 400, Request ID: "
              + UUID.randomUUID()
              + ") (SDK Attempt Count: 1)";
      tasks.failed(run, api, service, error, cause);
      throw new TaskRunner.TaskFailure(error, cause, false);
    }
    ObjectNode empty = Interpreter.NODES.objectNode();
    tasks.succeeded(run, api, service, empty);
    return empty;
  }

  /** {@code aws-sdk:sfn:sendTaskSuccess} and {@code sendTaskFailure}, against this simulator. */
  JsonNode sendTaskOutcome(
      Interpreter.StateRun run,
      String api,
      String service,
      JsonNode parameters,
      Optional<Long> timeout,
      Optional<Long> heartbeat)
      throws TaskRunner.TaskFailure {
    tasks.scheduled(run, api, service, parameters, timeout, heartbeat);
    tasks.started(run, api, service);
    String token = parameters.path("TaskToken").asText("");
    boolean done;
    if (api.equals("sendTaskSuccess")) {
      JsonNode output = parameters.path("Output");
      if (output.isTextual()) {
        try {
          output = new com.fasterxml.jackson.databind.ObjectMapper().readTree(output.asText());
        } catch (Exception e) {
          // kept as the string
        }
      }
      done = in.tokens.succeed(token, output);
    } else {
      done =
          in.tokens.fail(
              token, parameters.path("Error").asText(null), parameters.path("Cause").asText(null));
    }
    if (!done) {
      String error = "Sfn.InvalidTokenException";
      String cause =
          "Invalid Token: 'Invalid token' (Service: Sfn, Status Code: 400, Request ID: "
              + UUID.randomUUID()
              + ") (SDK Attempt Count: 1)";
      tasks.failed(run, api, service, error, cause);
      throw new TaskRunner.TaskFailure(error, cause, false);
    }
    ObjectNode empty = Interpreter.NODES.objectNode();
    tasks.succeeded(run, api, service, empty);
    return empty;
  }
}
