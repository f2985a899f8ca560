package dev.redrive.cli.demo;

import dev.redrive.functions.controller.Outcome;
import dev.redrive.functions.controller.Outcome.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One execution of the demo as its status-change events and the controller's outcomes tell it.
 * Guarded by the {@link Tracker}'s lock.
 */
final class ExecutionLog {
  private static final Set<String> FAILURES = Set.of("FAILED", "TIMED_OUT", "ABORTED");

  private final String story;
  private final String executionArn;
  private final String label;
  private String status = "RUNNING";
  private long redriveCount;
  private Optional<String> firstError = Optional.empty();
  private final List<Outcome> outcomes = new ArrayList<>();

  ExecutionLog(String story, String executionArn, String label) {
    this.story = story;
    this.executionArn = executionArn;
    this.label = label;
  }

  void statusChanged(String newStatus, long newRedriveCount, Optional<String> error) {
    status = newStatus;
    redriveCount = newRedriveCount;
    if (firstError.isEmpty() && FAILURES.contains(newStatus)) {
      firstError = error;
    }
  }

  void decided(Outcome outcome) {
    outcomes.add(outcome);
  }

  /**
   * Whether the execution has ended for good: it succeeded, or it sits failed and the controller
   * decided about that failure something other than a redrive.
   */
  boolean settled() {
    if (status.equals("SUCCEEDED")) {
      return true;
    }
    if (!FAILURES.contains(status)) {
      return false;
    }
    return outcomes.stream()
        .filter(o -> o.redriveCount() == redriveCount)
        .reduce((first, second) -> second)
        .map(o -> o.result() != Result.REDRIVEN && o.result() != Result.DELAYED)
        .orElse(false);
  }

  String story() {
    return story;
  }

  String executionArn() {
    return executionArn;
  }

  /** The state machine's name and the execution's, {@code machine/execution}. */
  String label() {
    return label;
  }

  String status() {
    return status;
  }

  long redriveCount() {
    return redriveCount;
  }

  /** The error of the first failure, when it failed at all. */
  Optional<String> firstError() {
    return firstError;
  }

  /** The controller's outcomes, in order. */
  List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  /** How many of the outcomes are {@code result}. */
  long count(Result result) {
    return outcomes.stream().filter(o -> o.result() == result).count();
  }

  /** The last outcome, the one that settled the execution or the last redrive. */
  Optional<Outcome> lastOutcome() {
    return outcomes.isEmpty() ? Optional.empty() : Optional.of(outcomes.get(outcomes.size() - 1));
  }
}
