package dev.redrive.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a valid file loads into: the rules in order, with the defaults applied field by field. */
class PolicyLoaderTest {

  private final Policy design = PolicyLoader.load(Fixtures.path("policies/design-example.yaml"));

  @Test
  void loadsTheDesignExample() {
    assertThat(design.version()).isEqualTo(1);
    assertThat(design.rules())
        .extracting(Rule::name)
        .containsExactly(
            "input-errors-cannot-be-fixed-by-redrive", "orders-transient", "everything-else");
    assertThat(design.rules())
        .extracting(Rule::action)
        .containsExactly(Action.GIVE_UP, Action.REDRIVE, Action.IGNORE);
    assertThat(design.defaults()).isEqualTo(RuleDefaults.BUILT_IN);
  }

  @Test
  void keepsEveryMatchField() {
    Match match = design.rule("orders-transient").orElseThrow().match();

    assertThat(match.stateMachines())
        .containsExactly("orders-*", "arn:aws:states:*:*:stateMachine:payments");
    assertThat(match.statuses()).containsExactly("FAILED", "TIMED_OUT");
    assertThat(match.errors()).containsExactly("Lambda.*", "States.Timeout");
    assertThat(match.causes()).containsExactly("(?i)rate exceeded");
    assertThat(match.failedStates()).containsExactly("Charge*");
    assertThat(design.rule("everything-else").orElseThrow().match())
        .isEqualTo(Match.ANY)
        .matches(Match::isEmpty);
  }

  @Test
  void appliesARulesOwnValuesOverTheDefaults() {
    Rule orders = design.rule("orders-transient").orElseThrow();

    assertThat(orders.maxRedrives()).isEqualTo(5);
    assertThat(orders.backoff())
        .isEqualTo(new Backoff(Duration.ofSeconds(30), 2, Duration.ofMinutes(10), Jitter.FULL));
    assertThat(orders.onGiveUp()).isEqualTo(OnGiveUp.NOTIFY);
  }

  @Test
  void inheritsMissingFieldsOneByOne() {
    Policy policy = PolicyLoader.load(Fixtures.path("policies/lambda-redrive.yaml"));

    Rule lambda = policy.rule("lambda-failures").orElseThrow();
    assertThat(lambda.backoff())
        .as("initialDelay from the rule; multiplier and maxDelay from defaults; jitter built in")
        .isEqualTo(new Backoff(Duration.ofSeconds(30), 3, Duration.ofHours(1), Jitter.NONE));
    assertThat(lambda.maxRedrives()).isEqualTo(3);
    Rule timeouts = policy.rule("timeouts").orElseThrow();
    assertThat(timeouts.backoff()).isEqualTo(policy.defaults().backoff());
    assertThat(timeouts.maxRedrives()).isEqualTo(1);
    assertThat(policy.rule("noisy-batch-jobs").orElseThrow().onGiveUp()).isEqualTo(OnGiveUp.SILENT);
    assertThat(policy.rule("other-failures").orElseThrow().onGiveUp()).isEqualTo(OnGiveUp.NOTIFY);
  }

  @Test
  void inheritsTheBudgetFromTheDefaultsUnlessARuleGivesItsOwn() {
    Policy policy =
        PolicyLoader.parse(
            String.join(
                "\n",
                "version: 1",
                "defaults:",
                "  budget: {maxRedrives: 100, per: 1h}",
                "rules:",
                "  - name: shared",
                "    match: {}",
                "    action: redrive",
                "  - name: own",
                "    match: {}",
                "    action: redrive",
                "    budget: {maxRedrives: 5, per: 10m}"),
            "inline");

    assertThat(policy.defaults().budget()).contains(new Budget(100, Duration.ofHours(1)));
    assertThat(policy.rule("shared").orElseThrow().budget())
        .contains(new Budget(100, Duration.ofHours(1)));
    assertThat(policy.rule("own").orElseThrow().budget())
        .contains(new Budget(5, Duration.ofMinutes(10)));
    assertThat(design.rule("orders-transient").orElseThrow().budget()).isEmpty();
  }

  @Test
  void usesTheBuiltInDefaultsWithoutADefaultsSection() {
    Policy policy =
        PolicyLoader.parse(
            "version: 1\nrules:\n  - {name: r, match: {}, action: redrive, backoff: {maxDelay: 1m}}\n",
            "inline");

    Rule rule = policy.rules().get(0);
    assertThat(policy.defaults()).isEqualTo(RuleDefaults.BUILT_IN);
    assertThat(rule.maxRedrives()).isEqualTo(3);
    assertThat(rule.backoff())
        .isEqualTo(new Backoff(Duration.ZERO, 2.0, Duration.ofMinutes(1), Jitter.NONE));
  }

