package dev.redrive.console;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The attached redrive controller's decisions, as the console shows them. {@code redrive serve
 * --policy} supplies one; the console does not know the controller or the policy engine.
 */
public interface ControllerDecisions {
  /** No controller attached. */
  ControllerDecisions NONE =
      new ControllerDecisions() {
        @Override
        public boolean attached() {
          return false;
        }

        @Override
        public List<Decision> forExecution(String executionArn, Optional<String> failedState) {
          return List.of();
        }
      };

  /** Whether a controller is attached (false: the console says so instead of showing none). */
  boolean attached();

  /**
   * What the controller decided about an execution's events, oldest first.
   *
   * @param failedState the state the execution failed in, as its history shows it (for policies
   *     matching {@code failedStates})
   */
  List<Decision> forExecution(String executionArn, Optional<String> failedState);

  /**
   * One decision.
   *
   * @param at when the controller received the event
   * @param status the event's status ({@code FAILED}, {@code TIMED_OUT}, {@code ABORTED})
   * @param redriveCount the event's redriveCount
   * @param action {@code REDRIVE}, {@code GIVE_UP} or {@code IGNORE}, when the policy decided
   * @param rule the rule that decided, when one did
   * @param reason the policy's reason
   * @param delaySeconds the backoff before the redrive, 0 for none
   * @param result what the controller did (REDRIVEN, DELAYED, GAVE_UP, ...), empty while pending
   * @param detail the controller's words on what it did
   * @param explanation why, as {@code redrive policy explain} prints it
   */
  record Decision(
      Instant at,
      String status,
      long redriveCount,
      Optional<String> action,
      Optional<String> rule,
      String reason,
      long delaySeconds,
      Optional<String> result,
      String detail,
      String explanation) {
    public Decision {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(rule, "rule");
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(detail, "detail");
      Objects.requireNonNull(explanation, "explanation");
    }
  }
}
