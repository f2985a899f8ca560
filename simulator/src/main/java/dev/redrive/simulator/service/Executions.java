package dev.redrive.simulator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.runtime.SimClock;
import dev.redrive.simulator.store.Row;
import dev.redrive.simulator.store.StateStore;
import dev.redrive.simulator.store.Table;
import dev.redrive.simulator.validation.RequestValidator;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The recorded (Standard) executions of one service, by ARN and by state machine, kept within a
 * {@link Retention} and written to a {@link StateStore}. Thread-safe.
 */
final class Executions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Execution> byArn = new ConcurrentHashMap<>();
  private final Map<String, ConcurrentSkipListMap<Long, Execution>> byStateMachine =
      new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final StateStore store;
  private final Retention retention;
  private final SimClock clock;
  private final Consumer<List<String>> dropped;

  /** Finished executions, in the order they finished: the first ones are dropped first. */
  private final ArrayDeque<Execution> finished = new ArrayDeque<>();

  /**
   * @param dropped told the ARNs of executions dropped by the retention (to drop their map runs)
   */
  Executions(
      StateStore store, Retention retention, SimClock clock, Consumer<List<String>> dropped) {
    this.store = store;
    this.retention = retention;
    this.clock = clock;
    this.dropped = dropped;
  }

  long nextSequence() {
    return sequence.incrementAndGet();
  }

  /**
   * Records a new execution, or finds the one it repeats.
   *
   * @return the execution, and whether it is new
   * @throws ServiceException {@code ExecutionAlreadyExists} when one with the same ARN has ended or
   *     has another input
   */
  Registered register(Execution candidate) {
    Execution existing = byArn.putIfAbsent(candidate.arn(), candidate);
    if (existing == null) {
      byStateMachine
          .computeIfAbsent(candidate.stateMachine().arn(), k -> new ConcurrentSkipListMap<>())
          .put(candidate.sequence(), candidate);
      prune();
      return new Registered(candidate, true);
    }
    if (existing.status() == ExecutionStatus.RUNNING
        && existing.input().equals(candidate.input())) {
      return new Registered(existing, false);
    }
    throw ServiceException.executionAlreadyExists(candidate.arn());
  }

  /** A registered execution; {@code created} is false when StartExecution was repeated. */
  record Registered(Execution execution, boolean created) {}

  /** Writes an execution (its row and the history events not written yet) to the store. */
  void save(Execution execution) {
    if (store == StateStore.NONE) {
      return;
    }
    // Under the execution's lock, so that the store receives its states in the order they came.
    synchronized (execution) {
      store.put(
          Table.EXECUTION,
          new Row(
              execution.arn(),
              execution.stateMachine().arn(),
              execution.sequence(),
              execution.toJson()));
      List<HistoryEvent> fresh = execution.unstoredEvents();
      store.appendHistory(execution.arn(), StoredEvents.toJson(fresh));
    }
  }

  /** Records that a run of an execution ended: it is saved, and kept within the retention. */
  void ended(Execution execution) {
    save(execution);
    synchronized (finished) {
      finished.addLast(execution);
    }
    prune();
  }

  /** Records that an execution runs again: the retention no longer counts it. */
  void redriven(Execution execution) {
    synchronized (finished) {
      finished.remove(execution);
    }
    save(execution);
  }

  /**
   * Drops the finished executions beyond the retention's count, and those that stopped longer ago
   * than its age, first finished first.
   */
  void prune() {
    Instant oldest = clock.now().minus(retention.maxAge());
    List<Execution> drop = new ArrayList<>();
    synchronized (finished) {
      Iterator<Execution> it = finished.iterator();
      while (it.hasNext()) {
        Execution e = it.next();
        boolean tooMany = finished.size() > retention.maxExecutions();
        boolean tooOld = e.stopDate().map(d -> d.isBefore(oldest)).orElse(false);
        if (!tooMany && !tooOld) {
          break;
        }
        it.remove();
        if (e.status().isTerminal()) {
          drop.add(e);
        }
      }
    }
    if (drop.isEmpty()) {
      return;
    }
    List<String> arns = new ArrayList<>(drop.size());
    for (Execution e : drop) {
      byArn.remove(e.arn(), e);
      Map<Long, Execution> ofMachine = byStateMachine.get(e.stateMachine().arn());
      if (ofMachine != null) {
        ofMachine.remove(e.sequence(), e);
      }
      arns.add(e.arn());
    }
    store.dropExecutions(arns);
    dropped.accept(arns);
  }

  /** Adds an execution read back from the store. */
  void restore(Execution execution) {
    byArn.put(execution.arn(), execution);
    byStateMachine
        .computeIfAbsent(execution.stateMachine().arn(), k -> new ConcurrentSkipListMap<>())
        .put(execution.sequence(), execution);
    sequence.accumulateAndGet(execution.sequence(), Math::max);
    if (execution.status().isTerminal()) {
      synchronized (finished) {
        finished.addLast(execution);
      }
    }
  }

  /**
   * Applies the retention once every stored execution is restored. Restored executions count in the
   * order they started (their stop dates are read only when the retention looks at them).
   */
  void restored() {
    prune();
  }

  /**
   * @throws ServiceException {@code ExecutionDoesNotExist}
   */
  Execution get(String arn) {
    RequestValidator.executionArn(arn);
    Execution found = byArn.get(arn);
    if (found == null) {
      throw ServiceException.executionDoesNotExist(arn);
    }
    return found;
  }

  /** The executions of a state machine, newest first. */
  List<Execution> of(String stateMachineArn) {
    prune();
    ConcurrentSkipListMap<Long, Execution> all = byStateMachine.get(stateMachineArn);
    return all == null ? List.of() : new ArrayList<>(all.descendingMap().values());
  }

  /** How many executions are kept (running and finished). */
  int size() {
    return byArn.size();
  }

  /** Parses an input already checked by {@link RequestValidator#startExecution}. */
  static JsonNode parse(String input) {
    try {
      return JSON.readTree(input);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("input is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
