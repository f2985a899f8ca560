package dev.redrive.simulator.service;

import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.runtime.MapRun;
import dev.redrive.simulator.validation.Constraints;
import dev.redrive.simulator.validation.InvalidRequestException;
import dev.redrive.simulator.validation.RequestValidator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The map runs of one service (Distributed Map states), by ARN and by the execution that started
 * them, and their child workflow executions, with the map run operations of the API (ListMapRuns,
 * DescribeMapRun, UpdateMapRun, ListExecutions of a map run). A child's ARN names its map run
 * ({@code execution:<stateMachine>/<label>:<mapRunId>:<name>} belongs to {@code
 * mapRun:<stateMachine>/<label>:<mapRunId>}), so children need no index of their own. Thread-safe.
 */
final class MapRuns {
  private final Map<String, Registered> byArn = new ConcurrentHashMap<>();
  private final Map<String, List<Registered>> byExecution = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  /** A map run and its start order, for listing. */
  record Registered(MapRun run, long sequence) {}

  void add(MapRun run) {
    Registered r = new Registered(run, sequence.incrementAndGet());
    byArn.put(run.arn(), r);
    byExecution
        .computeIfAbsent(run.executionArn(), k -> Collections.synchronizedList(new ArrayList<>()))
        .add(r);
  }

  /**
   * @throws ServiceException {@code ResourceNotFound}
   */
  MapRun get(String arn) {
    Registered r = byArn.get(arn);
    if (r == null) {
      throw ServiceException.resourceNotFound(arn);
    }
    return r.run();
  }

  /** The map runs an execution started, newest first. */
  List<Registered> of(String executionArn) {
    List<Registered> list = byExecution.get(executionArn);
    if (list == null) {
      return List.of();
    }
    List<Registered> copy;
    synchronized (list) {
      copy = new ArrayList<>(list);
    }
    Collections.reverse(copy);
    return copy;
  }

  /** The child execution of that ARN, if a known map run started it. */
  Optional<MapRun.ChildExecution> child(String executionArn) {
    return mapRunOf(executionArn).flatMap(r -> r.child(executionArn));
  }

  /** The history of a Standard child execution, empty when there is no such child. */
  List<HistoryEvent> childHistory(String executionArn) {
    return mapRunOf(executionArn).map(r -> r.childHistory(executionArn)).orElse(List.of());
  }

  /**
   * The map run a child's ARN names: {@code arn:aws:states:R:A:execution:SM/L:ID:NAME} (or {@code
   * express:...}) belongs to {@code arn:aws:states:R:A:mapRun:SM/L:ID}.
   */
  Optional<MapRun> mapRunOf(String executionArn) {
    if (executionArn == null) {
      return Optional.empty();
    }
    String[] parts = executionArn.split(":", -1);
    if (parts.length != 9
        || !(parts[5].equals("execution") || parts[5].equals("express"))
        || !parts[6].contains("/")) {
      return Optional.empty();
    }
    String mapRunArn =
        String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4])
            + ":mapRun:"
            + parts[6]
            + ":"
            + parts[7];
    return Optional.ofNullable(byArn.get(mapRunArn)).map(Registered::run);
  }

  /** Forgets the map runs of executions the retention dropped. */
  void dropExecutions(List<String> executionArns) {
    for (String executionArn : executionArns) {
      List<Registered> runs = byExecution.remove(executionArn);
      if (runs != null) {
        synchronized (runs) {
          for (Registered r : runs) {
            byArn.remove(r.run().arn());
          }
        }
      }
    }
  }

  /** How many map runs are kept. */
  int size() {
    return byArn.size();
  }

  // ---- the API's operations ----

  /**
   * DescribeMapRun: a map run's settings, status and counts of items and child executions.
   *
   * @throws ServiceException {@code ResourceNotFound}
   */
  MapRun.Snapshot describe(String mapRunArn) {
    RequestValidator.mapRunArn(mapRunArn);
    return get(mapRunArn).snapshot();
  }

  /** ListMapRuns, once the execution is known to exist. */
  Page<MapRun.Snapshot> list(String executionArn, Integer maxResults, String nextToken) {
    Page<Registered> page =
        Page.of(of(executionArn), Registered::sequence, true, maxResults, nextToken);
    return new Page<>(
        page.items().stream().map(r -> r.run().snapshot()).toList(), page.nextToken());
  }

  /**
   * UpdateMapRun; a null value leaves that setting as it is.
   *
   * @throws ServiceException {@code ResourceNotFound}
   */
  void update(
      String mapRunArn,
      Integer maxConcurrency,
      Double toleratedFailurePercentage,
      Integer toleratedFailureCount) {
    RequestValidator.mapRunArn(mapRunArn);
    new Constraints()
        .minValue("maxConcurrency", maxConcurrency, 0)
        .minValue("toleratedFailureCount", toleratedFailureCount, 0)
        .check();
    if (toleratedFailurePercentage != null
        && (toleratedFailurePercentage < 0 || toleratedFailurePercentage > 100)) {
      throw new InvalidRequestException(
          InvalidRequestException.VALIDATION_EXCEPTION,
          "1 validation error detected: Value '"
              + toleratedFailurePercentage
              + "' at 'toleratedFailurePercentage' failed to satisfy constraint: "
              + (toleratedFailurePercentage < 0
                  ? "Member must have value greater than or equal to 0"
                  : "Member must have value less than or equal to 100"));
    }
    get(mapRunArn).update(maxConcurrency, toleratedFailureCount, toleratedFailurePercentage);
  }

  /** ListExecutions of a map run: its children, newest first, filtered. */
  Page<MapRun.ChildExecution> listChildren(
      String mapRunArn,
      String statusFilter,
      String redriveFilter,
      Integer maxResults,
      String nextToken) {
    List<MapRun.ChildExecution> children = new ArrayList<>(get(mapRunArn).children());
    Collections.reverse(children);
    Optional<ExecutionStatus> status =
        Optional.ofNullable(statusFilter).map(ExecutionStatus::parse);
    List<MapRun.ChildExecution> matching =
        children.stream()
            .filter(e -> status.isEmpty() || e.status() == status.get())
            .filter(
                e ->
                    redriveFilter == null
                        || (redriveFilter.equals("REDRIVEN") == (e.redriveCount() > 0)))
            .toList();
    return Page.of(matching, MapRun.ChildExecution::index, true, maxResults, nextToken);
  }

  /** True for a Standard child workflow execution of a known map run. */
  boolean isStandardChild(String executionArn) {
    return executionArn != null
        && executionArn.contains(":execution:")
        && child(executionArn).isPresent();
  }

  /**
   * A child workflow execution of a Distributed Map is redriven by its map run, when its parent
   * execution is redriven, never by itself.
   *
   * @throws ServiceException {@code ExecutionNotRedrivable} for such a child
   */
  void checkNotChild(String executionArn) {
    Optional<MapRun.ChildExecution> found = child(executionArn);
    if (found.isPresent()) {
      throw ServiceException.executionNotRedrivable(
          "Execution "
              + executionArn
              + " is a child workflow execution of map run "
              + found.get().mapRunArn()
              + " (redriveStatus "
              + found.get().redriveStatus()
              + "): redrive its parent execution "
              + get(found.get().mapRunArn()).executionArn()
              + " instead");
    }
  }
}
