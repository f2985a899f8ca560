package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.definition.Retrier;
import dev.redrive.simulator.definition.StateCommon;
import dev.redrive.simulator.definition.TaskState;
import dev.redrive.simulator.error.StatesError;
import dev.redrive.simulator.path.DataResolver;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The Task state: builds the parameters, calls the attempt's {@link TaskTarget} (chosen by {@link
 * TaskTargets}), and applies Retry and Catch; also the task events and waits the targets share
 * (scheduled, started, succeeded, failed, timed out; waiting for a task token's answer).
 */
final class TaskRunner {
  /** Step Functions' payload limit: 256 KiB. */
  static final int MAX_PAYLOAD_BYTES = 256 * 1024;

  private final Interpreter in;
  private final TaskTargets targets;

  TaskRunner(Interpreter in) {
    this.in = in;
    this.targets = new TaskTargets(in, this);
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
  static final class Deadline extends RuntimeException {
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

  /** Calls the attempt's target ({@link TaskTargets} picks it). */
  private JsonNode invoke(
      Interpreter.StateRun run,
      TaskState s,
      JsonNode parameters,
      Optional<Long> timeout,
      Optional<Long> heartbeat)
      throws TaskFailure {
    TaskCall call = TaskCall.of(run, s.resource(), parameters, timeout, heartbeat);
    return targets.resolve(call).call(call);
  }

  TaskFailure lambdaFailed(Interpreter.StateRun run, String error, String cause) {
    ObjectNode f = Interpreter.NODES.objectNode();
    f.put("error", error);
    if (cause != null) {
      f.put("cause", cause);
    }
    in.emit(run.frame, "LambdaFunctionFailed", "lambdaFunctionFailedEventDetails", f);
    return new TaskFailure(error, cause, false);
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

  TaskFailure activityTimedOut(Interpreter.StateRun run, String error) {
    ObjectNode t = Interpreter.NODES.objectNode();
    t.put("error", error);
    in.emit(run.frame, "ActivityTimedOut", "activityTimedOutEventDetails", t);
    return new TaskFailure(error, null, true);
  }

  /**
   * Waits for {@code SendTaskSuccess}/{@code SendTaskFailure} on the task's token, up to
   * TimeoutSeconds from the start and HeartbeatSeconds from the last {@code SendTaskHeartbeat}. The
   * thread blocks until the token is answered or beats, the execution is stopped, or the nearest
   * limit; on a virtual clock, time jumps to that limit once nobody has answered for a second of
   * real time (see {@link Interpreter#waitFor}).
   */
  TaskTokens.Completion awaitToken(
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

  TaskFailure timedOut(Interpreter.StateRun run, String resource, String service, String error) {
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

  /** Runs a local function; past the deadline, the clock stops it with {@link Deadline}. */
  JsonNode invokeLocal(LocalFunction fn, JsonNode payload, Optional<Long> timeout) {
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

  static ObjectNode errorBody(FunctionError e) {
    ObjectNode body = Interpreter.NODES.objectNode();
    body.put("errorMessage", e.getMessage());
    body.put("errorType", e.errorType());
    body.put("requestId", UUID.randomUUID().toString());
    ArrayNode trace = body.putArray("stackTrace");
    e.trace().forEach(trace::add);
    return body;
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
