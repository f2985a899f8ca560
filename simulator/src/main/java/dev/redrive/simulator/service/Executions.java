package dev.redrive.simulator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.validation.RequestValidator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The recorded (Standard) executions of one service, by ARN and by state machine. Thread-safe. */
final class Executions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Execution> byArn = new ConcurrentHashMap<>();
  private final Map<String, List<Execution>> byStateMachine = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

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
          .computeIfAbsent(
              candidate.stateMachine().arn(), k -> Collections.synchronizedList(new ArrayList<>()))
          .add(candidate);
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
    List<Execution> list = byStateMachine.get(stateMachineArn);
    if (list == null) {
      return List.of();
    }
    List<Execution> copy;
    synchronized (list) {
      copy = new ArrayList<>(list);
    }
    Collections.reverse(copy);
    return copy;
  }

  /** The history of an execution, oldest event first. */
  List<HistoryEvent> history(String arn) {
    return get(arn).events();
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
