package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a branch of the execution runs: the top level, a Parallel branch, or a Map iteration. It
 * holds the id of the last event of its chain (the next event's {@code previousEventId}), its
 * variable scope, and the Map item it processes, if any.
 */
final class Frame {
  long last;
  final Variables variables;
  final int mapIndex;
  final JsonNode mapValue;

  /** The type of the state where this frame's branch failed, if it did. */
  String failedStateType;

  Frame(long last, Variables variables, int mapIndex, JsonNode mapValue) {
    this.last = last;
    this.variables = variables;
    this.mapIndex = mapIndex;
    this.mapValue = mapValue;
  }

  /** A nested frame: a child variable scope, the same chain position. */
  Frame child(int index, JsonNode value) {
    return new Frame(last, variables.child(), index, value);
  }
}
