package dev.redrive.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Least privilege: what the controller's role and the queue's policy allow, and on what. */
class ControllerPermissionsTest {

  private static List<JsonNode> statements(TemplateEvaluator stack) {
    List<JsonNode> statements = new ArrayList<>();
    stack
        .properties("ControllerRole")
        .path("Policies")
        .forEach(policy -> policy.at("/PolicyDocument/Statement").forEach(statements::add));
    return statements;
  }

  private static Optional<JsonNode> statement(TemplateEvaluator stack, String sid) {
    return statements(stack).stream().filter(s -> s.path("Sid").asText().equals(sid)).findFirst();
  }

  private static List<String> strings(JsonNode stringOrList) {
    List<String> values = new ArrayList<>();
    if (stringOrList.isArray()) {
      stringOrList.forEach(value -> values.add(value.asText()));
    } else if (!stringOrList.isMissingNode()) {
      values.add(stringOrList.asText());
    }
    return values;
  }

  /** Every Statement of every policy document in the template, evaluated. */
  private static List<JsonNode> everyStatementInTheTemplate(TemplateEvaluator stack) {
    List<JsonNode> found = new ArrayList<>();
    for (String resource : stack.existingResources()) {
      collectStatements(stack.properties(resource), found);
    }
    return found;
  }

