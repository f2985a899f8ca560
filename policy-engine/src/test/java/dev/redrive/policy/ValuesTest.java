package dev.redrive.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The checks of the value types and builders: each message names the field, rule and value. */
class ValuesTest {

  @Test
  void backoffBuilderRejectsEachBadValueAsItIsSet() {
    assertThatThrownBy(() -> Backoff.builder().multiplier(0.5))
        .hasMessage("multiplier must be >= 1, was 0.5");
    assertThatThrownBy(() -> Backoff.builder().multiplier(Double.NaN))
        .hasMessage("multiplier must be >= 1, was NaN");
    assertThatThrownBy(() -> Backoff.builder().initialDelay(Duration.ofSeconds(-1)))
        .hasMessage("initialDelay must be >= 0s, was -1s");
    assertThatThrownBy(() -> Backoff.builder().maxDelay(Duration.ofMillis(1500)))
        .hasMessage("maxDelay must be whole seconds, was PT1.5S");
  }

  @Test
  void matchBuilderRejectsWhatTheFormatForbids() {
    assertThatThrownBy(() -> Match.builder().statuses(List.of("FAILED", "RUNNING")))
        .hasMessage("statuses must be among FAILED, TIMED_OUT, ABORTED, was RUNNING");
    assertThatThrownBy(() -> Match.builder().errors(List.of("States.ALL", "Lambda.*")))
        .hasMessage(
            "errors must not mix States.ALL with other error names, was [States.ALL, Lambda.*]");
    assertThatThrownBy(() -> Match.builder().causes(List.of("ok", "(a)\\1")))
        .hasMessage(
            "causes[1] must be a regular expression RE2 can run, was '(a)\\1': backreferences"
                + " `\\1` are not supported: cause patterns run on RE2, which matches in linear"
                + " time");
    assertThatThrownBy(() -> Match.builder().failedStates(List.of()))
        .hasMessage("failedStates must not be empty");
  }

  @Test
  void ruleAndPolicyCheckTheirValues() {
    assertThatThrownBy(() -> Rule.builder(" ", RuleDefaults.BUILT_IN))
        .hasMessage("name must not be blank");
    assertThatThrownBy(() -> Rule.builder("r", RuleDefaults.BUILT_IN).maxRedrives(-1))
        .hasMessage("maxRedrives must be >= 0, was -1");
    Rule rule = Rule.builder("r", RuleDefaults.BUILT_IN).build();
    assertThatThrownBy(() -> new Policy(1, RuleDefaults.BUILT_IN, List.of(rule, rule)))
        .hasMessage("rule names must be unique, was r twice");
    assertThatThrownBy(() -> new Policy(2, RuleDefaults.BUILT_IN, List.of()))
        .hasMessage("version must be 1, was 2");
  }

  @Test
  void decisionAllowsADelayOnlyForARedrive() {
    assertThatThrownBy(() -> new Decision(Action.IGNORE, 5, Optional.empty(), "x"))
        .hasMessage("delaySeconds must be 0 for IGNORE, was 5");
    assertThatThrownBy(() -> Decision.redrive("r", -1, "x"))
        .hasMessage("delaySeconds must be >= 0, was -1");
  }

  @Test
  void decisionIsWrittenAsTheDesignSays() {
    assertThat(
            Decision.redrive("orders-transient", 30, "rule 'orders-transient' redrives").toJson())
        .isEqualTo(
            "{\"action\":\"REDRIVE\",\"delaySeconds\":30,\"rule\":\"orders-transient\","
                + "\"reason\":\"rule 'orders-transient' redrives\"}");
    assertThat(
            Decision.giveUp(Optional.empty(), "Execution is \"RUNNING\"\nand cannot be redriven")
                .toJson())
        .isEqualTo(
            "{\"action\":\"GIVE_UP\",\"delaySeconds\":0,\"rule\":null,"
                + "\"reason\":\"Execution is \\\"RUNNING\\\"\\nand cannot be redriven\"}");
  }

  @Test
  void problemIsFormattedAsValidatePrintsIt() {
    assertThat(
            new Problem(
                    "policy.yaml",
                    12,
                    17,
                    "rules[1].backoff.multiplier",
                    "multiplier must be >= 1, was 0.5")
                .format())
        .isEqualTo(
            "policy.yaml:12:17: rules[1].backoff.multiplier: multiplier must be >= 1, was 0.5");
    assertThat(new Problem("policy.yaml", 3, 1, "", "YAML syntax error: x").format())
        .isEqualTo("policy.yaml:3:1: YAML syntax error: x");
  }

  @Test
  void fullJitterIsReproducibleAndStaysWithinTheDelay() {
    Backoff backoff =
        Backoff.builder()
            .initialDelay(Duration.ofSeconds(10))
            .multiplier(3)
            .maxDelay(Duration.ofMinutes(5))
            .jitter(Jitter.FULL)
            .build();
    for (long seed = 0; seed < 2_000; seed++) {
      for (int count = 0; count < 6; count++) {
        long delay = backoff.delaySeconds(count, new SplittableRandom(seed));

        assertThat(delay).isBetween(0L, backoff.baseDelaySeconds(count));
        assertThat(backoff.delaySeconds(count, new SplittableRandom(seed))).isEqualTo(delay);
      }
    }
  }

  @Test
  void fullJitterReachesBothEndsOfTheRange() {
    Backoff backoff =
        Backoff.builder().initialDelay(Duration.ofSeconds(3)).jitter(Jitter.FULL).build();
    SplittableRandom random = new SplittableRandom(42);
    java.util.Set<Long> seen = new java.util.TreeSet<>();
    for (int i = 0; i < 200; i++) {
      seen.add(backoff.delaySeconds(0, random));
    }

    assertThat(seen).containsExactly(0L, 1L, 2L, 3L);
  }
}
