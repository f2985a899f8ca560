package dev.redrive.cli.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.cli.AwsClients;
import dev.redrive.cli.BadInputException;
import dev.redrive.cli.ExitCodes;
import dev.redrive.cli.Since;
import dev.redrive.functions.ledger.AuditRecord;
import dev.redrive.functions.ledger.DynamoDbAuditTrail;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * {@code redrive audit --ledger-table T [--execution ARN | --state-machine NAME_OR_ARN] [--since D]
 * [--json]}: the decisions the controller recorded in its ledger, newest first.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = {
      "The decisions the controller (and redrive sweep --apply) recorded in the ledger, newest"
          + " first: when, action (REDRIVE, GAVE_UP, IGNORED, DELAYED, DUPLICATE, SUPERSEDED,"
          + " NOT_REDRIVABLE, DEFERRED), whether it was taken (not in shadow mode), rule, delay,"
          + " redriveCount, execution and reason. Reads the whole table (a DynamoDB Scan).",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the decisions were read (there may be none)",
      "2:bad usage or bad input (table name, ARN, duration), or the table cannot be read"
    })
public final class AuditCommand implements Callable<Integer> {
  static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
  static final Pattern EXECUTION_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:execution:[^:\\s]{1,80}:[^:\\s]{1,80}");
  static final Pattern STATE_MACHINE_ARN =
      Pattern.compile("(arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}):stateMachine:([^:\\s]{1,80})");
  static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/]{1,80}");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROW = "%-24s  %-14s  %-5s  %-24s  %6s  %8s  %s  %s%n";

  private final Clock clock;

  @Spec private CommandSpec spec;

  @Option(
      names = "--ledger-table",
      required = true,
      paramLabel = "TABLE",
      description = "the controller's ledger (the stack's LedgerTableName output)")
  private String table;

  @ArgGroup(exclusive = true)
  private Scope scope = new Scope();

  static final class Scope {
    @Option(names = "--execution", paramLabel = "ARN", description = "only this execution")
    String execution;

    @Option(
        names = "--state-machine",
        paramLabel = "NAME_OR_ARN",
        description = "only the executions of this state machine")
    String stateMachine;
  }

  @Option(
      names = "--since",
      paramLabel = "DURATION_OR_ISO",
      description = "only decisions taken since then: 24h, 7d, or 2026-12-01T00:00:00Z")
  private String since;

  @Option(
      names = "--dynamodb-endpoint",
      paramLabel = "URL",
      description = "the DynamoDB endpoint, e.g. DynamoDB Local (default: AWS)")
  private String endpoint;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "the region (default: the AWS CLI's, or us-east-1 with --dynamodb-endpoint)")
  private String region;

  @Option(names = "--json", description = "one JSON object per decision instead of the table")
  private boolean json;

  public AuditCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    if (!TABLE.matcher(table).matches()) {
      throw new BadInputException(
          "--ledger-table: expected a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -), found '"
              + table
              + "'");
    }
    Optional<String> prefix = Optional.empty();
    Optional<String> contains = Optional.empty();
    if (scope.execution != null) {
      if (!EXECUTION_ARN.matcher(scope.execution).matches()) {
        throw new BadInputException(
            "--execution: expected an execution ARN such as"
                + " arn:aws:states:us-east-1:123456789012:execution:orders:order-1, found '"
                + scope.execution
                + "'");
      }
      prefix = Optional.of(scope.execution + "#");
    } else if (scope.stateMachine != null) {
      Matcher arn = STATE_MACHINE_ARN.matcher(scope.stateMachine);
      if (arn.matches()) {
        prefix = Optional.of(arn.group(1) + ":execution:" + arn.group(2) + ":");
      } else if (NAME.matcher(scope.stateMachine).matches()
          && !scope.stateMachine.startsWith("arn")) {
        contains = Optional.of(":execution:" + scope.stateMachine + ":");
      } else {
        throw new BadInputException(
            "--state-machine: expected a state machine name or an ARN such as"
                + " arn:aws:states:us-east-1:123456789012:stateMachine:orders, found '"
                + scope.stateMachine
                + "'");
      }
    }
    Optional<Instant> from = Optional.ofNullable(since).map(s -> Since.parse(s, clock));
    Optional<URI> dynamoEndpoint =
        Optional.ofNullable(endpoint).map(e -> AwsClients.endpoint("--dynamodb-endpoint", e));
    Optional<Region> awsRegion = Optional.ofNullable(region).map(AwsClients::region);

    List<AuditRecord> records;
    try (DynamoDbClient dynamo =
        AwsClients.configure(DynamoDbClient.builder(), dynamoEndpoint, awsRegion)
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      records = new DynamoDbAuditTrail(dynamo, table).read(prefix, contains, from);
    } catch (ResourceNotFoundException e) {
      throw new BadInputException("--ledger-table: no table '" + table + "'", e);
    } catch (DynamoDbException e) {
      throw new BadInputException(
          "cannot read the ledger table '" + table + "': " + e.awsErrorDetails().errorMessage(), e);
    } catch (SdkException e) {
      throw new BadInputException(
          "cannot reach DynamoDB"
              + dynamoEndpoint.map(u -> " at " + u).orElse("")
              + ": "
              + e.getMessage(),
          e);
    }
    print(records, spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  private void print(List<AuditRecord> records, PrintWriter out) {
    if (!json) {
      out.printf(
          ROW, "WHEN", "ACTION", "TAKEN", "RULE", "DELAY", "REDRIVES", "EXECUTION", "REASON");
    }
    for (AuditRecord r : records) {
      if (json) {
        ObjectNode line = JSON.createObjectNode();
        line.put("decidedAt", r.decidedAt().toString());
        line.put("executionArn", r.executionArn());
        line.put("redriveCount", r.redriveCount());
        line.put("status", r.status());
        line.put("action", r.action());
        line.put("taken", r.taken());
        line.put("rule", r.rule().orElse(null));
        line.put("delaySeconds", r.delaySeconds());
        line.put("reason", r.reason());
        out.println(line);
      } else {
        out.printf(
            ROW,
            r.decidedAt(),
            r.action(),
            r.taken() ? "yes" : "no",
            r.rule().orElse("-"),
            r.delaySeconds() == 0 ? "-" : r.delaySeconds() + "s",
            r.redriveCount(),
            r.executionArn(),
            r.reason());
      }
    }
    if (!json) {
      out.println();
      out.println(records.size() + (records.size() == 1 ? " decision" : " decisions"));
    }
    out.flush();
  }
}
