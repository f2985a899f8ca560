package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.error.StatesError;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A Task state whose {@code Resource} is an activity ARN: the task waits in {@link Activities} for
 * a worker ({@code GetActivityTask}), then for the worker's answer through its task token, recorded
 * as {@code Activity*} events. TimeoutSeconds counts from the scheduling, HeartbeatSeconds from the
 * last heartbeat.
 */
final class ActivityTarget implements TaskTarget {
  private final Interpreter in;
  private final TaskRunner tasks;

  ActivityTarget(Interpreter in, TaskRunner tasks) {
    this.in = in;
    this.tasks = tasks;
  }

  /** True for an activity ARN. */
  static boolean handles(TaskCall call) {
    return call.resource().startsWith("arn:aws:states:") && call.resource().contains(":activity:");
  }

  @Override
  public JsonNode call(TaskCall call) throws TaskRunner.TaskFailure {
    Interpreter.StateRun run = call.run();
    String arn = call.resource();
    JsonNode input = call.parameters();
    if (run.taskToken == null || !in.tokens.isWaiting(run.taskToken)) {
      run.taskToken = in.tokens.issue();
    }
    ObjectNode d = Interpreter.NODES.objectNode();
    d.put("resource", arn);
    d.set("input", input);
    d.set("inputDetails", Interpreter.notTruncated());
    call.timeout().ifPresent(t -> d.put("timeoutInSeconds", t));
    call.heartbeat().ifPresent(t -> d.put("heartbeatInSeconds", t));
    in.emit(run.frame, "ActivityScheduled", "activityScheduledEventDetails", d);
    Instant scheduled = in.clock.now();
    Activities.ActivityTask task = in.activities.schedule(arn, run.taskToken, input);
    Instant deadline = call.timeout().map(scheduled::plusSeconds).orElse(null);
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
      throw tasks.activityTimedOut(run, StatesError.TIMEOUT);
    }
    String worker = taken.join();
    ObjectNode st = Interpreter.NODES.objectNode();
    st.put("workerName", worker);
    in.emit(run.frame, "ActivityStarted", "activityStartedEventDetails", st);
    TaskTokens.Completion done =
        tasks.awaitToken(run, call.timeout(), call.heartbeat(), scheduled, arn, "activity");
    if (done.failed()) {
      ObjectNode f = Interpreter.NODES.objectNode();
      f.put("error", done.error());
      f.put("cause", done.cause());
      in.emit(run.frame, "ActivityFailed", "activityFailedEventDetails", f);
      throw new TaskRunner.TaskFailure(done.error(), done.cause(), false);
    }
    ObjectNode ok = Interpreter.NODES.objectNode();
    ok.set("output", done.output());
    ok.set("outputDetails", Interpreter.notTruncated());
    in.emit(run.frame, "ActivitySucceeded", "activitySucceededEventDetails", ok);
    return done.output();
  }
}
