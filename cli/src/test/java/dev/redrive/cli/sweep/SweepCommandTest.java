package dev.redrive.cli.sweep;

import static dev.redrive.cli.Cli.resource;
import static dev.redrive.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.cli.Cli;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code redrive sweep} against {@code redrive serve} over HTTP, with the real SfnClient. */
class SweepCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String POLICY = resource("sweep/sweep-policy.yaml");

  LocalServe serve;
  String machine;
  String throttled;
  String inputError;
  String other;

  @BeforeEach
  void failThreeExecutions() throws Exception {
    serve = new LocalServe();
    machine = serve.failingMachine("orders");
    throttled = serve.fail(machine, "throttled", "Lambda.TooManyRequestsException");
    inputError = serve.fail(machine, "input-error", "States.Runtime");
    other = serve.fail(machine, "other", "Orders.OutOfStock");
    for (String arn : List.of(throttled, inputError, other)) {
      serve.awaitFailed(arn, 0);
    }
  }

  @AfterEach
  void stopServing() throws Exception {
    serve.close();
  }

  static List<JsonNode> lines(String text) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : text.lines().toList()) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  @Test
  void aDryRunDecidesEveryFailedExecutionAndChangesNothing() throws Exception {
    Cli.Result result =
        run("sweep", "--policy", POLICY, "--endpoint", serve.endpoint.toString(), "--json");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(lines(result.out()))
        .extracting(
            l -> l.get("executionArn").asText(),
            l -> l.get("status").asText(),
            l -> l.get("error").asText(),
            l -> l.get("action").asText(),
            l -> l.get("delaySeconds").asLong(),
            l -> l.get("rule").asText(),
            l -> l.get("taken").asBoolean())
        .containsExactlyInAnyOrder(
            tuple(
                throttled,
                "FAILED",
                "Lambda.TooManyRequestsException",
                "REDRIVE",
                30L,
                "throttled",
                false),
            tuple(inputError, "FAILED", "States.Runtime", "GAVE_UP", 0L, "input-errors", false),
            tuple(other, "FAILED", "Orders.OutOfStock", "IGNORED", 0L, "everything-else", false));
    assertThat(result.err())
        .contains("swept 3 of 3 executions")
        .contains("dry run: nothing was changed");
    for (String arn : List.of(throttled, inputError, other)) {
      assertThat(serve.describe(arn).redriveCount()).isZero();
    }
  }

  @Test
  void applyRedrivesNowWhatThePolicySaysAndASecondSweepRedrivesNothingTwice() throws Exception {
    Cli.Result first =
        run("sweep", "--policy", POLICY, "--endpoint", serve.endpoint.toString(), "--apply");

    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out())
        .containsPattern(
            "FAILED\\s+0\\s+REDRIVE\\s+30s\\s+throttled\\s+Lambda.TooManyRequestsException\\s+"
                + throttled)
        .containsPattern("GAVE_UP\\*\\s+-\\s+input-errors")
        .contains("give-ups are reported, not published");
    // The redriven execution runs its Fail state again: it fails at redriveCount 1.
    serve.awaitFailed(throttled, 1);
    assertThat(serve.describe(inputError).redriveCount()).isZero();
    assertThat(serve.describe(other).redriveCount()).isZero();

    Cli.Result second =
        run(
            "sweep",
            "--policy",
            POLICY,
            "--endpoint",
            serve.endpoint.toString(),
            "--apply",
            "--json");

    assertThat(second.code()).as(second.err()).isZero();
    assertThat(lines(second.out()))
        .filteredOn(l -> l.get("executionArn").asText().equals(throttled))
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.get("redriveCount").asInt()).isEqualTo(1);
              assertThat(l.get("action").asText()).isEqualTo("GAVE_UP");
              assertThat(l.get("detail").asText()).contains("limit");
            });
    assertThat(lines(second.out())).noneMatch(l -> l.get("action").asText().equals("REDRIVE"));
    assertThat(serve.describe(throttled).redriveCount()).isEqualTo(1);
  }

  @Test
  void findsTheStateMachineByNameAndFiltersByStatus() throws Exception {
    String aborted = serve.failingMachine("elsewhere");
    serve.fail(aborted, "x", "Lambda.TooManyRequestsException");

    Cli.Result result =
        run(
            "sweep",
            "--policy",
            POLICY,
            "--endpoint",
            serve.endpoint.toString(),
            "--state-machine",
            "orders",
            "--status",
            "FAILED,TIMED_OUT",
            "--json");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(lines(result.out()))
        .extracting(l -> l.get("executionArn").asText())
        .containsExactlyInAnyOrder(throttled, inputError, other);
  }

  @Test
  void refusesBadInputWithTheReason() {
    String endpoint = serve.endpoint.toString();
    assertBad(
        run("sweep", "--policy", POLICY, "--endpoint", endpoint, "--since", "yesterday"),
        "redrive: --since: expected a duration such as 30m, 24h, 7d or PT6H, or an ISO-8601"
            + " instant such as 2026-12-01T00:00:00Z, found 'yesterday'");
    assertBad(
        run(
            "sweep",
            "--policy",
            POLICY,
            "--endpoint",
            endpoint,
            "--state-machine",
            "arn:aws:states:us-east-1:123:stateMachine:orders"),
        "redrive: --state-machine: expected a state machine name or an ARN such as"
            + " arn:aws:states:us-east-1:123456789012:stateMachine:orders, found"
            + " 'arn:aws:states:us-east-1:123:stateMachine:orders'");
    assertBad(
        run("sweep", "--policy", POLICY, "--endpoint", endpoint, "--apply", "--ledger-table", "x"),
        "redrive: --ledger-table: expected a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -),"
            + " found 'x'");
    assertBad(
        run("sweep", "--policy", POLICY, "--endpoint", endpoint, "--status", "RUNNING"),
        "redrive: --status: expected FAILED, TIMED_OUT or ABORTED, found 'RUNNING'");
    assertBad(
        run("sweep", "--policy", POLICY, "--endpoint", endpoint, "--state-machine", "payments"),
        "redrive: --state-machine: no state machine named 'payments'; there are: orders");
    assertBad(
        run(
            "sweep",
            "--policy",
            POLICY,
            "--endpoint",
            endpoint,
            "--state-machine",
            "arn:aws:states:us-east-1:123456789012:stateMachine:payments"),
        "redrive: --state-machine: ");
    assertBad(
        run("sweep", "--policy", POLICY, "--endpoint", "localhost:8083"),
        "redrive: --endpoint: expected an http or https URL such as http://127.0.0.1:8083, found"
            + " 'localhost:8083'");
    for (String arn : List.of(throttled, inputError, other)) {
      assertThat(serve.describe(arn).redriveCount()).isZero();
    }
  }

  static void assertBad(Cli.Result result, String message) {
    assertThat(result.code()).as(result.err()).isEqualTo(2);
    assertThat(result.err()).startsWith(message);
    assertThat(result.out()).isEmpty();
  }
}
