package dev.redrive.cli.sweep;

import dev.redrive.functions.controller.Outcome;
import dev.redrive.functions.controller.RedriveController;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;

/**
 * Lists the executions that ended in the given statuses, and hands each, rebuilt as the
 * status-change event EventBridge would have delivered, to the controller.
 *
 * <p>Executions are read and handled by a few threads at once, but rows come out in listing order
 * (newest first per state machine and status). When a stop is requested, nothing new is started:
 * the executions in flight finish and are printed.
 */
final class Sweep {
  /** How long to wait before trying again while the circuit breaker is open. */
  static final Duration BREAKER_PAUSE = Duration.ofSeconds(1);

  private final SfnClient reader;
  private final RedriveController controller;
  private final SweepOutput output;
  private final int concurrency;
  private final BooleanSupplier stopRequested;

  /**
   * @param reader lists and describes (its own retries on throttling)
   * @param controller decides and, with --apply, acts
   * @param concurrency executions handled at once
   * @param stopRequested polled before each execution is started
   */
  Sweep(
      SfnClient reader,
      RedriveController controller,
      SweepOutput output,
      int concurrency,
      BooleanSupplier stopRequested) {
    this.reader = reader;
    this.controller = controller;
    this.output = output;
    this.concurrency = concurrency;
    this.stopRequested = stopRequested;
  }

  /**
   * The executions of {@code stateMachineArn} in each of {@code statuses}, stopped since {@code
   * since}, paged through ListExecutions with its status (and redrive) filter.
   */
  List<String> list(
      String stateMachineArn,
      List<String> statuses,
      Optional<String> redriveFilter,
      Optional<Instant> since) {
    List<String> arns = new ArrayList<>();
    for (String status : statuses) {
      String token = null;
      do {
        String page = token;
        ListExecutionsResponse response =
            reader.listExecutions(
                r ->
                    r.stateMachineArn(stateMachineArn)
                        .statusFilter(status)
                        .redriveFilter(redriveFilter.orElse(null))
                        .maxResults(1000)
                        .nextToken(page));
        for (ExecutionListItem item : response.executions()) {
          if (since.isEmpty()
              || item.stopDate() == null
              || !item.stopDate().isBefore(since.get())) {
            arns.add(item.executionArn());
          }
        }
        token = response.nextToken();
      } while (token != null && !stopRequested.getAsBoolean());
    }
    return arns;
  }

  /**
   * Handles every execution of {@code arns} in order, printing a row for each.
   *
   * @return false when it stopped before the end because a stop was requested
   */
  boolean run(List<String> arns) throws InterruptedException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            concurrency,
            r -> {
              Thread t = new Thread(r, "redrive-sweep");
              t.setDaemon(true);
              return t;
            });
    Deque<Future<SweepRow>> inFlight = new ArrayDeque<>();
    int next = 0;
    try {
      while (next < arns.size() || !inFlight.isEmpty()) {
        while (next < arns.size()
            && inFlight.size() < 2 * concurrency
            && !stopRequested.getAsBoolean()) {
          String arn = arns.get(next++);
          inFlight.add(pool.submit(() -> handle(arn)));
        }
        if (inFlight.isEmpty()) {
          break;
        }
        output.row(take(inFlight.poll()));
      }
    } finally {
      pool.shutdown();
    }
    return next == arns.size();
  }

  private static SweepRow take(Future<SweepRow> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      // handle() turns every failure into a row: this is a bug, reported as such.
      throw new IllegalStateException("sweeping an execution failed", e.getCause());
    }
  }

  private SweepRow handle(String arn) {
    DescribeExecutionResponse execution;
    try {
      execution = reader.describeExecution(r -> r.executionArn(arn));
    } catch (SdkException e) {
      return SweepRow.error(arn, "cannot be read: " + message(e));
    }
    String event = StatusChangeEvent.of(execution);
    while (true) {
      try {
        Outcome outcome = controller.handleNow(event);
        return row(execution, outcome);
      } catch (CallNotPermittedException e) {
        // The breaker is open: Step Functions keeps failing. Wait for it rather than fail the rest.
        if (stopRequested.getAsBoolean()) {
          return SweepRow.error(arn, "not handled: " + e.getMessage());
        }
        try {
          Thread.sleep(BREAKER_PAUSE.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return SweepRow.error(arn, "not handled: interrupted");
        }
      } catch (RuntimeException e) {
        return SweepRow.error(arn, "not handled: " + message(e));
      }
    }
  }

  private static SweepRow row(DescribeExecutionResponse execution, Outcome outcome) {
    String action =
        outcome.result() == Outcome.Result.REDRIVEN ? "REDRIVE" : outcome.result().name();
    return new SweepRow(
        execution.executionArn(),
        execution.statusAsString(),
        Optional.ofNullable(execution.error()),
        outcome.redriveCount(),
        action,
        outcome.decision().map(d -> d.delaySeconds()).orElse(0L),
        outcome.decision().flatMap(d -> d.rule()),
        outcome.detail(),
        outcome.taken());
  }

  private static String message(Exception e) {
    String text = e.getMessage();
    return e.getClass().getSimpleName() + (text == null ? "" : ": " + text);
  }
}
