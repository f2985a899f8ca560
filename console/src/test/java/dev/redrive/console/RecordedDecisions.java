package dev.redrive.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Decisions a test hands the console, as the cli's controller adapter would. */
final class RecordedDecisions implements ControllerDecisions {
  private final Map<String, List<Decision>> byExecution = new ConcurrentHashMap<>();
  volatile Optional<String> askedFailedState = Optional.empty();

  void add(String executionArn, Decision decision) {
    byExecution.computeIfAbsent(executionArn, k -> new ArrayList<>()).add(decision);
  }

  @Override
  public boolean attached() {
    return true;
  }

  @Override
  public List<Decision> forExecution(String executionArn, Optional<String> failedState) {
    askedFailedState = failedState;
    return List.copyOf(byExecution.getOrDefault(executionArn, List.of()));
  }
}
