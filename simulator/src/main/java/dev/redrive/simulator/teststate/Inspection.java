package dev.redrive.simulator.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.history.HistoryJson;
import dev.redrive.simulator.jsonata.JsonataBindings;
import dev.redrive.simulator.jsonata.JsonataEngine;
import dev.redrive.simulator.mock.MockResult;
import dev.redrive.simulator.path.DataResolver;
import dev.redrive.simulator.path.PathField;
import dev.redrive.simulator.path.PayloadTemplate;
import java.util.Map;
import java.util.Optional;

/**
 * TestState's {@code inspectionData}: the state's data after each step of its input and output
 * processing, as AWS reports it for each state type (the fields it gives were read off AWS's
 * recorded answers in {@code test-state-cases.jsonl}). Data fields hold JSON text; {@code
 * maxConcurrency} and the tolerated failures of a Map are numbers.
 *
 * <ul>
 *   <li>JSONPath: {@code afterInputPath}, {@code afterParameters} (Pass without Result, Task),
 *       {@code result} (Pass with Result, Task), {@code afterResultSelector} and {@code
 *       afterResultPath} once the state has a result; Choice, Succeed, Fail and Wait give {@code
 *       afterInputPath} only; a mocked Parallel gives only the steps after its result;
 *   <li>JSONata: {@code afterArguments} and {@code result} for a Task;
 *   <li>a Map: also {@code afterItemsPath} (JSONPath), {@code maxConcurrency} (default 0) and the
 *       {@code toleratedFailureCount} or {@code toleratedFailurePercentage} it sets;
 *   <li>{@code errorDetails}: the Catcher ({@code catchIndex}) or Retrier ({@code retryIndex},
 *       {@code retryBackoffIntervalSeconds}) that handled the error.
 * </ul>
 *
 * <p>A step that fails (a path that selects nothing) ends the data there: the run has already
 * reported the error.
 */
final class Inspection {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final JsonataEngine JSONATA = new JsonataEngine();

  private final TestedState tested;
  private final JsonNode input;
  private final JsonNode context;
  private final Map<String, JsonNode> variables;
  private final Optional<JsonNode> result;

  /**
   * @param context the context object the state saw
   * @param variables the workflow variables in scope
   * @param mock the mocked response, if any (its result is the state's result)
   * @param taskResult the result the Task's call returned in the run, if any
   */
  Inspection(
      TestedState tested,
      JsonNode input,
      JsonNode context,
      Map<String, JsonNode> variables,
      Optional<MockResult> mock,
      Optional<JsonNode> taskResult) {
    this.tested = tested;
    this.input = input;
    this.context = context;
    this.variables = variables;
    Optional<JsonNode> mocked =
        mock.filter(m -> m instanceof MockResult.Return).map(m -> ((MockResult.Return) m).value());
    this.result = mocked.isPresent() ? mocked : taskResult;
  }

  /**
   * The inspection data for the level, empty at {@code INFO}.
   *
   * @param succeeded whether the state produced its result (the result steps are given then)
   * @param errorDetails the Catcher and Retrier details, empty when none applied
   */
  Optional<ObjectNode> data(
      StateTestRequest.InspectionLevel level, boolean succeeded, ObjectNode errorDetails) {
    if (level == StateTestRequest.InspectionLevel.INFO) {
      return Optional.empty();
    }
    ObjectNode out = NODES.objectNode();
    out.put("input", text(input));
    try {
      if (tested.jsonata()) {
        jsonata(out, succeeded);
      } else {
        jsonPath(out, succeeded);
      }
    } catch (RuntimeException e) {
      // The run reported this failure; the data stops at the step that failed.
    }
    if (!errorDetails.isEmpty()) {
      out.set("errorDetails", errorDetails);
    }
    return Optional.of(out);
  }

  private void jsonata(ObjectNode out, boolean succeeded) {
    JsonNode s = tested.state();
    switch (tested.type()) {
      case "Task" -> {
        if (s.has("Arguments")) {
          out.put("afterArguments", text(evaluate(s.get("Arguments"), "Arguments")));
        }
        if (succeeded && result.isPresent()) {
          out.put("result", text(result.get()));
        }
      }
      case "Map" -> mapLimits(out, input);
      default -> {}
    }
  }

  private void jsonPath(ObjectNode out, boolean succeeded) {
    JsonNode s = tested.state();
    String type = tested.type();
    if (type.equals("Parallel")) {
      if (succeeded && result.isPresent()) {
        afterResult(out, result.get());
      }
      return;
    }
    if (type.equals("Pass") && s.has("Result")) {
      out.put("result", text(s.get("Result")));
      afterResult(out, s.get("Result"));
      return;
    }
    JsonNode effective = PathField.of(s.get("InputPath")).select(data(input));
    out.put("afterInputPath", text(effective));
    switch (type) {
      case "Pass" -> {
        JsonNode parameters = parameters(effective);
        out.put("afterParameters", text(parameters));
        afterResult(out, parameters);
      }
      case "Task" -> {
        out.put("afterParameters", text(parameters(effective)));
        if (succeeded && result.isPresent()) {
          out.put("result", text(result.get()));
          afterResult(out, result.get());
        }
      }
      case "Map" -> {
        out.put("afterItemsPath", text(PathField.of(s.get("ItemsPath")).select(data(effective))));
        mapLimits(out, effective);
        if (succeeded && result.isPresent()) {
          afterResult(out, result.get());
        }
      }
      default -> {}
    }
  }

  /** {@code afterResultSelector} and {@code afterResultPath} (JSONPath). */
  private void afterResult(ObjectNode out, JsonNode value) {
    JsonNode s = tested.state();
    JsonNode selected =
        s.has("ResultSelector")
            ? PayloadTemplate.compile(s.get("ResultSelector")).evaluate(data(value))
            : value;
    out.put("afterResultSelector", text(selected));
    out.put("afterResultPath", text(PathField.of(s.get("ResultPath")).merge(input, selected)));
  }

  private void mapLimits(ObjectNode out, JsonNode stateInput) {
    out.put(
        "maxConcurrency",
        MapFields.value(
                tested, stateInput, context, variables, "MaxConcurrency", "MaxConcurrencyPath")
            .map(JsonNode::asInt)
            .orElse(0));
    MapFields.value(
            tested,
            stateInput,
            context,
            variables,
            "ToleratedFailureCount",
            "ToleratedFailureCountPath")
        .ifPresent(v -> out.put("toleratedFailureCount", v.asInt()));
    MapFields.value(
            tested,
            stateInput,
            context,
            variables,
            "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath")
        .ifPresent(v -> out.put("toleratedFailurePercentage", v.floatValue()));
  }

  private JsonNode parameters(JsonNode effective) {
    JsonNode s = tested.state();
    return s.has("Parameters")
        ? PayloadTemplate.compile(s.get("Parameters")).evaluate(data(effective))
        : effective;
  }

  private JsonNode evaluate(JsonNode template, String field) {
    ObjectNode states = NODES.objectNode();
    states.set("input", input);
    states.set("context", context);
    return JSONATA.evaluateTemplate(template, new JsonataBindings(states, variables), field);
  }

  private DataResolver data(JsonNode dollar) {
    return new DataResolver(dollar, () -> context, variables::get);
  }

  private static String text(JsonNode value) {
    return HistoryJson.text(value);
  }
}
