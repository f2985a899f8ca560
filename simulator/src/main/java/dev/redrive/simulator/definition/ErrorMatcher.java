package dev.redrive.simulator.definition;

import java.util.List;

/** How {@code ErrorEquals} matches an error name, per the Amazon States Language. */
public final class ErrorMatcher {
  private ErrorMatcher() {}

  /**
   * True when an {@code ErrorEquals} list matches the error. {@code States.ALL} matches every error
   * except {@code States.Runtime}; {@code States.TaskFailed} matches every error except {@code
   * States.Timeout} and the errors raised by the service itself ({@code States.Runtime}, {@code
   * States.QueryEvaluationError}...).
   */
  public static boolean matches(List<String> errorEquals, String error) {
    for (String e : errorEquals) {
      if (e.equals(error)) {
        return true;
      }
      if (e.equals("States.ALL") && !error.equals("States.Runtime")) {
        return true;
      }
      if (e.equals("States.TaskFailed")
          && !error.equals("States.Timeout")
          && !error.equals("States.Runtime")
          && !error.equals("States.QueryEvaluationError")
          && !error.equals("States.HeartbeatTimeout")
          && !error.equals("States.Branches.Failed")
          && !error.equals("States.ExceedToleratedFailureThreshold")
          && !error.equals("States.ItemReaderFailed")
          && !error.equals("States.ResultWriterFailed")) {
        return true;
      }
    }
    return false;
  }
}