  @Test
  void resolvesYamlAnchorsAliasesAndMergeKeys() {
    Policy policy = PolicyLoader.load(Fixtures.path("yaml-features/anchors-and-merge-keys.yaml"));

    Backoff standard =
        new Backoff(Duration.ofSeconds(30), 2.0, Duration.ofMinutes(10), Jitter.NONE);
    assertThat(policy.defaults().backoff()).isEqualTo(standard);
    assertThat(policy.rule("lambda").orElseThrow().backoff()).isEqualTo(standard);
    assertThat(policy.rule("lambda-jittered").orElseThrow().backoff())
        .isEqualTo(new Backoff(Duration.ofMinutes(1), 2.0, Duration.ofMinutes(10), Jitter.FULL));
    assertThat(policy.rule("lambda-jittered").orElseThrow().match().errors())
        .containsExactly("Lambda.*", "States.Timeout");
  }

  @Test
  void resolvesAliasesToScalarsAndEveryNumberFormOfYaml12() {
    Policy policy =
        PolicyLoader.load(Fixtures.path("yaml-features/scalar-anchors-and-number-forms.yaml"));

    assertThat(policy.defaults().maxRedrives()).isEqualTo(15); // 0o17
    assertThat(policy.defaults().backoff())
        .isEqualTo(new Backoff(Duration.ofSeconds(30), 10.0, Duration.ofMinutes(10), Jitter.NONE));
    Rule lambda = policy.rule("lambda").orElseThrow();
    assertThat(lambda.maxRedrives()).isEqualTo(16); // 0x10
    assertThat(lambda.backoff().multiplier()).isEqualTo(5.0); // .5e1
    assertThat(lambda.match().stateMachines()).containsExactly("lambda");
    assertThat(policy.rule("other").orElseThrow().match().errors()).containsExactly("Lambda.*");
  }

  @Test
  void acceptsAnEmptyListOfRules() {
    Policy policy = PolicyLoader.parse("version: 1\nrules: []\n", "inline");

    assertThat(policy.rules()).isEmpty();
  }

  @Test
  void tellsWhatToDoOnGiveUp() {
    Policy policy = PolicyLoader.load(Fixtures.path("policies/lambda-redrive.yaml"));

    assertThat(policy.onGiveUp(Decision.giveUp(Optional.of("noisy-batch-jobs"), "x")))
        .isEqualTo(OnGiveUp.SILENT);
    assertThat(policy.onGiveUp(Decision.giveUp(Optional.empty(), "not redrivable")))
        .as("no rule decided: the defaults")
        .isEqualTo(OnGiveUp.NOTIFY);
  }

  @Test
  void buildsTheSamePolicyInCode() {
    RuleDefaults defaults = RuleDefaults.BUILT_IN;
    Policy built =
        new Policy(
            1,
            defaults,
            List.of(
                Rule.builder("input-errors-cannot-be-fixed-by-redrive", defaults)
                    .match(
                        Match.builder()
                            .errors(
                                List.of(
                                    "States.Runtime",
                                    "States.QueryEvaluationError",
                                    "States.DataLimitExceeded"))
                            .build())
                    .action(Action.GIVE_UP)
                    .build(),
                Rule.builder("orders-transient", defaults)
                    .match(
                        Match.builder()
                            .stateMachines(
                                List.of("orders-*", "arn:aws:states:*:*:stateMachine:payments"))
                            .statuses(List.of("FAILED", "TIMED_OUT"))
                            .errors(List.of("Lambda.*", "States.Timeout"))
                            .causes(List.of("(?i)rate exceeded"))
                            .failedStates(List.of("Charge*"))
                            .build())
                    .action(Action.REDRIVE)
                    .maxRedrives(5)
                    .backoff(
                        Backoff.builder()
                            .initialDelay(Duration.ofSeconds(30))
                            .multiplier(2)
                            .maxDelay(Duration.ofMinutes(10))
                            .jitter(Jitter.FULL)
                            .build())
                    .build(),
                Rule.builder("everything-else", defaults).action(Action.IGNORE).build()));

    assertThat(built).isEqualTo(design);
  }
}
