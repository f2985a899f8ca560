package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Activity tasks waiting for a worker ({@code GetActivityTask}): a Task state whose resource is an
 * activity ARN schedules one; a worker takes it, and answers through its task token.
 *
 * <p>A worker's poll is a future ({@link #pollAsync}): a poll that finds no task waits as an entry
 * in the activity's list of waiting polls, not as a blocked thread, so thousands of long polls cost
 * memory only. A task scheduled while polls wait goes to the oldest of them.
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

  /** The tasks and the waiting polls of one activity; guarded by its own monitor. */
  private static final class Queue {
    final ArrayDeque<ActivityTask> tasks = new ArrayDeque<>();
    final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  }

  /**
   * One waiting poll. Whoever claims it first (a task being scheduled, the poll's timer, the caller
   * cancelling) completes it, so a task is handed only to a poll that will deliver it.
   */
  private static final class Waiter extends CompletableFuture<Optional<ActivityTask>> {
    private final Queue queue;
    private final String workerName;
    private final AtomicBoolean claimed = new AtomicBoolean();

    Waiter(Queue queue, String workerName) {
      this.queue = queue;
      this.workerName = workerName;
    }

    boolean hand(ActivityTask task) {
      if (!claimed.compareAndSet(false, true)) {
        return false;
      }
      task.worker().complete(workerName);
      complete(Optional.of(task));
      return true;
    }

    void expire() {
      if (claimed.compareAndSet(false, true)) {
        leave();
        complete(Optional.empty());
      }
    }

    /** Cancels the poll unless a task was already handed to it. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      if (!claimed.compareAndSet(false, true)) {
        return false;
      }
      leave();
      return super.cancel(mayInterruptIfRunning);
    }

    private void leave() {
      synchronized (queue) {
        queue.waiters.remove(this);
      }
    }
  }

  private final Map<String, Queue> queues = new ConcurrentHashMap<>();

  private Queue queue(String activityArn) {
    return queues.computeIfAbsent(activityArn, a -> new Queue());
  }

  /** Schedules a task on the activity: to the oldest waiting poll, or queued for the next. */
  ActivityTask schedule(String activityArn, String token, JsonNode input) {
    ActivityTask task = new ActivityTask(token, input, new CompletableFuture<>());
    Queue queue = queue(activityArn);
    while (true) {
      Waiter waiter;
      synchronized (queue) {
        waiter = queue.waiters.poll();
        if (waiter == null) {
          queue.tasks.add(task);
          return task;
        }
      }
      // Outside the monitor: completing the poll runs its continuation (the HTTP answer).
      if (waiter.hand(task)) {
        return task;
      }
    }
  }

  /** The polls waiting for a task now, over all activities. */
  public int waitingPolls() {
    int n = 0;
    for (Queue queue : queues.values()) {
      synchronized (queue) {
        n += queue.waiters.size();
      }
    }
    return n;
  }

  /** Takes a task back that no worker took in time. */
  void unschedule(String activityArn, ActivityTask task) {
    Queue queue = queue(activityArn);
    synchronized (queue) {
      queue.tasks.remove(task);
    }
  }

  /**
   * {@code GetActivityTask} without holding a thread: takes the oldest task of the activity, or
   * waits up to {@code wait} (real time) for one. Cancelling the future (e.g. the worker hung up)
   * withdraws the poll; a task already handed to it is not taken back.
   *
   * @param workerName the worker's name for the history, or null
   * @return completed with the task, or with empty when none came in time
   */
  public CompletableFuture<Optional<ActivityTask>> pollAsync(
      String activityArn, String workerName, Duration wait) {
    Queue queue = queue(activityArn);
    Waiter waiter = new Waiter(queue, workerName == null ? "" : workerName);
    ActivityTask ready;
    synchronized (queue) {
      ready = queue.tasks.poll();
      if (ready == null && wait.toMillis() > 0) {
        queue.waiters.add(waiter);
      }
    }
    if (ready != null) {
      waiter.hand(ready);
      return waiter;
    }
    if (wait.toMillis() <= 0) {
      waiter.expire();
      return waiter;
    }
    // The JDK's shared delayer fires the timeout; completing the poll first cancels the timer.
    CompletableFuture<Void> timer =
        new CompletableFuture<Void>()
            .completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS);
    timer.thenRun(waiter::expire);
    waiter.whenComplete((task, failure) -> timer.cancel(false));
    return waiter;
  }

  /**
   * {@code GetActivityTask} for in-process callers: {@link #pollAsync}, waited for.
   *
   * @return the task, or empty when none came
   * @throws InterruptedException when interrupted while waiting (the poll is withdrawn)
   */
  public Optional<ActivityTask> poll(String activityArn, String workerName, Duration wait)
      throws InterruptedException {
    CompletableFuture<Optional<ActivityTask>> poll = pollAsync(activityArn, workerName, wait);
    try {
      return poll.get();
    } catch (InterruptedException e) {
      if (poll.cancel(false)) {
        throw e;
      }
      // A task was handed over meanwhile: deliver it rather than lose it.
      Thread.currentThread().interrupt();
      return poll.join();
    } catch (ExecutionException e) {
      throw new IllegalStateException("activity poll failed", e.getCause());
    }
  }
}
