package dev.redrive.cli.policy;

import dev.redrive.policy.ExecutionEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * One policy test, resolved: the event (with its failed state, if the test gives one), the time to
 * decide at, and what the decision must be.
 *
 * @param name the test's name
 * @param where {@code file:line} of the test in its file
 * @param event the event to decide on
 * @param now the time to decide at
 * @param expectation what the decision must be
 */
record PolicyTest(
    String name, String where, ExecutionEvent event, Instant now, Expectation expectation) {
  PolicyTest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(expectation, "expectation");
  }
}
