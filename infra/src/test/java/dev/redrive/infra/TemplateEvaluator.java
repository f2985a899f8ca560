package dev.redrive.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a template's intrinsic functions for one set of parameter values, the way
 * CloudFormation would: conditions are decided, resources whose condition is false do not exist,
 * {@code Fn::If} takes one branch, {@code AWS::NoValue} removes the property or list element.
 *
 * <p>References to resources cannot have their deployed values here, so they evaluate to
 * placeholders: {@code Ref X} to {@code <X>}, {@code Fn::GetAtt [X, A]} to {@code <X.A>}. A
 * reference to a parameter, pseudo parameter, resource or attribute that does not exist, or to a
 * resource whose condition is false in this evaluation, throws {@link UnresolvedReferenceException}
 * with the path where it was found.
 */
final class TemplateEvaluator {
  /** Pseudo parameters and the sample values they take here. */
  static final Map<String, String> PSEUDO =
      Map.of(
          "AWS::AccountId", "123456789012",
          "AWS::Partition", "aws",
          "AWS::Region", "us-east-1",
          "AWS::StackName", "redrive",
          "AWS::StackId",
              "arn:aws:cloudformation:us-east-1:123456789012:stack/redrive/"
                  + "00000000-0000-0000-0000-000000000000",
          "AWS::URLSuffix", "amazonaws.com");

