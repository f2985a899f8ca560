package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.definition.Retrier;
import dev.redrive.simulator.definition.StateCommon;
import dev.redrive.simulator.definition.TaskState;
import dev.redrive.simulator.error.StatesError;
import dev.redrive.simulator.history.HistoryJson;
import dev.redrive.simulator.mock.MockResult;
import dev.redrive.simulator.mock.MockedResponse;
import dev.redrive.simulator.path.DataResolver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The Task state: builds the parameters, calls the target (a local function standing in for
 * Lambda), records the task events, and applies Retry, Catch and TimeoutSeconds.
 */
final class TaskRunner {
  /** Step Functions' payload limit: 256 KiB. */
  static final int MAX_PAYLOAD_BYTES = 256 * 1024;

  private static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";

  private final Interpreter in;
  private final StepFunctionsTasks stepFunctions;

  TaskRunner(Interpreter in) {
    this.in = in;
    this.stepFunctions = new StepFunctionsTasks(in, this);
  }

  /** A failure of the task's target, recorded in its own failed event. */
  static final class TaskFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final String error;
    final String cause;
    final boolean timedOut;

    TaskFailure(String error, String cause, boolean timedOut) {
      super(error, null, false, false);
      this.error = error;
      this.cause = cause;
      this.timedOut = timedOut;
    }
  }

  /** The time limit ran out while the target was working. */
  private static final class Deadline extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Deadline() {
      super(null, null, false, false);
    }
  }

  Interpreter.Step run(Interpreter.StateRun run, TaskState s) {
    StateCommon c = run.common;
    int[] attempts = new int[c.retry().size()];
    while (true) {
      // Each attempt builds its parameters again: $$.State.RetryCount and the task token change.
      if (s.resource().endsWith(".waitForTaskToken")) {
        run.taskToken = in.tokens.issue();
      }
      JsonNode parameters;
      ObjectNode states = null;
      if (c.jsonata()) {
        states = run.states(null, null);
        parameters =
            c.arguments().isPresent()
                ? run.evalJsonata(c.arguments().get(), states, "Arguments")
                : run.rawInput;
      } else {
        JsonNode effective = c.inputPath().select(run.data(run.rawInput));
        parameters =
            c.parameters().isPresent()
                ? c.parameters().get().evaluate(run.data(effective))
                : effective;
      }
      Optional<Long> timeout =
          seconds(run, s.timeoutSeconds(), s.timeoutSecondsPath(), states, "TimeoutSeconds");
      Optional<Long> heartbeat =
          seconds(run, s.heartbeatSeconds(), s.heartbeatSecondsPath(), states, "HeartbeatSeconds");
      try {
        JsonNode result = invoke(run, s, parameters, timeout, heartbeat);
        return in.finishResult(run, result);
      } catch (TaskFailure f) {
        Optional<Integer> r = Interpreter.retrierFor(c, f.error == null ? "" : f.error);
        if (r.isPresent()) {
          Retrier retrier = c.retry().get(r.get());
          if (attempts[r.get()] < retrier.maxAttempts()) {
            long delay = in.backoffMillis(retrier, attempts[r.get()]);
            attempts[r.get()]++;
            run.retryCount++;
            sleep(Duration.ofMillis(delay));
            continue;
          }
        }
        return in.handleFailure(run, f.error, f.cause);
      }
    }
  }

  private Optional<Long> seconds(
      Interpreter.StateRun run,
      Optional<JsonNode> literal,
      Optional<dev.redrive.simulator.path.ReferencePath> path,
      ObjectNode states,
      String field) {
    if (literal.isPresent()) {
      JsonNode v = literal.get();
      if (states != null && in.jsonata.isExpression(v)) {
        v = run.evalJsonata(v, states, field);
      }
      return Optional.of(v.asLong());
    }
    if (path.isPresent()) {
      DataResolver data = run.data(run.rawInput);
      JsonNode v =
          data.select(path.get())
              .orElseThrow(
                  () ->
                      StatesError.runtime(
                          "Invalid path '"
                              + path.get().text()
                              + "' : "
                              + path.get().missMessage(data.rootOf(path.get()))));
      return Optional.of(v.asLong());
    }
    return Optional.empty();
  }

  private JsonNode invoke(
      Interpreter.StateRun run,
      TaskState s,
      JsonNode parameters,
      Optional<Long> timeout,
      Optional<Long> heartbeat)
      throws TaskFailure {
    String resource = s.resource();
    Optional<MockedResponse> mocked = in.mocks.flatMap(t -> t.forState(run.state.name()));
    if (mocked.isPresent()) {
      return mocked(run, resource, mocked.get(), parameters, timeout, heartbeat);
    }
    if (resource.startsWith("arn:aws:lambda:")
        || resource.startsWith("arn:aws-") && resource.contains(":lambda:")) {
      return legacyLambda(run, resource, parameters, timeout, heartbeat);
    }
    if (resource.startsWith("arn:aws:states:::")) {
      return integration(run, resource, parameters, timeout, heartbeat);
    }
    if (resource.startsWith("arn:aws:states:") && resource.contains(":activity:")) {
      return activity(run, resource, parameters, timeout, heartbeat);
    }
    // An unknown resource: fail the task as AWS would when nothing answers.
    throw scheduleAndFail(
        run,
        resource,
        "activity",
        parameters,
        timeout,
        heartbeat,
        NOT_HOSTED,
        notHosted(run, resource));
  }

  /** The error of a task whose service the simulator does not host and no mock answers. */
  static final String NOT_HOSTED = "States.TaskFailed";

  /** Why a task failed that called a service the simulator does not host. */
  String notHosted(Interpreter.StateRun run, String resource) {
    return "State '"
        + run.state.name()
        + "' calls '"
        + resource
        + "', a service the simulator does not host, and no mocked response answers it: "
        + "mock the state in a test case of the mock configuration ("
        + "StateMachines."
        + in.info.stateMachineName()
        + ".TestCases.<case>."
        + run.state.name()
        + ") and start the execution with its state machine ARN followed by #<case>";
  }

  // ---- mocked responses (the mock configuration file of Step Functions Local) ----

  /**
   * A mocked Task state: records the events the real call would, without calling anything; the
   * attempt's mocked response is the result ({@code Return}) or the failure ({@code Throw}).
   */
  private JsonNode mocked(
      Interpreter.StateRun run,
      String resource,
      MockedResponse response,
      JsonNode parameters,
      Optional<Long> timeout,
      Optional<Long> heartbeat)
      throws TaskFailure {
    int attempt = in.mockAttempts.merge(run.state.name(), 1, Integer::sum) - 1;
    MockResult result = response.at(attempt);
    if (run.taskToken != null) {
      // A mocked .waitForTaskToken task answers at once: nobody will send the token.
      in.tokens.release(run.taskToken);
    }
    boolean legacyLambda =
        resource.startsWith("arn:aws:lambda:")
            || resource.startsWith("arn:aws-") && resource.contains(":lambda:");
    if (legacyLambda) {
      ObjectNode d = Interpreter.NODES.objectNode();
      d.put("resource", resource);
      d.set("input", parameters);
      d.set("inputDetails", Interpreter.notTruncated());
      timeout.ifPresent(t -> d.put("timeoutInSeconds", t));
      heartbeat.ifPresent(t -> d.put("heartbeatInSeconds", t));
      in.emit(run.frame, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", d);
      in.emit(run.frame, "LambdaFunctionStarted", null, null);
      if (result instanceof MockResult.Throw t) {
        throw lambdaFailed(run, t.error(), t.cause().orElse(null));
      }
      JsonNode value = ((MockResult.Return) result).value();
      ObjectNode ok = Interpreter.NODES.objectNode();
      ok.set("output", value);
      ok.set("outputDetails", Interpreter.notTruncated());
      in.emit(run.frame, "LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails", ok);
      return value;
    }
    String shortResource = resource;
    String service = "activity";
    if (resource.startsWith("arn:aws:states:::")) {
      String rest = resource.substring("arn:aws:states:::".length());
      int colon = rest.indexOf(':', rest.startsWith("aws-sdk:") ? "aws-sdk:".length() : 0);
      service = colon < 0 ? rest : rest.substring(0, colon);
      shortResource = colon < 0 ? "" : rest.substring(colon + 1);
    }
    scheduled(run, shortResource, service, parameters, timeout, heartbeat);
    started(run, shortResource, service);
    if (result instanceof MockResult.Throw t) {
      failed(run, shortResource, service, t.error(), t.cause().orElse(null));
      throw new TaskFailure(t.error(), t.cause().orElse(null), false);
    }
    JsonNode value = ((MockResult.Return) result).value();
    succeeded(run, shortResource, service, value);
    return value;
  }

  private TaskFailure scheduleAndFail(
      Interpreter.StateRun run,
      String resource,
      String resourceType,
      JsonNode parameters,
      Optional<Long> timeout,
      Optional<Long> heartbeat,
      String error,
      String cause) {
    scheduled(run, resource, resourceType, parameters, timeout, heartbeat);
    failed(run, resource, resourceType, error, cause);
    return new TaskFailure(error, cause, false);
  }

  // ---- legacy Lambda: Resource is the function ARN ----

  private JsonNode legacyLambda(
      Interpreter.StateRun run,
      String arn,
      JsonNode payload,
      Optional<Long> timeout,
      Optional<Long> heartbeat)
      throws TaskFailure {
    ObjectNode d = Interpreter.NODES.objectNode();
    d.put("resource", arn);
    d.set("input", payload);
    d.set("inputDetails", Interpreter.notTruncated());
    timeout.ifPresent(t -> d.put("timeoutInSeconds", t));
    heartbeat.ifPresent(t -> d.put("heartbeatInSeconds", t));
    in.emit(run.frame, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", d);
    Optional<LocalFunction> fn = in.functions.find(arn);
    if (fn.isEmpty()) {
      String cause =
          "Function not found: "
              + arn
              + " (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: "
              + UUID.randomUUID()
              + "; Proxy: null)";
      throw lambdaFailed(run, "Lambda.ResourceNotFoundException", cause);
    }
    in.emit(run.frame, "LambdaFunctionStarted", null, null);
    JsonNode result;
    try {
      result = call(fn.get(), payload, timeout);
    } catch (Deadline e) {
      ObjectNode t = Interpreter.NODES.objectNode();
      t.put("error", StatesError.TIMEOUT);
      in.emit(run.frame, "LambdaFunctionTimedOut", "lambdaFunctionTimedOutEventDetails", t);
      throw new TaskFailure(StatesError.TIMEOUT, null, true);
    } catch (FunctionError e) {
      throw lambdaFailed(run, e.errorType(), PythonJson.dumps(errorBody(e)));
    }
    if (tooLarge(result)) {
      throw lambdaFailed(
          run,
          StatesError.DATA_LIMIT_EXCEEDED,
          "The state/task '"
              + arn
              + "' returned a result with a size exceeding the maximum number of bytes service limit.");
    }
    ObjectNode ok = Interpreter.NODES.objectNode();
    ok.set("output", result);
    ok.set("outputDetails", Interpreter.notTruncated());
    in.emit(run.frame, "LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails", ok);
    return result;
  }

  private TaskFailure lambdaFailed(Interpreter.StateRun run, String error, String cause) {
    ObjectNode f = Interpreter.NODES.objectNode();
    f.put("error", error);
    if (cause != null) {
      f.put("cause", cause);
    }
    in.emit(run.frame, "LambdaFunctionFailed", "lambdaFunctionFailedEventDetails", f);
    return new TaskFailure(error, cause, false);
  }

  // ---- sqs:sendMessage to an in-process queue (LocalQueues) ----

  /**
   * {@code sqs:sendMessage}: puts the {@code MessageBody} (JSON other than a string is sent as its
   * text) on the local queue and returns the SendMessage response; with {@code .waitForTaskToken},
   * then waits for a worker to answer the task token found in the message.
   */
  private JsonNode sendMessage(
      Interpreter.StateRun run,
      String api,
      String service,
      JsonNode parameters,
      Optional<Long> timeout,
      Optional<Long> heartbeat)
      throws TaskFailure {
    scheduled(run, api, service, parameters, timeout, heartbeat);
    started(run, api, service);
    Instant started = in.clock.now();
    JsonNode body = parameters.path("MessageBody");
    LocalQueues.Message m =
        in.queues.send(
            parameters.path("QueueUrl").asText(),
            body.isTextual() ? body.asText() : HistoryJson.text(body));
    String requestId = UUID.randomUUID().toString();
    ObjectNode response = Interpreter.NODES.objectNode();
    response.put("MD5OfMessageBody", m.md5OfBody());
    response.put("MessageId", m.messageId());
    ObjectNode http = response.putObject("SdkHttpMetadata");
    ObjectNode all = http.putObject("AllHttpHeaders");
    ObjectNode headers = http.putObject("HttpHeaders");
    header(all, headers, "Content-Type", "text/xml");
    header(all, headers, "x-amzn-RequestId", requestId);
    http.put("HttpStatusCode", 200);
    response.putObject("SdkResponseMetadata").put("RequestId", requestId);
    if (!api.endsWith(".waitForTaskToken")) {
      succeeded(run, api, service, response);
      return response;
    }
    return submitAndAwaitToken(run, api, service, response, timeout, heartbeat, started);
  }

  /**
   * The end of a {@code .waitForTaskToken} task whose request was made: records {@code
   * TaskSubmitted} with the service's response, waits for the task token to be answered, and
   * records {@code TaskSucceeded} (returning the output sent) or {@code TaskFailed}.
   *
   * @param started when the task started, from which TimeoutSeconds and HeartbeatSeconds count
   */
  JsonNode submitAndAwaitToken(
      Interpreter.StateRun run,
      String api,
      String service,
      JsonNode response,
      Optional<Long> timeout,
      Optional<Long> heartbeat,
      Instant started)
      throws TaskFailure {
    ObjectNode sub = Interpreter.NODES.objectNode();
    sub.set("output", response);
    sub.set("outputDetails", Interpreter.notTruncated());
    sub.put("resource", api);
    sub.put("resourceType", service);
    in.emit(run.frame, "TaskSubmitted", "taskSubmittedEventDetails", sub);
    TaskTokens.Completion done = awaitToken(run, timeout, heartbeat, started, api, service);
    if (done.failed()) {
      failed(run, api, service, done.error(), done.cause());
      throw new TaskFailure(done.error(), done.cause(), false);
    }
    succeeded(run, api, service, done.output());
    return done.output();
  }

  // ---- optimized integrations: arn:aws:states:::service:api[.pattern] ----

  private JsonNode integration(
      Interpreter.StateRun run,
      String resource,
      JsonNode parameters,
      Optional<Long> timeout,
      Optional<Long> heartbeat)
      throws TaskFailure {
    String rest = resource.substring("arn:aws:states:::".length());
    // service:api, or aws-sdk:service:api; the api may carry a pattern (.sync:2)
    int colon = rest.indexOf(':', rest.startsWith("aws-sdk:") ? "aws-sdk:".length() : 0);
    String service = colon < 0 ? rest : rest.substring(0, colon);
    String api = colon < 0 ? "" : rest.substring(colon + 1);
    boolean waitForToken = api.endsWith(".waitForTaskToken");
    String shortResource = api;
    if (service.equals("aws-sdk:sfn")
        && (api.equals("sendTaskSuccess") || api.equals("sendTaskFailure"))) {
      return stepFunctions.sendTaskOutcome(run, api, service, parameters, timeout, heartbeat);
    }
    if (service.equals("aws-sdk:sfn") && api.equals("getActivityTask")) {
      return stepFunctions.getActivityTask(run, api, service, parameters, timeout, heartbeat);
    }
    if (service.equals("aws-sdk:sfn") && api.equals("sendTaskHeartbeat")) {
      return stepFunctions.sendTaskHeartbeat(run, api, service, parameters, timeout, heartbeat);
    }
    if ((service.equals("states") && api.startsWith("startExecution"))
        || (service.equals("aws-sdk:sfn") && api.equals("startExecution"))) {
      return stepFunctions.startExecution(run, api, service, parameters, timeout, heartbeat);
    }
    if (service.equals("sqs")
        && (api.equals("sendMessage") || api.equals("sendMessage.waitForTaskToken"))
        && in.queues.hosts(parameters.path("QueueUrl").asText(null))) {
      return sendMessage(run, api, service, parameters, timeout, heartbeat);
    }
    if (!service.equals("lambda")
        || !(api.equals("invoke") || api.equals("invoke.waitForTaskToken"))) {
      throw scheduleAndFail(
          run,
          shortResource,
          service,
          parameters,
          timeout,
          heartbeat,
          NOT_HOSTED,
          notHosted(run, resource));
    }
    scheduled(run, shortResource, service, parameters, timeout, heartbeat);
    started(run, shortResource, service);
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
      failed(run, shortResource, service, "Lambda.ResourceNotFoundException", cause);
      throw new TaskFailure("Lambda.ResourceNotFoundException", cause, false);
    }
    JsonNode payload = lambdaPayload(parameters);
    Instant started = in.clock.now();
    JsonNode result;
    try {
      result = call(fn.get(), payload, timeout);
    } catch (Deadline e) {
      throw timedOut(run, shortResource, service, StatesError.TIMEOUT);
    } catch (FunctionError e) {
      String cause = HistoryJson.text(errorBody(e));
      failed(run, shortResource, service, e.errorType(), cause);
      throw new TaskFailure(e.errorType(), cause, false);
    }
    if (tooLarge(result)) {
      String cause =
          "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit.";
      failed(run, shortResource, service, StatesError.DATA_LIMIT_EXCEEDED, cause);
      throw new TaskFailure(StatesError.DATA_LIMIT_EXCEEDED, cause, false);
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
      header(
          (ObjectNode) http.get("AllHttpHeaders"),
          (ObjectNode) http.get("HttpHeaders"),
          "X-Amz-Log-Result",
          tail);
    }
    if (waitForToken) {
      ObjectNode sub = Interpreter.NODES.objectNode();
      sub.set("output", wrapped);
      sub.set("outputDetails", Interpreter.notTruncated());
      sub.put("resource", shortResource);
      sub.put("resourceType", service);
      in.emit(run.frame, "TaskSubmitted", "taskSubmittedEventDetails", sub);
      TaskTokens.Completion done =
          awaitToken(run, timeout, heartbeat, started, shortResource, service);
      if (done.failed()) {
        failed(run, shortResource, service, done.error(), done.cause());
        throw new TaskFailure(done.error(), done.cause(), false);
      }
      succeeded(run, shortResource, service, done.output());
      return done.output();
    }
    succeeded(run, shortResource, service, wrapped);
    return wrapped;
  }

  /** A task answered by an activity worker ({@code GetActivityTask}, then its task token). */
  private JsonNode activity(
      Interpreter.StateRun run,
      String arn,
      JsonNode input,
      Optional<Long> timeout,
      Optional<Long> heartbeat)
      throws TaskFailure {
    if (run.taskToken == null || !in.tokens.isWaiting(run.taskToken)) {
      run.taskToken = in.tokens.issue();
    }
    ObjectNode d = Interpreter.NODES.objectNode();
    d.put("resource", arn);
    d.set("input", input);
    d.set("inputDetails", Interpreter.notTruncated());
    timeout.ifPresent(t -> d.put("timeoutInSeconds", t));
    heartbeat.ifPresent(t -> d.put("heartbeatInSeconds", t));
    in.emit(run.frame, "ActivityScheduled", "activityScheduledEventDetails", d);
    Instant scheduled = in.clock.now();
    Activities.ActivityTask task = in.activities.schedule(arn, run.taskToken, input);
    Instant deadline = timeout.map(scheduled::plusSeconds).orElse(null);
    CompletableFuture<String> taken = task.worker();
    taken.whenComplete((w, e) -> in.wakeup.signal());
    boolean started = false;
    try {
      started = in.waitFor(taken::isDone, deadline);
    } finally {
      if (!started) {
        in.activities.unschedule(arn, task);
        in.tokens.release(run.taskToken);
      }
    }
    if (!started) {
      throw activityTimedOut(run, StatesError.TIMEOUT);
    }
    String worker = taken.join();
    ObjectNode st = Interpreter.NODES.objectNode();
    st.put("workerName", worker);
    in.emit(run.frame, "ActivityStarted", "activityStartedEventDetails", st);
    TaskTokens.Completion done = awaitToken(run, timeout, heartbeat, scheduled, arn, "activity");
    if (done.failed()) {
      ObjectNode f = Interpreter.NODES.objectNode();
      f.put("error", done.error());
      f.put("cause", done.cause());
      in.emit(run.frame, "ActivityFailed", "activityFailedEventDetails", f);
      throw new TaskFailure(done.error(), done.cause(), false);
    }
    ObjectNode ok = Interpreter.NODES.objectNode();
    ok.set("output", done.output());
    ok.set("outputDetails", Interpreter.notTruncated());
    in.emit(run.frame, "ActivitySucceeded", "activitySucceededEventDetails", ok);
    return done.output();
  }

  private TaskFailure activityTimedOut(Interpreter.StateRun run, String error) {
    ObjectNode t = Interpreter.NODES.objectNode();
    t.put("error", error);
    in.emit(run.frame, "ActivityTimedOut", "activityTimedOutEventDetails", t);
    return new TaskFailure(error, null, true);
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

  /**
   * Waits for {@code SendTaskSuccess}/{@code SendTaskFailure} on the task's token, up to
   * TimeoutSeconds from the start and HeartbeatSeconds from the last {@code SendTaskHeartbeat}. The
   * thread blocks until the token is answered or beats, the execution is stopped, or the nearest
   * limit; on a virtual clock, time jumps to that limit once nobody has answered for a second of
   * real time (see {@link Interpreter#waitFor}).
   */
  private TaskTokens.Completion awaitToken(
      Interpreter.StateRun run,
      Optional<Long> timeout,
      Optional<Long> heartbeat,
      Instant started,
      String resource,
      String service)
      throws TaskFailure {
    String token = run.taskToken;
    CompletableFuture<TaskTokens.Completion> future = in.tokens.future(token).orElseThrow();
    Instant timeoutAt = timeout.map(started::plusSeconds).orElse(null);
    Instant beatAt = heartbeat.map(started::plusSeconds).orElse(null);
    in.tokens.onChange(token, in.wakeup::signal);
    try {
      while (true) {
        long beats = in.tokens.heartbeats(token);
        Instant limit = timeoutAt;
        if (beatAt != null && (limit == null || beatAt.isBefore(limit))) {
          limit = beatAt;
        }
        boolean changed =
            in.waitFor(() -> future.isDone() || in.tokens.heartbeats(token) != beats, limit);
        if (future.isDone()) {
          return future.join();
        }
        if (changed) {
          // a heartbeat: HeartbeatSeconds start again from now
          beatAt = heartbeat.map(in.clock.now()::plusSeconds).orElse(null);
          continue;
        }
        if (timeoutAt != null && !in.clock.now().isBefore(timeoutAt)) {
          throw timedOut(run, resource, service, StatesError.TIMEOUT);
        }
        throw timedOut(run, resource, service, "States.HeartbeatTimeout");
      }
    } finally {
      in.tokens.release(token);
    }
  }

  private TaskFailure timedOut(
      Interpreter.StateRun run, String resource, String service, String error) {
    if (service.equals("activity")) {
      return activityTimedOut(run, error);
    }
    ObjectNode t = Interpreter.NODES.objectNode();
    t.put("error", error);
    t.put("resource", resource);
    t.put("resourceType", service);
    in.emit(run.frame, "TaskTimedOut", "taskTimedOutEventDetails", t);
    return new TaskFailure(error, null, true);
  }

  void scheduled(
      Interpreter.StateRun run,
      String resource,
      String service,
      JsonNode parameters,
      Optional<Long> timeout,
      Optional<Long> heartbeat) {
    ObjectNode d = Interpreter.NODES.objectNode();
    d.put("resource", resource);
    d.put("resourceType", service);
    d.put("region", in.info.region());
    d.set("parameters", parameters);
    timeout.ifPresent(t -> d.put("timeoutInSeconds", t));
    heartbeat.ifPresent(t -> d.put("heartbeatInSeconds", t));
    in.emit(run.frame, "TaskScheduled", "taskScheduledEventDetails", d);
  }

  void started(Interpreter.StateRun run, String resource, String service) {
    ObjectNode d = Interpreter.NODES.objectNode();
    d.put("resource", resource);
    d.put("resourceType", service);
    in.emit(run.frame, "TaskStarted", "taskStartedEventDetails", d);
  }

  void failed(
      Interpreter.StateRun run, String resource, String service, String error, String cause) {
    ObjectNode f = Interpreter.NODES.objectNode();
    f.put("error", error);
    if (cause != null) {
      f.put("cause", cause);
    }
    f.put("resource", resource);
    f.put("resourceType", service);
    in.emit(run.frame, "TaskFailed", "taskFailedEventDetails", f);
  }

  void succeeded(Interpreter.StateRun run, String resource, String service, JsonNode output) {
    ObjectNode d = Interpreter.NODES.objectNode();
    d.set("output", output);
    d.set("outputDetails", Interpreter.notTruncated());
    d.put("resource", resource);
    d.put("resourceType", service);
    in.emit(run.frame, "TaskSucceeded", "taskSucceededEventDetails", d);
  }

  /** Runs a function; past the deadline, the clock stops it with {@link Deadline}. */
  private JsonNode call(LocalFunction fn, JsonNode payload, Optional<Long> timeout) {
    SimClock clock = in.clock;
    if (timeout.isPresent()) {
      Instant deadline = clock.now().plusSeconds(timeout.get());
      clock = new DeadlineClock(in.clock, deadline);
    }
    try {
      JsonNode out = fn.invoke(payload, clock);
      return out == null ? Interpreter.NODES.nullNode() : out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FunctionError("Lambda.Unknown", "interrupted", java.util.List.of());
    }
  }

  private static final class DeadlineClock implements SimClock {
    private final SimClock clock;
    private final Instant deadline;

    DeadlineClock(SimClock clock, Instant deadline) {
      this.clock = clock;
      this.deadline = deadline;
    }

    @Override
    public Instant now() {
      return clock.now();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
      Instant now = clock.now();
      if (now.plus(duration).isAfter(deadline)) {
        clock.sleep(Duration.between(now, deadline));
        throw new Deadline();
      }
      clock.sleep(duration);
    }
  }

  private static ObjectNode errorBody(FunctionError e) {
    ObjectNode body = Interpreter.NODES.objectNode();
    body.put("errorMessage", e.getMessage());
    body.put("errorType", e.errorType());
    body.put("requestId", UUID.randomUUID().toString());
    ArrayNode trace = body.putArray("stackTrace");
    e.trace().forEach(trace::add);
    return body;
  }

  /** The {@code lambda:invoke} result AWS returns: the payload wrapped in the SDK response. */
  private static JsonNode invokeResponse(JsonNode payload) {
    String requestId = UUID.randomUUID().toString();
    String body = PythonJson.dumps(payload);
    String length = Integer.toString(body.getBytes(StandardCharsets.UTF_8).length);
    ObjectNode out = Interpreter.NODES.objectNode();
    out.put("ExecutedVersion", "$LATEST");
    out.set("Payload", payload);
    ObjectNode http = out.putObject("SdkHttpMetadata");
    ObjectNode all = http.putObject("AllHttpHeaders");
    ObjectNode headers = http.putObject("HttpHeaders");
    String date =
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
    header(all, headers, "Connection", "keep-alive");
    header(all, headers, "Content-Length", length);
    header(all, headers, "Content-Type", "application/json");
    header(all, headers, "Date", date);
    header(all, headers, "X-Amz-Executed-Version", "$LATEST");
    header(all, headers, "X-Amzn-Trace-Id", "root=1-" + requestId);
    header(all, headers, "x-amzn-Remapped-Content-Length", "0");
    header(all, headers, "x-amzn-RequestId", requestId);
    http.put("HttpStatusCode", 200);
    out.putObject("SdkResponseMetadata").put("RequestId", requestId);
    out.put("StatusCode", 200);
    return out;
  }

  static void header(ObjectNode all, ObjectNode headers, String name, String value) {
    all.putArray(name).add(value);
    headers.put(name, value);
  }

  static boolean tooLarge(JsonNode value) {
    return Payloads.tooLarge(value);
  }

  private void sleep(Duration d) {
    in.sleep(d);
  }
}
