package dev.redrive.cli.replay;

import dev.redrive.policy.Decision;
import java.util.Objects;

/** What a replay makes of one value read: a decision, or why the input is malformed. */
sealed interface Outcome {
  /**
   * A decision on an event.
   *
   * @param executionArn the event's {@code detail.executionArn}
   * @param decision the policy's decision
   */
  record Decided(String executionArn, Decision decision) implements Outcome {
    public Decided {
      Objects.requireNonNull(executionArn, "executionArn");
      Objects.requireNonNull(decision, "decision");
    }
  }

  /**
   * Input that is not an event: not JSON, no {@code detail}, no {@code executionArn}, or a file
   * that cannot be read.
   *
   * @param message what was expected and what was found, with the column when known
   */
  record Malformed(String message) implements Outcome {
    public Malformed {
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * An event read and not decided: what {@code policy explain} reads its one event as, through the
   * same reader as replay.
   *
   * @param event the parsed event
   */
  record Read(dev.redrive.policy.ExecutionEvent event) implements Outcome {
    public Read {
      Objects.requireNonNull(event, "event");
    }
  }
}
