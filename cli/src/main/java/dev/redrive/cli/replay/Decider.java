package dev.redrive.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns one JSON value into an {@link Outcome}. Called from several threads at once, in no
 * particular order: it must depend only on its arguments.
 */
@FunctionalInterface
interface Decider {
  /**
   * @param value the value read ({@link EventExtractor}'s tree)
   * @param index the value's 0-based position among all values of the replay, for a random
   *     generator that does not depend on the order values are decided in
   */
  Outcome decide(JsonNode value, long index);
}
