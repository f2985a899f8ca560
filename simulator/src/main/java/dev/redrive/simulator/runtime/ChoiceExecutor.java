package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.definition.ChoiceState;
import dev.redrive.simulator.definition.StateCommon;
import dev.redrive.simulator.definition.choice.ChoiceRule;
import dev.redrive.simulator.definition.choice.ChoiceRules;
import dev.redrive.simulator.path.DataResolver;
import dev.redrive.simulator.path.PayloadTemplate;
import java.util.Map;

/**
 * The Choice state: the first rule that matches (compiled rules in JSONPath, Conditions in JSONata)
 * gives the next state, with its Assign and Output; otherwise Default, or {@code
 * States.NoChoiceMatched}.
 */
final class ChoiceExecutor {
  private ChoiceExecutor() {}

  static Interpreter.Step run(Interpreter in, Interpreter.StateRun run, ChoiceState s) {
    StateCommon c = run.common;
    if (c.jsonata()) {
      ObjectNode states = run.states(null, null);
      for (JsonNode rule : s.conditions()) {
        JsonNode cond =
            in.jsonata.evaluateAs(
                rule.path("Condition"),
                states,
                run.frame.variables.visible(),
                "Condition",
                dev.redrive.simulator.jsonata.JsonataType.BOOLEAN,
                c.name(),
                run.enteredId);
        if (cond.asBoolean()) {
          return exit(
              in, run, rule.path("Next").asText(), rule.get("Assign"), rule.get("Output"), states);
        }
      }
      String next = s.defaultState().orElseThrow(() -> ChoiceRules.noChoiceMatched(c.name()));
      return exit(in, run, next, c.assignRaw().orElse(null), c.output().orElse(null), states);
    }
    JsonNode effective = c.inputPath().select(run.data(run.rawInput));
    DataResolver data = run.data(effective);
    for (ChoiceRule rule : s.choices()) {
      if (rule.matches(data)) {
        Map<String, JsonNode> assigned =
            rule.assign().isPresent()
                ? in.assignTemplate(run, PayloadTemplate.compile(rule.assign().get()), effective)
                : Map.of();
        return exitJsonPath(in, run, rule.next().orElseThrow(), effective, assigned);
      }
    }
    String next = s.defaultState().orElseThrow(() -> ChoiceRules.noChoiceMatched(c.name()));
    Map<String, JsonNode> assigned =
        c.assign().isPresent() ? in.assignTemplate(run, c.assign().get(), effective) : Map.of();
    return exitJsonPath(in, run, next, effective, assigned);
  }

  private static Interpreter.Step exitJsonPath(
      Interpreter in,
      Interpreter.StateRun run,
      String next,
      JsonNode effective,
      Map<String, JsonNode> assigned) {
    JsonNode output = run.common.outputPath().select(run.data(effective));
    run.frame.variables.assign(assigned);
    in.exited(run, output, assigned);
    return new Interpreter.Step(next, output, null, null);
  }

  private static Interpreter.Step exit(
      Interpreter in,
      Interpreter.StateRun run,
      String next,
      JsonNode assign,
      JsonNode outputTemplate,
      ObjectNode states) {
    Map<String, JsonNode> assigned =
        assign == null ? Map.of() : in.assignJsonata(run, assign, states, "Assign");
    JsonNode output =
        outputTemplate == null ? run.rawInput : run.evalJsonata(outputTemplate, states, "Output");
    run.frame.variables.assign(assigned);
    in.exited(run, output, assigned);
    return new Interpreter.Step(next, output, null, null);
  }
}
