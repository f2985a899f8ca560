package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.error.StatesError;
import dev.redrive.simulator.history.HistoryJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code arn:aws:states:::lambda:invoke} and {@code lambda:invoke.waitForTaskToken}: the local
 * function named by {@code FunctionName} runs with {@code Payload} as its event; the result is the
 * Lambda Invoke response AWS returns (payload, status, HTTP metadata, with {@code LogType: Tail}
 * the log tail). With {@code .waitForTaskToken} the response is submitted and the result is what
 * the task token is answered with.
 */
final class LambdaInvokeTarget implements TaskTarget {
  private final Interpreter in;
  private final TaskRunner tasks;

  LambdaInvokeTarget(Interpreter in, TaskRunner tasks) {
    this.in = in;
    this.tasks = tasks;
  }

  /** True for the APIs this target answers. */
  static boolean handles(TaskCall call) {
    return call.service().equals("lambda")
        && call.integration()
        && (call.api().equals("invoke") || call.api().equals("invoke.waitForTaskToken"));
  }

  @Override
  public JsonNode call(TaskCall call) throws TaskRunner.TaskFailure {
    Interpreter.StateRun run = call.run();
    String api = call.api();
    String service = call.service();
    JsonNode parameters = call.parameters();
    tasks.scheduled(run, api, service, parameters, call.timeout(), call.heartbeat());
    tasks.started(run, api, service);
    String functionName = parameters.path("FunctionName").asText("");
    Optional<LocalFunction> fn = in.functions.find(functionName);
    if (fn.isEmpty()) {
      String arn =
          functionName.startsWith("arn:")
              ? functionName
              : "arn:aws:lambda:"
                  + in.info.region()
                  + ":"
                  + in.info.account()
                  + ":function:"
                  + functionName;
      String cause =
          "Function not found: "
              + arn
              + ":$LATEST (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: "
              + UUID.randomUUID()
              + "; Proxy: null)";
      tasks.failed(run, api, service, "Lambda.ResourceNotFoundException", cause);
      throw new TaskRunner.TaskFailure("Lambda.ResourceNotFoundException", cause, false);
    }
    JsonNode payload = lambdaPayload(parameters);
    Instant started = in.clock.now();
    JsonNode result;
    try {
      result = tasks.invokeLocal(fn.get(), payload, call.timeout());
    } catch (TaskRunner.Deadline e) {
      throw tasks.timedOut(run, api, service, StatesError.TIMEOUT);
    } catch (FunctionError e) {
      String cause = HistoryJson.text(TaskRunner.errorBody(e));
      tasks.failed(run, api, service, e.errorType(), cause);
      throw new TaskRunner.TaskFailure(e.errorType(), cause, false);
    }
    if (TaskRunner.tooLarge(result)) {
      String cause =
          "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit.";
      tasks.failed(run, api, service, StatesError.DATA_LIMIT_EXCEEDED, cause);
      throw new TaskRunner.TaskFailure(StatesError.DATA_LIMIT_EXCEEDED, cause, false);
    }
    JsonNode wrapped = invokeResponse(result);
    if ("Tail".equals(parameters.path("LogType").asText())) {
      String requestId = wrapped.path("SdkResponseMetadata").path("RequestId").asText();
      String log =
          "START RequestId: "
              + requestId
              + " Version: $LATEST\nEND RequestId: "
              + requestId
              + "\nREPORT RequestId: "
              + requestId
              + "\tDuration: 1.00 ms\n";
      String tail =
          java.util.Base64.getEncoder().encodeToString(log.getBytes(StandardCharsets.UTF_8));
      ((ObjectNode) wrapped).put("LogResult", tail);
      ObjectNode http = (ObjectNode) wrapped.get("SdkHttpMetadata");
      TaskRunner.header(
          (ObjectNode) http.get("AllHttpHeaders"),
          (ObjectNode) http.get("HttpHeaders"),
          "X-Amz-Log-Result",
          tail);
    }
    if (api.endsWith(".waitForTaskToken")) {
      return tasks.submitAndAwaitToken(
          run, api, service, wrapped, call.timeout(), call.heartbeat(), started);
    }
    tasks.succeeded(run, api, service, wrapped);
    return wrapped;
  }

  /**
   * The event a function receives from {@code lambda:invoke}: {@code Payload}, where a string is
   * sent as its bytes (so a string holding JSON arrives as that JSON).
   */
  private static JsonNode lambdaPayload(JsonNode parameters) {
    JsonNode payload = parameters.get("Payload");
    if (payload == null || payload.isNull()) {
      return Interpreter.NODES.objectNode();
    }
    if (payload.isTextual()) {
      try {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(payload.asText());
      } catch (Exception e) {
        return payload;
      }
    }
    return payload;
  }

  /** The {@code lambda:invoke} result AWS returns: the payload wrapped in the SDK response. */
  private JsonNode invokeResponse(JsonNode payload) {
    String requestId = UUID.randomUUID().toString();
    String body = PythonJson.dumps(payload);
    String length = Integer.toString(body.getBytes(StandardCharsets.UTF_8).length);
    ObjectNode out = Interpreter.NODES.objectNode();
    out.put("ExecutedVersion", "$LATEST");
    out.set("Payload", payload);
    ObjectNode http = out.putObject("SdkHttpMetadata");
    ObjectNode all = http.putObject("AllHttpHeaders");
    ObjectNode headers = http.putObject("HttpHeaders");
    // the response's date on the execution's clock, like every other time the execution records
    String date =
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            in.clock.now().atZone(java.time.ZoneOffset.UTC));
    TaskRunner.header(all, headers, "Connection", "keep-alive");
    TaskRunner.header(all, headers, "Content-Length", length);
    TaskRunner.header(all, headers, "Content-Type", "application/json");
    TaskRunner.header(all, headers, "Date", date);
    TaskRunner.header(all, headers, "X-Amz-Executed-Version", "$LATEST");
    TaskRunner.header(all, headers, "X-Amzn-Trace-Id", "root=1-" + requestId);
    TaskRunner.header(all, headers, "x-amzn-Remapped-Content-Length", "0");
    TaskRunner.header(all, headers, "x-amzn-RequestId", requestId);
    http.put("HttpStatusCode", 200);
    out.putObject("SdkResponseMetadata").put("RequestId", requestId);
    out.put("StatusCode", 200);
    return out;
  }
}
