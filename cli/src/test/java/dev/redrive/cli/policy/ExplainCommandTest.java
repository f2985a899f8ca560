package dev.redrive.cli.policy;

import static dev.redrive.cli.Cli.resource;
import static dev.redrive.cli.Cli.run;
import static dev.redrive.cli.Cli.sample;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redrive.cli.Cli;
import org.junit.jupiter.api.Test;

class ExplainCommandTest {
  private static final String DEMO = sample("policies/demo.yaml");
  private static final String EXAMPLE = sample("policies/example.yaml");

  @Test
  void explainsTheDecisionRuleByRule() {
    Cli.Result result =
        run(
            "policy",
            "explain",
            "--policy",
            EXAMPLE,
            "--failed-state",
            "ChargeCard",
            sample("events/derived/failed-lambda-throttled.json"));

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .contains("status FAILED, redriveCount 0, redriveStatus REDRIVABLE")
        .contains("failed state ChargeCard")
        .contains("now:    2023-11-16T07:00:00Z")
        .contains("(rule orders-transient)")
        .contains("input-errors-cannot-be-fixed-by-redrive: no match")
        .contains("orders-transient: decided")
        .contains("[x] failedStates: failed state 'ChargeCard' matches 'Charge*'")
        .contains("everything-else: not reached (would match)");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void printsTheDecisionAsJson() {
    Cli.Result result =
        run(
            "policy",
            "explain",
            "--policy",
            DEMO,
            "--json",
            sample("events/captured/failed-count1.json"));

    assertThat(result.code()).isZero();
    assertThat(result.out())
        .isEqualTo(
            "{\"action\":\"REDRIVE\",\"delaySeconds\":120,\"rule\":\"permission-fixed-later\","
                + "\"reason\":\"rule 'permission-fixed-later' redrives (redrive 2 of 3) after"
                + " 2m\"}\n");
  }

  @Test
  void refusesANowOutsideYearsZeroToNineThousandNineHundredNinetyNine() {
    // Instant.MIN: it parses, then overflowed epoch milliseconds with an ArithmeticException trace.
    Cli.Result result =
        run(
            "policy",
            "explain",
            "--policy",
            DEMO,
            "--now",
            "-1000000000-01-01T00:00:00Z",
            sample("events/captured/failed-count0.json"));

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains(
            "Invalid value for option '--now': expected an instant from year 0000 to 9999, found"
                + " '-1000000000-01-01T00:00:00Z'")
        .doesNotContain("Exception");
  }

  @Test
  void nowDefaultsToTheClockAndCanBeGiven() {
    String event = sample("events/captured/failed-count0.json");

    Cli.Result atClock = run("policy", "explain", "--policy", DEMO, "--json", event);
    Cli.Result weeksLater =
        run(
            "policy",
            "explain",
            "--policy",
            DEMO,
            "--json",
            "--now",
            "2023-12-01T09:00:00+09:00",
            event);

    assertThat(atClock.out()).contains("\"action\":\"REDRIVE\"");
    assertThat(weeksLater.out())
        .contains("\"action\":\"GIVE_UP\"")
        .contains("redrivable period exceeded");
  }

  @Test
  void jitterIsSeeded() {
    String[] args = {
      "policy",
      "explain",
      "--policy",
      EXAMPLE,
      "--json",
      "--failed-state",
      "ChargeCard",
      sample("events/derived/failed-lambda-throttled.json")
    };

    Cli.Result first = run(args);
    Cli.Result again = run(args);

    assertThat(first.out()).isEqualTo(again.out()).contains("\"action\":\"REDRIVE\"");
  }

  @Test
  void aMalformedEventIsBadInput() {
    String event = sample("events/malformed/no-detail.json");

    Cli.Result result = run("policy", "explain", "--policy", DEMO, event);

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo(
            "redrive: malformed event "
                + event
                + ":1: expected an EventBridge event with a \"detail\" object, found no \"detail\"\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void anInvalidPolicyIsBadInputWithItsProblems() {
    String policy = resource("policies/invalid.yaml");

    Cli.Result result =
        run("policy", "explain", "--policy", policy, sample("events/captured/failed-count0.json"));

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("redrive: invalid policy " + policy + ":\n")
        .contains(policy + ":1:10: version: unsupported version 2");
  }

  @Test
  void aBadNowIsBadUsage() {
    Cli.Result result =
        run(
            "policy",
            "explain",
            "--policy",
            DEMO,
            "--now",
            "yesterday",
            sample("events/captured/failed-count0.json"));

    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains("expected an ISO-8601 instant such as 2023-11-16T07:00:00Z, found 'yesterday'");
  }
}
