package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Activity tasks waiting for a worker ({@code GetActivityTask}): a Task state whose resource is an
 * activity ARN schedules one; a worker takes it, and answers through its task token.
 */
public final class Activities {

  /**
   * A scheduled activity task.
   *
   * @param token the task token the worker answers with
   * @param input the task's input
   * @param worker completed with the worker's name when a worker takes the task
   */
  public record ActivityTask(String token, JsonNode input, CompletableFuture<String> worker) {}

  private final Map<String, BlockingQueue<ActivityTask>> queues = new ConcurrentHashMap<>();

  private BlockingQueue<ActivityTask> queue(String activityArn) {
    return queues.computeIfAbsent(activityArn, a -> new LinkedBlockingQueue<>());
  }

  /** Schedules a task on the activity. */
  ActivityTask schedule(String activityArn, String token, JsonNode input) {
    ActivityTask task = new ActivityTask(token, input, new CompletableFuture<>());
    queue(activityArn).add(task);
    return task;
  }

  /** Takes a task back that no worker took in time. */
  void unschedule(String activityArn, ActivityTask task) {
    queue(activityArn).remove(task);
  }

  /**
   * {@code GetActivityTask}: takes the oldest task of the activity, waiting up to the given time
   * (real time) for one.
   *
   * @return the task, or empty when none came
   */
  public Optional<ActivityTask> poll(String activityArn, String workerName, Duration wait)
      throws InterruptedException {
    ActivityTask task = queue(activityArn).poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    if (task == null) {
      return Optional.empty();
    }
    task.worker().complete(workerName == null ? "" : workerName);
    return Optional.of(task);
  }
}
