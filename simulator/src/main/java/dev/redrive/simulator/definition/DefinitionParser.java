package dev.redrive.simulator.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.definition.choice.ChoiceRule;
import dev.redrive.simulator.definition.choice.ChoiceRules;
import dev.redrive.simulator.path.PathField;
import dev.redrive.simulator.path.PayloadTemplate;
import dev.redrive.simulator.path.ReferencePath;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses an Amazon States Language document into an immutable {@link StateMachineDefinition},
 * compiling paths, payload templates and Choice rules once. It assumes a valid definition (see
 * {@code DefinitionValidator}); what it cannot make sense of raises {@link
 * IllegalArgumentException}.
 */
public final class DefinitionParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DefinitionParser() {}

  /** Parses a definition given as JSON text. */
  public static StateMachineDefinition parse(String definitionJson) {
    try {
      return parse(JSON.readTree(definitionJson));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("definition is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Parses a definition given as a JSON tree. */
  public static StateMachineDefinition parse(JsonNode definition) {
    return parseMachine(definition, QueryLanguage.JSONPATH);
  }

  private static StateMachineDefinition parseMachine(JsonNode node, QueryLanguage inherited) {
    QueryLanguage ql = QueryLanguage.of(text(node, "QueryLanguage"), inherited);
    Map<String, State> states = new LinkedHashMap<>();
    JsonNode statesNode = node.path("States");
    Iterator<Map.Entry<String, JsonNode>> it = statesNode.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      states.put(e.getKey(), parseState(e.getKey(), e.getValue(), ql));
    }
    Optional<Integer> timeout =
        node.has("TimeoutSeconds")
            ? Optional.of(node.get("TimeoutSeconds").asInt())
            : Optional.empty();
    return new StateMachineDefinition(text(node, "StartAt"), states, ql, timeout);
  }

  private static State parseState(String name, JsonNode s, QueryLanguage inherited) {
    String type = text(s, "Type");
    QueryLanguage ql = QueryLanguage.of(text(s, "QueryLanguage"), inherited);
    StateCommon common = common(name, type, s, ql);
    if (type == null) {
      throw new IllegalArgumentException("state " + name + " has no Type");
    }
    return switch (type) {
      case "Pass" -> new PassState(common, opt(s, "Result"));
      case "Succeed" -> new SucceedState(common);
      case "Fail" ->
          new FailState(
              common,
              opt(s, "Error"),
              opt(s, "Cause"),
              Optional.ofNullable(text(s, "ErrorPath")),
              Optional.ofNullable(text(s, "CausePath")));
      case "Wait" ->
          new WaitState(
              common,
              opt(s, "Seconds"),
              opt(s, "Timestamp"),
              path(s, "SecondsPath"),
              path(s, "TimestampPath"));
      case "Choice" -> {
        List<JsonNode> conditions = new ArrayList<>();
        s.path("Choices").forEach(conditions::add);
        yield ql == QueryLanguage.JSONATA
            ? new ChoiceState(
                common, List.of(), conditions, Optional.ofNullable(text(s, "Default")))
            : new ChoiceState(
                common, choices(s), List.of(), Optional.ofNullable(text(s, "Default")));
      }
      case "Task" ->
          new TaskState(
              common,
              text(s, "Resource"),
              opt(s, "TimeoutSeconds"),
              path(s, "TimeoutSecondsPath"),
              opt(s, "HeartbeatSeconds"),
              path(s, "HeartbeatSecondsPath"));
      case "Parallel" -> {
        List<StateMachineDefinition> branches = new ArrayList<>();
        for (JsonNode b : s.path("Branches")) {
          branches.add(parseMachine(b, ql));
        }
        yield new ParallelState(common, branches);
      }
      case "Map" -> map(common, s, ql);
      default -> throw new IllegalArgumentException("state " + name + " has unknown Type " + type);
    };
  }

  private static MapState map(StateCommon common, JsonNode s, QueryLanguage ql) {
    JsonNode processorNode = s.has("ItemProcessor") ? s.get("ItemProcessor") : s.path("Iterator");
    StateMachineDefinition processor = parseMachine(processorNode, ql);
    boolean distributed =
        "DISTRIBUTED".equals(processorNode.path("ProcessorConfig").path("Mode").asText());
    JsonNode selector = s.has("ItemSelector") ? s.get("ItemSelector") : s.get("Parameters");
    boolean jsonata = ql == QueryLanguage.JSONATA;
    return new MapState(
        common,
        processor,
        distributed,
        path(s, "ItemsPath"),
        opt(s, "Items"),
        !jsonata && selector != null
            ? Optional.of(PayloadTemplate.compile(selector))
            : Optional.empty(),
        jsonata ? Optional.ofNullable(selector) : Optional.empty(),
        opt(s, "MaxConcurrency"),
        path(s, "MaxConcurrencyPath"),
        opt(s, "ToleratedFailureCount"),
        path(s, "ToleratedFailureCountPath"),
        opt(s, "ToleratedFailurePercentage"),
        path(s, "ToleratedFailurePercentagePath"),
        opt(s, "ItemBatcher"),
        Optional.ofNullable(text(s, "Label")),
        "EXPRESS".equals(processorNode.path("ProcessorConfig").path("ExecutionType").asText()));
  }

  private static List<ChoiceRule> choices(JsonNode s) {
    List<ChoiceRule> out = new ArrayList<>();
    for (JsonNode rule : s.path("Choices")) {
      out.add(ChoiceRules.compile(rule));
    }
    return out;
  }

  private static StateCommon common(String name, String type, JsonNode s, QueryLanguage ql) {
    boolean jsonata = ql == QueryLanguage.JSONATA;
    boolean isMap = "Map".equals(type);
    JsonNode assign = s.get("Assign");
    return new StateCommon(
        name,
        type,
        ql,
        Optional.ofNullable(text(s, "Next")),
        PathField.of(s.get("InputPath")),
        PathField.of(s.get("OutputPath")),
        PathField.of(s.get("ResultPath")),
        !jsonata && !isMap && s.has("Parameters")
            ? Optional.of(PayloadTemplate.compile(s.get("Parameters")))
            : Optional.empty(),
        !jsonata && s.has("ResultSelector")
            ? Optional.of(PayloadTemplate.compile(s.get("ResultSelector")))
            : Optional.empty(),
        opt(s, "Arguments"),
        opt(s, "Output"),
        !jsonata && assign != null
            ? Optional.of(PayloadTemplate.compile(assign))
            : Optional.empty(),
        jsonata ? Optional.ofNullable(assign) : Optional.empty(),
        retriers(s.path("Retry")),
        catchers(s.path("Catch"), jsonata));
  }

  private static List<Retrier> retriers(JsonNode list) {
    List<Retrier> out = new ArrayList<>();
    for (JsonNode r : list) {
      out.add(
          new Retrier(
              strings(r.path("ErrorEquals")),
              r.path("IntervalSeconds").asInt(1),
              r.path("MaxAttempts").asInt(3),
              r.path("BackoffRate").asDouble(2.0),
              r.has("MaxDelaySeconds")
                  ? Optional.of(r.get("MaxDelaySeconds").asInt())
                  : Optional.empty(),
              "FULL".equals(r.path("JitterStrategy").asText())));
    }
    return out;
  }

  private static List<Catcher> catchers(JsonNode list, boolean jsonata) {
    List<Catcher> out = new ArrayList<>();
    for (JsonNode c : list) {
      JsonNode assign = c.get("Assign");
      out.add(
          new Catcher(
              strings(c.path("ErrorEquals")),
              text(c, "Next"),
              PathField.of(c.get("ResultPath")),
              !jsonata && assign != null
                  ? Optional.of(PayloadTemplate.compile(assign))
                  : Optional.empty(),
              jsonata ? Optional.ofNullable(assign) : Optional.empty(),
              opt(c, "Output")));
    }
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Optional<JsonNode> opt(JsonNode node, String field) {
    return Optional.ofNullable(node.get(field));
  }

  private static Optional<ReferencePath> path(JsonNode node, String field) {
    String t = text(node, field);
    return t == null ? Optional.empty() : Optional.of(ReferencePath.compile(t));
  }
}
