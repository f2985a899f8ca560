package dev.redrive.simulator.service;

import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.runtime.MapRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The map runs of one service (Distributed Map states), by ARN and by the execution that started
 * them, and their child workflow executions. A child's ARN names its map run ({@code
 * execution:<stateMachine>/<label>:<mapRunId>:<name>} belongs to {@code
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
}
