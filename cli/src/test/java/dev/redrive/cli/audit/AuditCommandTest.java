package dev.redrive.cli.audit;

import static dev.redrive.cli.Cli.resource;
import static dev.redrive.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.cli.Cli;
import dev.redrive.cli.sweep.LocalServe;
import dev.redrive.functions.ledger.DynamoDbLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code redrive audit} against DynamoDB Local over HTTP, reading what {@code redrive sweep --apply
 * --ledger-table} recorded against {@code redrive serve}.
 */
class AuditCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String POLICY = resource("sweep/sweep-policy.yaml");

  static DynamoDbLocal dynamo;
  static LocalServe serve;
  static String machine;
  static String throttled;
  static String inputError;
  static String other;
  static String alreadyDone;
  static Cli.Result sweep;

  @BeforeAll
  static void sweepWithTheLedger() throws Exception {
    dynamo = new DynamoDbLocal();
    dynamo.createLedger("redrive-ledger");
    serve = new LocalServe();
    machine = serve.failingMachine("orders");
    throttled = serve.fail(machine, "throttled", "Lambda.TooManyRequestsException");
    inputError = serve.fail(machine, "input-error", "States.Runtime");
    other = serve.fail(machine, "other", "Orders.OutOfStock");
    alreadyDone = serve.fail(machine, "already-done", "Lambda.TooManyRequestsException");
    for (String arn : List.of(throttled, inputError, other, alreadyDone)) {
      serve.awaitFailed(arn, 0);
    }
    // The controller redrove this one at redriveCount 0 already (its claim is complete).
    DynamoDbLedger ledger = new DynamoDbLedger(dynamo.client, "redrive-ledger");
    ledger.claim(alreadyDone, 0, Instant.now());
    ledger.complete(alreadyDone, 0, Instant.now());

    sweep =
        run(
            "sweep",
            "--policy",
            POLICY,
            "--endpoint",
            serve.endpoint.toString(),
            "--apply",
            "--ledger-table",
            "redrive-ledger",
            "--dynamodb-endpoint",
            dynamo.endpoint.toString(),
            "--json");
  }

  @AfterAll
  static void stop() throws Exception {
    serve.close();
    dynamo.close();
  }

  static List<JsonNode> lines(String text) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : text.lines().toList()) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  String[] audit(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "audit",
                "--ledger-table",
                "redrive-ledger",
                "--dynamodb-endpoint",
                dynamo.endpoint.toString()));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void aSweepWithTheLedgerSkipsWhatTheLedgerSaysWasRedriven() throws Exception {
    assertThat(sweep.code()).as(sweep.err()).isZero();
    assertThat(lines(sweep.out()))
        .filteredOn(l -> l.get("executionArn").asText().equals(alreadyDone))
        .singleElement()
        .satisfies(l -> assertThat(l.get("action").asText()).isEqualTo("DUPLICATE"));
    assertThat(serve.describe(alreadyDone).redriveCount()).isZero();
    serve.awaitFailed(throttled, 1);
  }

  @Test
  void listsEveryDecisionNewestFirst() throws Exception {
    Cli.Result result = run(audit("--json"));

    assertThat(result.code()).as(result.err()).isZero();
    List<JsonNode> decisions = lines(result.out());
    assertThat(decisions)
        .extracting(
            d -> d.get("executionArn").asText(),
            d -> d.get("action").asText(),
            d -> d.get("taken").asBoolean(),
            d -> d.get("rule").asText())
        .containsExactlyInAnyOrder(
            tuple(throttled, "REDRIVE", true, "throttled"),
            tuple(inputError, "GAVE_UP", false, "input-errors"),
            tuple(other, "IGNORED", true, "everything-else"),
            tuple(alreadyDone, "DUPLICATE", true, "throttled"));
    List<Instant> when =
        decisions.stream().map(d -> Instant.parse(d.get("decidedAt").asText())).toList();
    for (int i = 1; i < when.size(); i++) {
      assertThat(when.get(i)).isBeforeOrEqualTo(when.get(i - 1));
    }
    JsonNode redrive =
        decisions.stream()
            .filter(d -> d.get("action").asText().equals("REDRIVE"))
            .findFirst()
            .orElseThrow();
    assertThat(redrive.get("delaySeconds").asLong()).isEqualTo(30);
  }

  @Test
  void narrowsToOneExecutionOrOneStateMachineSinceAnInstant() throws Exception {
    Cli.Result one = run(audit("--execution", inputError));
    assertThat(one.code()).as(one.err()).isZero();
    assertThat(one.out())
        .startsWith("WHEN")
        .contains("GAVE_UP", "input-errors", inputError)
        .doesNotContain(throttled)
        .endsWith("\n1 decision\n");

    Cli.Result byName = run(audit("--state-machine", "orders", "--json"));
    assertThat(lines(byName.out())).hasSize(4);
    Cli.Result byArn = run(audit("--state-machine", machine, "--json"));
    assertThat(lines(byArn.out())).hasSize(4);
    Cli.Result none = run(audit("--state-machine", "payments", "--json"));
    assertThat(none.out()).isEmpty();

    Cli.Result future = run(audit("--since", "2100-01-01T00:00:00Z", "--json"));
    assertThat(future.code()).isZero();
    assertThat(future.out()).isEmpty();
  }

  @Test
  void refusesBadInputWithTheReason() {
    Cli.Result table = run("audit", "--ledger-table", "x");
    assertThat(table.code()).isEqualTo(2);
    assertThat(table.err())
        .startsWith(
            "redrive: --ledger-table: expected a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -),"
                + " found 'x'");

    Cli.Result arn = run(audit("--execution", "order-1"));
    assertThat(arn.code()).isEqualTo(2);
    assertThat(arn.err()).startsWith("redrive: --execution: expected an execution ARN such as");

    Cli.Result since = run(audit("--since", "last week"));
    assertThat(since.code()).isEqualTo(2);
    assertThat(since.err()).startsWith("redrive: --since: expected a duration");

    Cli.Result missing =
        run(
            "audit",
            "--ledger-table",
            "no-such-table",
            "--dynamodb-endpoint",
            dynamo.endpoint.toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).startsWith("redrive: --ledger-table: no table 'no-such-table'");

    Cli.Result both = run(audit("--execution", throttled, "--state-machine", "orders"));
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
  }
}
