package dev.redrive.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TemplateReferencesTest {
  private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

  /** A name a template walk found, and where. */
  private record Use(String name, String path) {}

  @Test
  void everyRefGetAttAndSubVariableNamesSomethingThatExists() {
    JsonNode tree = Template.tree();
    Set<String> parameters = names(tree.path("Parameters"));
    Set<String> resources = names(tree.path("Resources"));
    List<String> problems = new ArrayList<>();

    List<Use> refs = new ArrayList<>();
    List<Use> getAtts = new ArrayList<>();
    walk(tree, "", refs, getAtts);
    for (Use ref : refs) {
      if (!parameters.contains(ref.name())
          && !resources.contains(ref.name())
          && !TemplateEvaluator.PSEUDO.containsKey(ref.name())
          && !ref.name().equals("AWS::NoValue")) {
        problems.add(ref.path() + ": " + ref.name() + " is no parameter, resource or pseudo");
      }
    }
    for (Use getAtt : getAtts) {
      String[] parts = getAtt.name().split("\\.", 2);
      String type = tree.path("Resources").path(parts[0]).path("Type").asText();
      if (!TemplateEvaluator.ATTRIBUTES.getOrDefault(type, Set.of()).contains(parts[1])) {
        problems.add(getAtt.path() + ": " + getAtt.name() + " is no attribute of a resource");
      }
    }
    assertThat(problems).isEmpty();
    assertThat(refs).extracting(Use::name).contains("StateMachineArns", "AWS::AccountId");
  }

  @Test
  void everyConditionNamedIsDefined() {
    JsonNode tree = Template.tree();
    Set<String> conditions = names(tree.path("Conditions"));
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tree.path("Resources").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> resource = it.next();
      JsonNode condition = resource.getValue().get("Condition");
      if (condition != null && !conditions.contains(condition.asText())) {
        problems.add(resource.getKey() + ": no condition " + condition.asText());
      }
    }
    findFunctions(tree, "Fn::If", "", problems, conditions);
    findFunctions(tree, "Condition", "", problems, conditions);
    assertThat(problems).isEmpty();
  }

  @Test
  void everyReferenceResolvesUnderEveryCombinationOfConditions() {
    for (Map<String, String> values : Scenarios.everyCondition()) {
      TemplateEvaluator stack = Scenarios.evaluate(values);
      for (String resource : stack.existingResources()) {
        stack.properties(resource); // throws, naming the path, on a dangling reference
      }
      assertThat(stack.outputs()).as("outputs for %s", values).containsKey("LedgerTableName");
    }
  }

  @Test
  void conditionalResourcesExistExactlyWhenTheirParametersAskForThem() {
    TemplateEvaluator defaults = Scenarios.evaluate(Scenarios.minimal());
    assertThat(defaults.existingResources())
        .contains("GiveUpEventBus")
        .doesNotContain(
            "GiveUpTopic", "GiveUpEmailSubscription", "AlarmTopic", "AlarmEmailSubscription");

    TemplateEvaluator everything =
        Scenarios.evaluate(
            Scenarios.with(
                Map.of(
                    "GiveUpEventBusName", "default",
                    "NotificationEmail", "oncall@example.com",
                    "AlarmEmail", "alarms@example.com")));
    assertThat(everything.existingResources())
        .doesNotContain("GiveUpEventBus")
        .contains("GiveUpTopic", "GiveUpEmailSubscription", "AlarmTopic", "AlarmEmailSubscription");

    TemplateEvaluator existingTopic =
        Scenarios.evaluate(
            Scenarios.with(
                Map.of(
                    "NotificationEmail",
                    "oncall@example.com",
                    "NotificationTopicArn",
                    Scenarios.EXISTING_TOPIC)));
    assertThat(existingTopic.existingResources())
        .doesNotContain("GiveUpTopic")
        .contains("GiveUpEmailSubscription");
    assertThat(existingTopic.properties("GiveUpEmailSubscription").path("TopicArn").asText())
        .isEqualTo(Scenarios.EXISTING_TOPIC);
  }

  @Test
  void everyParameterIsUsed() {
    JsonNode tree = Template.tree();
    List<Use> refs = new ArrayList<>();
    walk(tree, "", refs, new ArrayList<>());
    Set<String> used = new HashSet<>();
    refs.forEach(ref -> used.add(ref.name()));
    assertThat(used).containsAll(names(tree.path("Parameters")));
  }

  @Test
  void evaluatorRejectsAReferenceToAResourceWhoseConditionIsFalse() {
    JsonNode template =
        CloudFormationYaml.read(
            String.join(
                "\n",
                "Parameters: {Email: {Type: String, Default: ''}}",
                "Conditions: {HasEmail: !Not [!Equals [!Ref Email, '']]}",
                "Resources:",
                "  Topic: {Type: 'AWS::SNS::Topic', Condition: HasEmail}",
                "  Alarm:",
                "    Type: AWS::CloudWatch::Alarm",
                "    Properties: {AlarmActions: [!Ref Topic]}"));
    TemplateEvaluator stack = new TemplateEvaluator(template, Map.of());

    assertThatThrownBy(() -> stack.properties("Alarm"))
        .isInstanceOf(UnresolvedReferenceException.class)
        .hasMessageContaining("Resources.Alarm.Properties.AlarmActions[0].Ref")
        .hasMessageContaining("condition HasEmail is false");
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /**
   * Collects Ref names and GetAtt targets everywhere, including the variables of Fn::Sub strings
   * ({@code ${X}} a Ref, {@code ${X.A}} a GetAtt), minus the Sub's own variable map's names.
   */
  private static void walk(JsonNode node, String path, List<Use> refs, List<Use> getAtts) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), path + "[" + i + "]", refs, getAtts);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    if (node.size() == 1 && node.has("Ref")) {
      refs.add(new Use(node.get("Ref").asText(), path));
      return;
    }
    if (node.size() == 1 && node.has("Fn::GetAtt")) {
      JsonNode target = node.get("Fn::GetAtt");
      getAtts.add(new Use(target.get(0).asText() + "." + target.get(1).asText(), path));
      return;
    }
    if (node.size() == 1 && node.has("Fn::Sub")) {
      JsonNode sub = node.get("Fn::Sub");
      Set<String> variables = new HashSet<>();
      String text = sub.isArray() ? sub.get(0).asText() : sub.asText();
      if (sub.isArray()) {
        sub.get(1).fieldNames().forEachRemaining(variables::add);
        walk(sub.get(1), path + ".Fn::Sub[1]", refs, getAtts);
      }
      Matcher matcher = SUB_VARIABLE.matcher(text);
      while (matcher.find()) {
        String name = matcher.group(1);
        if (variables.contains(name)) {
          continue;
        }
        if (name.contains(".") && !name.startsWith("AWS::")) {
          getAtts.add(new Use(name, path + ".Fn::Sub"));
        } else {
          refs.add(new Use(name, path + ".Fn::Sub"));
        }
      }
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      walk(field.getValue(), path + "." + field.getKey(), refs, getAtts);
    }
  }

  /** Checks the condition names used by Fn::If and the Condition function. */
  private static void findFunctions(
      JsonNode node, String function, String path, List<String> problems, Set<String> known) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        findFunctions(node.get(i), function, path + "[" + i + "]", problems, known);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    if (node.size() == 1 && node.has(function)) {
      JsonNode argument = node.get(function);
      String name = function.equals("Fn::If") ? argument.get(0).asText() : argument.asText();
      if (argument.isContainerNode() && function.equals("Condition")) {
        return; // an IAM statement's Condition block, not the function
      }
      if (!known.contains(name)) {
        problems.add(path + ": " + function + " names no condition " + name);
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      findFunctions(field.getValue(), function, path + "." + field.getKey(), problems, known);
    }
  }
}
