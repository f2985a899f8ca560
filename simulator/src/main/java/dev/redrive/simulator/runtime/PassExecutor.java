package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.definition.PassState;
import dev.redrive.simulator.definition.StateCommon;
import dev.redrive.simulator.path.DataResolver;
import java.util.Map;

/**
 * The Pass state: its Result, or Parameters over the effective input, then ResultPath, Assign and
 * OutputPath (JSONPath); Assign and Output (JSONata).
 */
final class PassExecutor {
  private PassExecutor() {}

  static Interpreter.Step run(Interpreter in, Interpreter.StateRun run, PassState s) {
    StateCommon c = run.common;
    if (c.jsonata()) {
      ObjectNode states = run.states(null, null);
      Map<String, JsonNode> assigned =
          c.assignRaw().isPresent()
              ? in.assignJsonata(run, c.assignRaw().get(), states, "Assign")
              : Map.of();
      JsonNode output =
          c.output().isPresent()
              ? run.evalJsonata(c.output().get(), states, "Output")
              : run.rawInput;
      return in.finish(run, output, assigned);
    }
    DataResolver input = run.data(run.rawInput);
    JsonNode effective = c.inputPath().select(input);
    JsonNode result;
    // Result, when given, is the result: Parameters is not applied (as AWS's TestState shows).
    if (s.result().isPresent()) {
      result = s.result().get();
    } else if (c.parameters().isPresent()) {
      result = c.parameters().get().evaluate(run.data(effective));
    } else {
      result = effective;
    }
    return in.finishJsonPath(run, result);
  }
}