  /** The attributes {@code Fn::GetAtt} may read, per resource type used by the template. */
  static final Map<String, Set<String>> ATTRIBUTES =
      Map.ofEntries(
          Map.entry("AWS::SQS::Queue", Set.of("Arn", "QueueName", "QueueUrl")),
          Map.entry("AWS::DynamoDB::Table", Set.of("Arn", "StreamArn")),
          Map.entry("AWS::Events::Rule", Set.of("Arn")),
          Map.entry("AWS::Events::EventBus", Set.of("Arn", "Name")),
          Map.entry("AWS::SNS::Topic", Set.of("TopicArn", "TopicName")),
          Map.entry("AWS::Logs::LogGroup", Set.of("Arn")),
          Map.entry("AWS::IAM::Role", Set.of("Arn", "RoleId")),
          Map.entry("AWS::Serverless::Function", Set.of("Arn")),
          Map.entry("AWS::CloudWatch::Alarm", Set.of("Arn")));

  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]*)}");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode template;
  private final Map<String, JsonNode> parameters = new LinkedHashMap<>();
  private final Map<String, Boolean> conditions = new HashMap<>();

  /**
   * @param values parameter values as a user gives them (a CommaDelimitedList as one string with
   *     commas); parameters not given take their Default
   * @throws IllegalArgumentException for an unknown parameter, or one without value and default
   */
  TemplateEvaluator(JsonNode template, Map<String, String> values) {
    this.template = template;
    JsonNode declared = template.path("Parameters");
    for (String name : values.keySet()) {
      if (!declared.has(name)) {
        throw new IllegalArgumentException("the template declares no parameter " + name);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = declared.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> parameter = it.next();
      String name = parameter.getKey();
      String value = values.get(name);
      if (value == null) {
        JsonNode fallback = parameter.getValue().get("Default");
        if (fallback == null) {
          throw new IllegalArgumentException(
              "parameter " + name + " has no default: give it a value");
        }
        value = fallback.asText();
      }
      if (parameter.getValue().path("Type").asText().startsWith("CommaDelimitedList")) {
        ArrayNode list = NODES.arrayNode();
        for (String item : value.split(",", -1)) {
          list.add(item);
        }
        parameters.put(name, list);
      } else {
        parameters.put(name, TextNode.valueOf(value));
      }
    }
    for (Iterator<String> it = template.path("Conditions").fieldNames(); it.hasNext(); ) {
      condition(it.next(), "Conditions");
    }
  }

  /** Whether the named condition holds. */
  boolean condition(String name) {
    return condition(name, "Condition " + name);
  }

  /** Whether the resource exists: it has no Condition, or its Condition holds. */
  boolean exists(String logicalId) {
    JsonNode resource = template.path("Resources").get(logicalId);
    if (resource == null) {
      return false;
    }
    JsonNode condition = resource.get("Condition");
    return condition == null || condition(condition.asText());
  }

  /** The logical ids of the resources that exist in this evaluation. */
  List<String> existingResources() {
    List<String> ids = new ArrayList<>();
    template.path("Resources").fieldNames().forEachRemaining(ids::add);
    ids.removeIf(id -> !exists(id));
    return ids;
  }

  /** One resource's Properties, evaluated. */
  JsonNode properties(String logicalId) {
    if (!exists(logicalId)) {
      throw new AssertionError(logicalId + " does not exist under these parameters");
    }
    String path = "Resources." + logicalId + ".Properties";
    return evaluate(template.path("Resources").path(logicalId).path("Properties"), path)
        .orElse(NODES.objectNode());
  }

  /** The Outputs whose condition holds, evaluated to their values. */
  Map<String, JsonNode> outputs() {
    Map<String, JsonNode> outputs = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Outputs").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> output = it.next();
      JsonNode condition = output.getValue().get("Condition");
      if (condition == null || condition(condition.asText())) {
        String path = "Outputs." + output.getKey() + ".Value";
        evaluate(output.getValue().path("Value"), path)
            .ifPresent(value -> outputs.put(output.getKey(), value));
      }
    }
    return outputs;
  }

  /** Evaluates a node; empty when it is {@code AWS::NoValue}. */
  Optional<JsonNode> evaluate(JsonNode node, String path) {
    if (node.isArray()) {
      ArrayNode result = NODES.arrayNode();
      for (int i = 0; i < node.size(); i++) {
        evaluate(node.get(i), path + "[" + i + "]").ifPresent(result::add);
      }
      return Optional.of(result);
    }
    if (!node.isObject()) {
      return Optional.of(node);
    }
    if (node.size() == 1) {
      String key = node.fieldNames().next();
      if (key.equals("Ref") || key.startsWith("Fn::")) {
        return function(key, node.get(key), path + "." + key);
      }
    }
    ObjectNode result = NODES.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      evaluate(field.getValue(), path + "." + field.getKey())
          .ifPresent(value -> result.set(field.getKey(), value));
    }
    return Optional.of(result);
  }

  private Optional<JsonNode> function(String name, JsonNode argument, String path) {
    switch (name) {
      case "Ref":
        return ref(argument.asText(), path);
      case "Fn::GetAtt":
        return Optional.of(
            TextNode.valueOf(getAtt(argument.get(0).asText(), argument.get(1).asText(), path)));
      case "Fn::Sub":
        return Optional.of(TextNode.valueOf(sub(argument, path)));
      case "Fn::Join":
        {
          JsonNode list = required(argument.get(1), path + "[1]");
          List<String> parts = new ArrayList<>();
          list.forEach(part -> parts.add(text(part, path)));
          return Optional.of(TextNode.valueOf(String.join(argument.get(0).asText(), parts)));
        }
      case "Fn::Split":
        {
          String text = text(required(argument.get(1), path + "[1]"), path);
          ArrayNode parts = NODES.arrayNode();
          for (String part : text.split(Pattern.quote(argument.get(0).asText()), -1)) {
            parts.add(part);
          }
          return Optional.of(parts);
        }
      case "Fn::Select":
        {
          int index = Integer.parseInt(text(required(argument.get(0), path + "[0]"), path));
          JsonNode list = required(argument.get(1), path + "[1]");
          if (index < 0 || index >= list.size()) {
            throw new UnresolvedReferenceException(
                path, "index " + index + " out of a list of " + list.size());
          }
          return Optional.of(list.get(index));
        }
      case "Fn::If":
        {
          boolean holds = condition(argument.get(0).asText(), path);
          return holds
              ? evaluate(argument.get(1), path + "[1]")
              : evaluate(argument.get(2), path + "[2]");
        }
      default:
        throw new UnresolvedReferenceException(path, "the evaluator does not know " + name);
    }
  }

  private JsonNode required(JsonNode node, String path) {
    return evaluate(node, path)
        .orElseThrow(
            () -> new UnresolvedReferenceException(path, "AWS::NoValue where a value is needed"));
  }

  private static String text(JsonNode node, String path) {
    if (node.isContainerNode()) {
      throw new UnresolvedReferenceException(path, "expected a string, found " + node);
    }
    return node.asText();
  }

  private Optional<JsonNode> ref(String name, String path) {
    if (name.equals("AWS::NoValue")) {
      return Optional.empty();
    }
    if (parameters.containsKey(name)) {
      return Optional.of(parameters.get(name));
    }
    if (PSEUDO.containsKey(name)) {
      return Optional.of(TextNode.valueOf(PSEUDO.get(name)));
    }
    requireResource(name, path);
    return Optional.of(TextNode.valueOf("<" + name + ">"));
  }

  private String getAtt(String resource, String attribute, String path) {
    requireResource(resource, path);
    String type = template.path("Resources").path(resource).path("Type").asText();
    Set<String> known = ATTRIBUTES.getOrDefault(type, Set.of());
    if (!known.contains(attribute)) {
      throw new UnresolvedReferenceException(
          path,
          type + " " + resource + " has no attribute " + attribute + " (known: " + known + ")");
    }
    return "<" + resource + "." + attribute + ">";
  }

  private void requireResource(String name, String path) {
    if (!template.path("Resources").has(name)) {
      throw new UnresolvedReferenceException(
          path, name + " is neither a parameter, a pseudo parameter nor a resource");
    }
    if (!exists(name)) {
      throw new UnresolvedReferenceException(
          path,
          name
              + " does not exist here: its condition "
              + template.path("Resources").path(name).path("Condition").asText()
              + " is false");
    }
  }

  private String sub(JsonNode argument, String path) {
    String text;
    Map<String, String> variables = new HashMap<>();
    if (argument.isArray()) {
      text = argument.get(0).asText();
      for (Iterator<Map.Entry<String, JsonNode>> it = argument.get(1).fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> variable = it.next();
        String at = path + "[1]." + variable.getKey();
        variables.put(variable.getKey(), text(required(variable.getValue(), at), at));
      }
    } else {
      text = argument.asText();
    }
    Matcher matcher = SUB_VARIABLE.matcher(text);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(2);
      String value;
      if (!matcher.group(1).isEmpty()) {
        value = "${" + name + "}";
      } else if (variables.containsKey(name)) {
        value = variables.get(name);
      } else if (name.contains(".") && !name.startsWith("AWS::")) {
        int dot = name.indexOf('.');
        value = getAtt(name.substring(0, dot), name.substring(dot + 1), path + " ${" + name + "}");
      } else {
        JsonNode resolved =
            ref(name, path + " ${" + name + "}")
                .orElseThrow(
                    () -> new UnresolvedReferenceException(path, "${AWS::NoValue} in Fn::Sub"));
        value = text(resolved, path + " ${" + name + "}");
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  private boolean condition(String name, String path) {
    Boolean known = conditions.get(name);
    if (known != null) {
      return known;
    }
    JsonNode definition = template.path("Conditions").get(name);
    if (definition == null) {
      throw new UnresolvedReferenceException(path, "no condition named " + name);
    }
    boolean value = conditionValue(definition, "Conditions." + name);
    conditions.put(name, value);
    return value;
  }

  private boolean conditionValue(JsonNode node, String path) {
    String key = node.fieldNames().next();
    JsonNode argument = node.get(key);
    switch (key) {
      case "Condition":
        return condition(argument.asText(), path);
      case "Fn::Equals":
        return text(required(argument.get(0), path + "[0]"), path)
            .equals(text(required(argument.get(1), path + "[1]"), path));
      case "Fn::Not":
        return !conditionValue(argument.get(0), path + ".Fn::Not");
      case "Fn::And":
        {
          boolean all = true;
          for (JsonNode operand : argument) {
            all &= conditionValue(operand, path + ".Fn::And");
          }
          return all;
        }
      case "Fn::Or":
        {
          boolean any = false;
          for (JsonNode operand : argument) {
            any |= conditionValue(operand, path + ".Fn::Or");
          }
          return any;
        }
      default:
        throw new UnresolvedReferenceException(path, key + " is not a condition function");
    }
  }
}
