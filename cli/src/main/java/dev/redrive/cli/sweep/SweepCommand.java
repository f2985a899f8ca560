package dev.redrive.cli.sweep;

import dev.redrive.cli.AwsClients;
import dev.redrive.cli.BadInputException;
import dev.redrive.cli.ExitCodes;
import dev.redrive.cli.PolicyFiles;
import dev.redrive.cli.Since;
import dev.redrive.functions.controller.ControllerMode;
import dev.redrive.functions.controller.ControllerSettings;
import dev.redrive.functions.controller.RedriveController;
import dev.redrive.functions.ledger.DynamoDbLedger;
import dev.redrive.functions.ledger.InMemoryLedger;
import dev.redrive.functions.ledger.Ledger;
import dev.redrive.functions.observe.DecisionLog;
import dev.redrive.functions.sfn.ResilienceSettings;
import dev.redrive.functions.sfn.StepFunctionsGateway;
import dev.redrive.policy.Policy;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.SfnException;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;

/**
 * {@code redrive sweep --policy FILE [--state-machine NAME_OR_ARN ...] [--since D] [--status S,...]
 * [--endpoint URL] [--region R] [--ledger-table T] [--apply] [--json]}: the executions that already
 * failed, decided with the policy as the controller decides their events; with {@code --apply},
 * redriven through the controller's own path.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
      "Decide with the policy, as the controller would have, every execution that already ended"
          + " FAILED, TIMED_OUT or ABORTED (in AWS, or on redrive serve with --endpoint): one row"
          + " each (execution, status, error, redriveCount, action, delay, rule) and a summary."
          + " A dry run: nothing changes unless --apply, which redrives what the policy says to"
          + " redrive now (delays are reported, not waited for) with the controller's guarantees:"
          + " a ledger claim with --ledger-table, the same clientToken, rate limit, retries and"
          + " circuit breaker. Give-ups are reported, never published. Ctrl-C stops after the"
          + " executions in flight.",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every execution listed was decided (and, with --apply, handled)",
      "1:some executions could not be read or handled (rows with action ERROR)",
      "2:bad usage or bad input (policy, duration, ARN, table name, endpoint)",
      "130:stopped (Ctrl-C) before the end"
    })
public final class SweepCommand implements Callable<Integer> {
  /** The exit code of a sweep stopped by Ctrl-C. */
  public static final int STOPPED = 130;

  /** RedriveExecution calls per second by default: the stack's default total (5 x 2/s). */
  public static final double DEFAULT_RATE = 10;

  static final List<String> FAILURE_STATUSES = List.of("FAILED", "TIMED_OUT", "ABORTED");
  static final Pattern STATE_MACHINE_ARN =
      Pattern.compile("arn:aws[a-z-]*:states:[a-z0-9-]+:\\d{12}:stateMachine:[^:\\s]{1,80}");
  static final Pattern NAME = Pattern.compile("[^\\s<>{}\\[\\]?*\"#%\\\\^|~`$&,;:/]{1,80}");
  static final Pattern TABLE = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
  static final int CONCURRENCY = 4;

  private final Clock clock;
  private final AtomicBoolean stop;
  private final boolean hookOnInterrupt;

  @Spec private CommandSpec spec;

  @Option(names = "--policy", required = true, paramLabel = "FILE", description = "the policy")
  private Path policyFile;

  @Option(
      names = "--state-machine",
      paramLabel = "NAME_OR_ARN",
      description = "only this state machine (repeatable; default: every Standard one)")
  private List<String> stateMachines = new ArrayList<>();

  @Option(
      names = "--since",
      paramLabel = "DURATION_OR_ISO",
      description = "only executions that stopped since then: 24h, 7d, or 2026-12-01T00:00:00Z")
  private String since;

  @Option(
      names = "--status",
      paramLabel = "STATUS[,STATUS...]",
      split = ",",
      description = "FAILED, TIMED_OUT, ABORTED (default: all three)")
  private List<String> statuses = new ArrayList<>(FAILURE_STATUSES);

  @Option(
      names = "--redrive-filter",
      paramLabel = "REDRIVEN|NOT_REDRIVEN",
      description = "only executions that were (or were never) redriven before")
  private String redriveFilter;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "the Step Functions endpoint, e.g. redrive serve's (default: AWS)")
  private String endpoint;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "the region (default: the AWS CLI's, or us-east-1 with --endpoint)")
  private String region;

  @Option(
      names = "--ledger-table",
      paramLabel = "TABLE",
      description = "with --apply: claim each redrive in the controller's ledger, and audit it")
  private String ledgerTable;

  @Option(
      names = "--dynamodb-endpoint",
      paramLabel = "URL",
      description = "the DynamoDB endpoint of --ledger-table, e.g. DynamoDB Local (default: AWS)")
  private String dynamodbEndpoint;

  @Option(
      names = "--rate",
      paramLabel = "PER_SECOND",
      description =
          "with --apply: RedriveExecution calls per second at most (default: ${DEFAULT-VALUE})")
  private double rate = DEFAULT_RATE;

  @Option(names = "--apply", description = "redrive what the policy says to redrive")
  private boolean apply;

  @Option(names = "--json", description = "one JSON object per execution instead of the table")
  private boolean json;

  /** A sweep that Ctrl-C stops cleanly. */
  public SweepCommand(Clock clock) {
    this(clock, new AtomicBoolean(), true);
  }

  /** A sweep that stops when {@code stop} is set (for tests and embedding). */
  public SweepCommand(Clock clock, AtomicBoolean stop) {
    this(clock, stop, false);
  }

  private SweepCommand(Clock clock, AtomicBoolean stop, boolean hookOnInterrupt) {
    this.clock = clock;
    this.stop = stop;
    this.hookOnInterrupt = hookOnInterrupt;
  }

  @Override
  public Integer call() throws InterruptedException {
    Policy policy = PolicyFiles.load(policyFile);
    Optional<Instant> from = Optional.ofNullable(since).map(s -> Since.parse(s, clock));
    List<String> wanted = checkedStatuses();
    Optional<String> filter = checkedRedriveFilter();
    for (String machine : stateMachines) {
      if (machine.startsWith("arn:")
          ? !STATE_MACHINE_ARN.matcher(machine).matches()
          : !NAME.matcher(machine).matches()) {
        throw new BadInputException(
            "--state-machine: expected a state machine name or an ARN such as"
                + " arn:aws:states:us-east-1:123456789012:stateMachine:orders, found '"
                + machine
                + "'");
      }
    }
    if (ledgerTable != null && !TABLE.matcher(ledgerTable).matches()) {
      throw new BadInputException(
          "--ledger-table: expected a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -), found '"
              + ledgerTable
              + "'");
    }
    if (ledgerTable != null && !apply) {
      throw new BadInputException(
          "--ledger-table is for --apply: a dry run writes nothing, not even to the ledger");
    }
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new BadInputException("--rate must be > 0, was " + rate);
    }
    Optional<URI> sfnEndpoint =
        Optional.ofNullable(endpoint).map(e -> AwsClients.endpoint("--endpoint", e));
    Optional<URI> dynamoEndpoint =
        Optional.ofNullable(dynamodbEndpoint)
            .map(e -> AwsClients.endpoint("--dynamodb-endpoint", e));
    Optional<Region> awsRegion = Optional.ofNullable(region).map(AwsClients::region);

    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> stopAndWait(finished), "redrive-sweep-stop");
    if (hookOnInterrupt) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
    SweepOutput output = new SweepOutput(out, err, json, apply, System::nanoTime);
    try (SfnClient reader = readerClient(sfnEndpoint, awsRegion);
        SfnClient acting = controllerClient(sfnEndpoint, awsRegion);
        DynamoDbClient dynamo =
            ledgerTable == null ? null : dynamoClient(dynamoEndpoint, awsRegion)) {
      Ledger ledger =
          dynamo == null ? new InMemoryLedger() : new DynamoDbLedger(dynamo, ledgerTable);
      RedriveController controller = controller(policy, acting, ledger, output, clock, rate, apply);
      Sweep sweep = new Sweep(reader, controller, output, CONCURRENCY, stop::get);
      List<String> arns = new ArrayList<>();
      for (String machine : resolve(reader)) {
        arns.addAll(sweep.list(machine, wanted, filter, from));
      }
      output.listed(arns.size());
      boolean complete = sweep.run(arns) && !stop.get();
      output.summary(!complete);
      out.flush();
      if (!complete) {
        return STOPPED;
      }
      return output.errors() > 0 ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    } catch (StateMachineDoesNotExistException e) {
      throw new BadInputException("--state-machine: " + e.awsErrorDetails().errorMessage(), e);
    } catch (SfnException e) {
      throw new BadInputException(
          "cannot list executions: " + e.awsErrorDetails().errorMessage(), e);
    } catch (SdkException e) {
      throw new BadInputException(
          "cannot reach Step Functions"
              + sfnEndpoint.map(u -> " at " + u).orElse("")
              + ": "
              + e.getMessage(),
          e);
    } finally {
      finished.countDown();
      if (hookOnInterrupt) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running: it waits for the countdown above
        }
      }
    }
  }

  /** Ctrl-C: no new execution is started; the process ends when those in flight are done. */
  private void stopAndWait(CountDownLatch finished) {
    stop.set(true);
    try {
      finished.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<String> checkedStatuses() {
    Set<String> set = new LinkedHashSet<>();
    for (String s : statuses) {
      String status = s.trim();
      if (!FAILURE_STATUSES.contains(status)) {
        throw new BadInputException(
            "--status: expected FAILED, TIMED_OUT or ABORTED, found '" + s + "'");
      }
      set.add(status);
    }
    return List.copyOf(set);
  }

  private Optional<String> checkedRedriveFilter() {
    if (redriveFilter == null) {
      return Optional.empty();
    }
    if (!redriveFilter.equals("REDRIVEN") && !redriveFilter.equals("NOT_REDRIVEN")) {
      throw new BadInputException(
          "--redrive-filter: expected REDRIVEN or NOT_REDRIVEN, found '" + redriveFilter + "'");
    }
    return Optional.of(redriveFilter);
  }

  /** The ARNs of the state machines to sweep: those named, or every Standard one. */
  private List<String> resolve(SfnClient sfn) {
    List<String> arns = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String machine : stateMachines) {
      if (machine.startsWith("arn:")) {
        arns.add(machine);
      } else {
        names.add(machine);
      }
    }
    if (!stateMachines.isEmpty() && names.isEmpty()) {
      return arns;
    }
    List<StateMachineListItem> all = new ArrayList<>();
    sfn.listStateMachinesPaginator(r -> r.maxResults(1000)).stateMachines().forEach(all::add);
    if (stateMachines.isEmpty()) {
      return all.stream()
          .filter(m -> m.type() != StateMachineType.EXPRESS)
          .map(StateMachineListItem::stateMachineArn)
          .toList();
    }
    for (String name : names) {
      Optional<StateMachineListItem> found =
          all.stream().filter(m -> m.name().equals(name)).findFirst();
      if (found.isEmpty()) {
        Set<String> known = new TreeSet<>();
        all.forEach(m -> known.add(m.name()));
        throw new BadInputException(
            "--state-machine: no state machine named '"
                + name
                + "'"
                + (known.isEmpty()
                    ? " (there are none)"
                    : "; there are: " + String.join(", ", known)));
      }
      arns.add(found.get().stateMachineArn());
    }
    return arns;
  }

  /**
   * The controller as the Lambda runs it, in shadow mode for a dry run: its gateway's retries,
   * circuit breaker and rate limit ({@code rate} RedriveExecution calls per second), a ledger, a
   * decision log that writes nowhere (the rows are the output), and neither delay queue nor
   * notifier, which a sweep never uses ({@link RedriveController#handleNow}).
   */
  static RedriveController controller(
      Policy policy,
      SfnClient sfn,
      Ledger ledger,
      SweepOutput output,
      Clock clock,
      double rate,
      boolean apply) {
    ResilienceSettings d = ResilienceSettings.DEFAULTS;
    ResilienceSettings resilience =
        new ResilienceSettings(
            8,
            d.initialBackoff(),
            d.maxBackoff(),
            rate,
            // Threads may queue for a permit behind one another: wait as long as that takes.
            Duration.ofSeconds(Math.max(10, (long) Math.ceil(4 * CONCURRENCY / rate))),
            d.breakerFailureRatePercent(),
            d.breakerOpenFor());
    DecisionLog nowhere = new DecisionLog(new PrintStream(OutputStream.nullOutputStream()));
    return new RedriveController(
        policy,
        new StepFunctionsGateway(sfn, resilience, output::throttled),
        ledger,
        (body, delay) -> {
          throw new IllegalStateException("a sweep redrives now: nothing goes to a delay queue");
        },
        (notice, message) -> {
          throw new IllegalStateException("a sweep reports give-ups: it publishes none");
        },
        nowhere,
        clock,
        new SecureRandom(),
        ControllerSettings.DEFAULTS.withMode(
            apply ? ControllerMode.ENFORCE : ControllerMode.SHADOW));
  }

  /** Lists and describes, with the SDK's retries on throttling (up to 10 attempts). */
  static SfnClient readerClient(Optional<URI> endpoint, Optional<Region> region) {
    return AwsClients.configure(SfnClient.builder(), endpoint, region)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(
            o ->
                o.retryStrategy(
                    AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(10).build()))
        .build();
  }

  /** The controller's client: no SDK retries, the gateway retries (as in the Lambda). */
  static SfnClient controllerClient(Optional<URI> endpoint, Optional<Region> region) {
    return AwsClients.configure(SfnClient.builder(), endpoint, region)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  static DynamoDbClient dynamoClient(Optional<URI> endpoint, Optional<Region> region) {
    return AwsClients.configure(DynamoDbClient.builder(), endpoint, region)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
