package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.definition.FailState;
import dev.redrive.simulator.path.DataResolver;

/**
 * The Fail state: its Error and Cause (literal, ErrorPath/CausePath, or JSONata), ending the branch
 * in failure.
 */
final class FailExecutor {
  private FailExecutor() {}

  static Interpreter.Step run(Interpreter in, Interpreter.StateRun run, FailState s) {
    String error = null;
    String cause = null;
    if (run.common.jsonata()) {
      ObjectNode states = run.states(null, null);
      if (s.error().isPresent()) {
        error = run.evalJsonata(s.error().get(), states, "Error").asText();
      }
      if (s.cause().isPresent()) {
        cause = run.evalJsonata(s.cause().get(), states, "Cause").asText();
      }
    } else {
      DataResolver input = run.data(run.rawInput);
      error = s.error().map(JsonNode::asText).orElse(null);
      cause = s.cause().map(JsonNode::asText).orElse(null);
      if (s.errorPath().isPresent()) {
        error = Dynamic.string(input, s.errorPath().get(), "ErrorPath");
      }
      if (s.causePath().isPresent()) {
        cause = Dynamic.string(input, s.causePath().get(), "CausePath");
      }
    }
    return Interpreter.Step.failure(error, cause);
  }
}