  private static void collectStatements(JsonNode node, List<JsonNode> found) {
    if (node.isContainerNode()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getKey().equals("Statement")) {
          field.getValue().forEach(found::add);
        } else {
          collectStatements(field.getValue(), found);
        }
      }
      if (node.isArray()) {
        node.forEach(element -> collectStatements(element, found));
      }
    }
  }

  @Test
  void noStatementAnywhereAllowsAWildcardActionOrNotAction() {
    for (Map<String, String> values : Scenarios.everyCondition()) {
      List<JsonNode> statements = everyStatementInTheTemplate(Scenarios.evaluate(values));
      assertThat(statements).hasSizeGreaterThanOrEqualTo(9);
      for (JsonNode statement : statements) {
        assertThat(statement.has("NotAction")).as("NotAction in %s", statement).isFalse();
        assertThat(statement.has("NotResource")).as("NotResource in %s", statement).isFalse();
        assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
        assertThat(strings(statement.path("Action")))
            .as("actions of %s", statement)
            .isNotEmpty()
            .allSatisfy(action -> assertThat(action).matches("[a-z0-9-]+:[A-Za-z]+"));
      }
    }
  }

  @Test
  void everyResourceOfTheRoleIsScoped() {
    for (Map<String, String> values : Scenarios.everyCondition()) {
      for (JsonNode statement : statements(Scenarios.evaluate(values))) {
        assertThat(strings(statement.path("Resource")))
            .as("resources of %s", statement.path("Sid"))
            .isNotEmpty()
            .allSatisfy(
                resource ->
                    assertThat(resource)
                        .as("a resource of this stack or one named by a parameter")
                        .doesNotContain(":*:")
                        .matches(
                            "<[A-Za-z]+\\.?[A-Za-z]*>|arn:aws:[a-z]+:us-east-1:123456789012:.+"));
      }
    }
  }

  @Test
  void stepFunctionsCallsReachOnlyTheWatchedStateMachinesExecutionsAndMapRuns() {
    TemplateEvaluator stack = Scenarios.evaluate(Scenarios.minimal());

    JsonNode executions = statement(stack, "WatchedExecutions").orElseThrow();
    assertThat(strings(executions.path("Action")))
        .containsExactlyInAnyOrder(
            "states:RedriveExecution", "states:DescribeExecution", "states:GetExecutionHistory");
    assertThat(strings(executions.path("Resource")))
        .containsExactly(
            "arn:aws:states:us-east-1:123456789012:execution:MyStateMachine-gddoyum7f:*",
            "arn:aws:states:us-east-1:123456789012:execution:orders-fulfilment:*");

    JsonNode mapRuns = statement(stack, "WatchedMapRuns").orElseThrow();
    assertThat(strings(mapRuns.path("Action"))).containsExactly("states:RedriveExecution");
    assertThat(strings(mapRuns.path("Resource")))
        .containsExactly(
            "arn:aws:states:us-east-1:123456789012:mapRun:MyStateMachine-gddoyum7f/*:*",
            "arn:aws:states:us-east-1:123456789012:mapRun:orders-fulfilment/*:*");

    assertThat(
            statements(stack).stream()
                .filter(
                    s -> strings(s.path("Action")).stream().anyMatch(a -> a.startsWith("states:")))
                .count())
        .as("no other statement grants Step Functions actions")
        .isEqualTo(2);
  }

  @Test
  void aSingleWatchedStateMachineGetsItsOwnExecutionsAndNothingMore() {
    TemplateEvaluator stack =
        Scenarios.evaluate(
            Scenarios.with(
                Map.of(
                    "StateMachineArns",
                    "arn:aws-cn:states:cn-north-1:123456789012:stateMachine:payments")));

    assertThat(strings(statement(stack, "WatchedExecutions").orElseThrow().path("Resource")))
        .containsExactly("arn:aws-cn:states:cn-north-1:123456789012:execution:payments:*");
    assertThat(strings(statement(stack, "WatchedMapRuns").orElseThrow().path("Resource")))
        .containsExactly("arn:aws-cn:states:cn-north-1:123456789012:mapRun:payments/*:*");
  }

  @Test
  void dataAndMessagingActionsStayOnTheStacksOwnResources() {
    TemplateEvaluator stack = Scenarios.evaluate(Scenarios.minimal());

    JsonNode ledger = statement(stack, "Ledger").orElseThrow();
    assertThat(strings(ledger.path("Action")))
        .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem");
    assertThat(strings(ledger.path("Resource"))).containsExactly("<LedgerTable.Arn>");

    JsonNode delayed = statement(stack, "DelayedRedrives").orElseThrow();
    assertThat(strings(delayed.path("Action"))).containsExactly("sqs:SendMessage");
    assertThat(strings(delayed.path("Resource"))).containsExactly("<RedriveQueue.Arn>");

    JsonNode consume = statement(stack, "ConsumeFailureEvents").orElseThrow();
    assertThat(strings(consume.path("Resource"))).containsExactly("<RedriveQueue.Arn>");

    JsonNode logs = statement(stack, "OwnLogs").orElseThrow();
    assertThat(strings(logs.path("Resource"))).containsExactly("<ControllerLogGroup.Arn>");
  }

  @Test
  void putsGiveUpEventsOnTheConfiguredBusOnly() {
    assertThat(
            strings(
                statement(Scenarios.evaluate(Scenarios.minimal()), "GiveUpEvents")
                    .orElseThrow()
                    .path("Resource")))
        .containsExactly("<GiveUpEventBus.Arn>");
    assertThat(
            strings(
                statement(
                        Scenarios.evaluate(Scenarios.with(Map.of("GiveUpEventBusName", "default"))),
                        "GiveUpEvents")
                    .orElseThrow()
                    .path("Resource")))
        .containsExactly("arn:aws:events:us-east-1:123456789012:event-bus/default");
  }

  @Test
  void publishesToSnsOnlyWhenThereIsATopicAndOnlyToIt() {
    assertThat(statement(Scenarios.evaluate(Scenarios.minimal()), "GiveUpMessages")).isEmpty();
    assertThat(
            statements(Scenarios.evaluate(Scenarios.minimal())).stream()
                .flatMap(s -> strings(s.path("Action")).stream())
                .filter(a -> a.startsWith("sns:")))
        .isEmpty();

    JsonNode created =
        statement(
                Scenarios.evaluate(
                    Scenarios.with(Map.of("NotificationEmail", "oncall@example.com"))),
                "GiveUpMessages")
            .orElseThrow();
    assertThat(strings(created.path("Action"))).containsExactly("sns:Publish");
    assertThat(strings(created.path("Resource"))).containsExactly("<GiveUpTopic>");

    JsonNode existing =
        statement(
                Scenarios.evaluate(
                    Scenarios.with(Map.of("NotificationTopicArn", Scenarios.EXISTING_TOPIC))),
                "GiveUpMessages")
            .orElseThrow();
    assertThat(strings(existing.path("Resource"))).containsExactly(Scenarios.EXISTING_TOPIC);
  }

  @Test
  void queuesAcceptMessagesFromTheFailureRuleOnly() {
    JsonNode policy = Scenarios.evaluate(Scenarios.minimal()).properties("RedriveQueuePolicy");

    assertThat(policy.path("Queues"))
        .hasToString("[\"<RedriveQueue>\",\"<RedriveDeadLetterQueue>\"]");
    JsonNode statements = policy.at("/PolicyDocument/Statement");
    assertThat(statements).hasSize(1);
    JsonNode statement = statements.get(0);
    assertThat(statement.at("/Principal/Service").asText()).isEqualTo("events.amazonaws.com");
    assertThat(strings(statement.path("Action"))).containsExactly("sqs:SendMessage");
    assertThat(statement.at("/Condition/ArnEquals/aws:SourceArn").asText())
        .isEqualTo("<FailureEventsRule.Arn>");
  }

  @Test
  void onlyLambdaMayAssumeTheControllerRole() {
    JsonNode trust =
        Scenarios.evaluate(Scenarios.minimal())
            .properties("ControllerRole")
            .at("/AssumeRolePolicyDocument/Statement");

    assertThat(trust).hasSize(1);
    assertThat(trust.get(0).at("/Principal/Service").asText()).isEqualTo("lambda.amazonaws.com");
    assertThat(
            Template.resource("ControllerRole").at("/Properties/ManagedPolicyArns").isMissingNode())
        .as("no managed policy widens the role")
        .isTrue();
  }
}
