package dev.redrive.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What {@code redrive policy explain} shows: the decision, the steps, each rule field by field. */
class ExplanationTest {
  private static final Instant NOW = Instant.parse("2023-11-16T07:00:00Z");

  private final Policy policy = PolicyLoader.load(Fixtures.path("policies/design-example.yaml"));

  private ExecutionEvent ordersEvent() throws Exception {
    JsonNode detail =
        Fixtures.YAML.readTree(
            "{stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:orders-eu',"
                + " cause: 'Rate exceeded'}");
    return Fixtures.event("test-events/failed-lambda-redrive-count-1.json", detail, null)
        .withFailedState("ChargeCard");
  }

  @Test
  void tracesEveryRuleAndGivesTheSameDecision() throws Exception {
    ExecutionEvent event = ordersEvent();

    Explanation explanation = policy.explain(event, NOW, new SplittableRandom(3));

    assertThat(explanation.decision())
        .isEqualTo(policy.decide(event, NOW, new SplittableRandom(3)));
    assertThat(explanation.rules())
        .extracting(
            Explanation.RuleTrace::rule,
            Explanation.RuleTrace::outcome,
            Explanation.RuleTrace::matches)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "input-errors-cannot-be-fixed-by-redrive", Explanation.Outcome.NOT_MATCHED, false),
            org.assertj.core.groups.Tuple.tuple(
                "orders-transient", Explanation.Outcome.DECIDED, true),
            org.assertj.core.groups.Tuple.tuple(
                "everything-else", Explanation.Outcome.NOT_REACHED, true));
    assertThat(explanation.rules().get(1).checks())
        .extracting(Explanation.Check::field)
        .containsExactly("stateMachines", "statuses", "errors", "causes", "failedStates");
    assertThat(explanation.steps())
        .anySatisfy(step -> assertThat(step).contains("redriveCount 1 < maxRedrives 5"))
        .anySatisfy(step -> assertThat(step).contains("min(30s * 2.0^1, 10m) = 60s"));
  }

  @Test
  void saysWhichFieldFailed() throws Exception {
    ExecutionEvent event = ordersEvent().withFailedState("Ship");

    Explanation explanation = policy.explain(event, NOW, new SplittableRandom(3));

    assertThat(explanation.decision().rule()).contains("everything-else");
    assertThat(explanation.rules().get(1).checks())
        .filteredOn(check -> !check.holds())
        .extracting(Explanation.Check::field, Explanation.Check::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "failedStates", "failed state 'Ship' matches none of [Charge*]"));
    assertThat(explanation.toText())
        .startsWith("IGNORE (rule everything-else): rule 'everything-else' says ignore\n")
        .contains("  orders-transient: no match\n")
        .contains("      [ ] failedStates: failed state 'Ship' matches none of [Charge*]\n");
  }

  @Test
  void namesTheStateMachinePatternThatMatched() throws Exception {
    ExecutionEvent event = ordersEvent();
    Match byNameAndArn =
        Match.builder()
            .stateMachines(List.of("orders-*", "arn:aws:states:*:*:stateMachine:orders-eu"))
            .build();
    Match byName = Match.builder().stateMachines(List.of("billing-*", "orders-*")).build();
    Match none = Match.builder().stateMachines(List.of("billing-*", "arn:*:billing")).build();

    assertThat(byNameAndArn.explain(event))
        .extracting(Explanation.Check::detail)
        .containsExactly(
            "state machine 'arn:aws:states:us-east-1:123456789012:stateMachine:orders-eu' matches"
                + " 'arn:aws:states:*:*:stateMachine:orders-eu' (ARN)");
    assertThat(byName.explain(event))
        .extracting(Explanation.Check::detail)
        .containsExactly(
            "state machine 'arn:aws:states:us-east-1:123456789012:stateMachine:orders-eu' matches"
                + " 'orders-*' (name 'orders-eu')");
    assertThat(none.explain(event))
        .extracting(Explanation.Check::holds, Explanation.Check::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                false,
                "state machine 'arn:aws:states:us-east-1:123456789012:stateMachine:orders-eu'"
                    + " (name 'orders-eu') matches none of [billing-*, arn:*:billing]"));
  }

  @Test
  void matchesAnExecutionStartedByAVersionOrAliasByThatArn() throws Exception {
    String sm = "arn:aws:states:us-east-1:123456789012:stateMachine:orders-eu";
    ExecutionEvent byAlias =
        Fixtures.event(
            "test-events/failed-lambda-redrive-count-1.json",
            Fixtures.YAML.readTree(
                "{stateMachineArn: '"
                    + sm
                    + "', stateMachineVersionArn: '"
                    + sm
                    + ":7', stateMachineAliasArn: '"
                    + sm
                    + ":live'}"),
            null);
    ExecutionEvent unqualified =
        Fixtures.event(
            "test-events/failed-lambda-redrive-count-1.json",
            Fixtures.YAML.readTree("{stateMachineArn: '" + sm + "'}"),
            null);
    Match live =
        Match.builder().stateMachines(List.of("arn:aws:states:*:*:*:orders-*:live")).build();
    Match seven = Match.builder().stateMachines(List.of("arn:*:orders-eu:7")).build();
    Match byName = Match.builder().stateMachines(List.of("orders-eu")).build();

    assertThat(live.matches(byAlias)).isTrue();
    assertThat(seven.matches(byAlias)).isTrue();
    assertThat(byName.matches(byAlias)).as("the name is the state machine's").isTrue();
    assertThat(live.matches(unqualified)).isFalse();
    assertThat(seven.matches(unqualified)).isFalse();
    assertThat(live.explain(byAlias))
        .extracting(Explanation.Check::detail)
        .containsExactly(
            "state machine '"
                + sm
                + "' started by '"
                + sm
                + ":live', which matches 'arn:aws:states:*:*:*:orders-*:live'");
  }

  @Test
  void explainsADecisionBeforeTheRules() {
    ExecutionEvent event =
        EventParser.parse(Fixtures.text("test-events/running-after-redrive-not-redrivable.json"));

    Explanation explanation = policy.explain(event, NOW, Fixtures.unusedRandom());

    assertThat(explanation.steps())
        .containsExactly("step 1: status RUNNING is not FAILED, TIMED_OUT or ABORTED: IGNORE");
    assertThat(explanation.rules())
        .extracting(Explanation.RuleTrace::outcome)
        .containsOnly(Explanation.Outcome.NOT_REACHED);
  }

  @Test
  void writesJsonWithTheDecisionOfDecide() throws Exception {
    Explanation explanation = policy.explain(ordersEvent(), NOW, new SplittableRandom(3));

    JsonNode json = Fixtures.JSON.readTree(explanation.toJson());

    assertThat(json.get("decision"))
        .isEqualTo(Fixtures.JSON.readTree(explanation.decision().toJson()));
    assertThat(json.at("/rules/1/outcome").asText()).isEqualTo("DECIDED");
    assertThat(json.at("/rules/1/checks/4/field").asText()).isEqualTo("failedStates");
    assertThat(json.at("/rules/0/checks/0/holds").asBoolean()).isFalse();
  }
}
