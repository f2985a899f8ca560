package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.definition.StateCommon;
import java.util.Map;

/**
 * The Succeed state: InputPath then OutputPath (JSONPath), or Output (JSONata), and the end of the
 * branch.
 */
final class SucceedExecutor {
  private SucceedExecutor() {}

  static Interpreter.Step run(Interpreter in, Interpreter.StateRun run) {
    StateCommon c = run.common;
    JsonNode output;
    if (c.jsonata()) {
      output =
          c.output().isPresent()
              ? run.evalJsonata(c.output().get(), run.states(null, null), "Output")
              : run.rawInput;
    } else {
      JsonNode effective = c.inputPath().select(run.data(run.rawInput));
      output = c.outputPath().select(run.data(effective));
    }
    in.exited(run, output, Map.of());
    return new Interpreter.Step(null, output, null, null);
  }
}
