package dev.redrive.cli.serve;

import dev.redrive.cli.BadInputException;
import dev.redrive.cli.ExitCodes;
import dev.redrive.cli.PolicyFiles;
import dev.redrive.console.Console;
import dev.redrive.console.ControllerDecisions;
import dev.redrive.console.JettyHandler;
import dev.redrive.functions.controller.ControllerMode;
import dev.redrive.functions.controller.ControllerSettings;
import dev.redrive.functions.local.AttachedController;
import dev.redrive.policy.Policy;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.api.FaultInjector;
import dev.redrive.simulator.api.HostedSqsHandler;
import dev.redrive.simulator.api.Route;
import dev.redrive.simulator.api.SimulatorServer;
import dev.redrive.simulator.events.EventBus;
import dev.redrive.simulator.events.HoldingSubscriber;
import dev.redrive.simulator.events.HttpEventSink;
import dev.redrive.simulator.events.JsonLinesFileSink;
import dev.redrive.simulator.integration.SdkServices;
import dev.redrive.simulator.mock.InvalidMockConfigException;
import dev.redrive.simulator.mock.MockConfig;
import dev.redrive.simulator.runtime.LocalQueues;
import dev.redrive.simulator.service.Retention;
import dev.redrive.simulator.service.StepFunctionsService;
import dev.redrive.simulator.sqs.HostedQueues;
import dev.redrive.simulator.store.SqliteStateStore;
import dev.redrive.simulator.store.StateStore;
import dev.redrive.simulator.store.StoreException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code redrive serve [--host H] [--port P] [--events-file FILE] [--events-url URL] [--mock-config
 * FILE] [--policy FILE] [--throttle RATE[:OPERATION,...]]}: the simulator's Step Functions
 * endpoint, and with {@code --policy} the controller attached to it, until interrupted.
 *
 * <p>Prints {@code Step Functions simulator on http://HOST:PORT} (and {@code controller attached
 * (policy FILE)}) on stdout once it serves; the controller's decisions are JSON lines on stderr, as
 * the Lambda writes them to CloudWatch Logs.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Step Functions simulator as an HTTP endpoint speaking the Step Functions API (point"
          + " an AWS SDK or the AWS CLI at it with an endpoint override), with a web console at"
          + " /console/ on the same port; with --policy, the"
          + " redrive controller runs attached to it and logs its decisions as JSON lines on"
          + " stderr.",
      "Runs until interrupted (Ctrl-C).",
      ""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped",
      "2:bad usage, an invalid policy or mock configuration, an unusable events file or URL, or"
          + " an address in use"
    })
public final class ServeCommand implements Callable<Integer> {
  /** How long the HTTP events sink waits for one delivery. */
  static final Duration EVENTS_URL_TIMEOUT = Duration.ofSeconds(5);

  /** Failure events kept for the controller while it is being built, at most. */
  static final int EVENTS_HELD_FOR_CONTROLLER = 10_000;

  private final Optional<CountDownLatch> stop;

  @Spec private CommandSpec spec;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description =
          "the address to listen on (default: ${DEFAULT-VALUE}); any other than a loopback"
              + " address is warned about: the API checks no signatures")
  private String host = SimulatorServer.DEFAULT_HOST;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "the port, 0 for any free one (default: ${DEFAULT-VALUE})")
  private int port = SimulatorServer.DEFAULT_PORT;

  @Option(
      names = "--events-file",
      paramLabel = "FILE",
      description =
          "append every execution status-change event to FILE, one JSON per line (created"
              + " 0600 if missing; its folder must exist)")
  private Path eventsFile;

  @Option(
      names = "--events-url",
      paramLabel = "URL",
      description = "POST every execution status-change event to URL as JSON")
  private String eventsUrl;

  @Option(
      names = "--account",
      paramLabel = "ACCOUNT_ID",
      defaultValue = "${env:AWS_ACCOUNT_ID:-111111111111}",
      description =
          "the 12-digit account id in ARNs and queue URLs (default: $AWS_ACCOUNT_ID, else"
              + " 111111111111), as Step Functions Local's AWS_ACCOUNT_ID")
  private String account;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      defaultValue = "${env:AWS_DEFAULT_REGION:-us-east-1}",
      description =
          "the region in ARNs (default: $AWS_DEFAULT_REGION, else us-east-1), as Step Functions"
              + " Local's AWS_DEFAULT_REGION")
  private String region;

  @Option(
      names = "--sqs-endpoint",
      paramLabel = "URL",
      defaultValue = "${env:SQS_ENDPOINT}",
      description =
          "call SQS there for sqs:sendMessage and aws-sdk:sqs tasks (default $SQS_ENDPOINT);"
              + " without it, serve hosts SQS queues on its own port")
  private String sqsEndpoint;

  @Option(
      names = "--sns-endpoint",
      paramLabel = "URL",
      defaultValue = "${env:SNS_ENDPOINT}",
      description = "call SNS there for sns:publish and aws-sdk:sns tasks (default $SNS_ENDPOINT)")
  private String snsEndpoint;

  @Option(
      names = "--dynamodb-endpoint",
      paramLabel = "URL",
      defaultValue = "${env:DYNAMODB_ENDPOINT}",
      description =
          "call DynamoDB there for dynamodb:*Item and aws-sdk:dynamodb tasks (default"
              + " $DYNAMODB_ENDPOINT)")
  private String dynamodbEndpoint;

  @Option(
      names = "--eventbridge-endpoint",
      paramLabel = "URL",
      defaultValue = "${env:EVENTBRIDGE_ENDPOINT}",
      description =
          "call EventBridge there for events:putEvents and aws-sdk:eventbridge tasks (default"
              + " $EVENTBRIDGE_ENDPOINT)")
  private String eventbridgeEndpoint;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      defaultValue = "${env:S3_ENDPOINT}",
      description = "call S3 there for aws-sdk:s3 tasks (default $S3_ENDPOINT)")
  private String s3Endpoint;

  @Option(
      names = "--endpoint",
      paramLabel = "SERVICE=URL",
      description =
          "call SERVICE there for aws-sdk:SERVICE:ACTION tasks (repeatable), e.g."
              + " --endpoint sfn=http://127.0.0.1:9000; only services named here or above are ever"
              + " called")
  private java.util.List<String> endpoints = new java.util.ArrayList<>();

  @Option(
      names = "--mock-config",
      paramLabel = "FILE",
      defaultValue = "${env:SFN_MOCK_CONFIG}",
      description =
          "mocked task results, in the mock configuration format of AWS Step Functions Local;"
              + " an execution started with STATE_MACHINE_ARN#TestCase uses that test case")
  private Path mockConfig;

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description = "run the redrive controller attached to the simulator with this policy")
  private Path policyFile;

  @Option(
      names = "--shadow",
      description =
          "with --policy: the controller decides, logs and counts every event but acts on nothing"
              + " (no RedriveExecution, no give-up), as CONTROLLER_MODE=shadow in the stack")
  private boolean shadow;

  @Option(
      names = "--controller-concurrency",
      paramLabel = "N",
      description =
          "with --policy: events the controller handles at once, like the function's reserved"
              + " concurrency (default: ${DEFAULT-VALUE})")
  private int controllerConcurrency = AttachedController.DEFAULT_CONCURRENCY;

  @Option(
      names = "--controller-rate",
      paramLabel = "PER_SECOND",
      description =
          "with --policy: RedriveExecution calls per second for the whole controller, like the"
              + " function's RedrivesPerSecond times its reserved concurrency (default:"
              + " ${DEFAULT-VALUE})")
  private double controllerRate = AttachedController.DEFAULT_REDRIVES_PER_SECOND;

  @Option(
      names = "--throttle",
      paramLabel = "RATE[:OPERATION,...]",
      description =
          "answer a share of the API calls with ThrottlingException (HTTP 400), as AWS does over"
              + " a quota: RATE is a fraction (0.5: about half the calls, drawn from a fixed seed)"
              + " or 1/N (every Nth call), optionally only for the operations listed, e.g."
              + " 0.5:RedriveExecution,DescribeExecution")
  private String throttle;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "keep state machines, activities, executions and their histories in DIR (created if"
              + " missing; a SQLite database) and read them back when started again on DIR")
  private Path dataDir;

  @Option(
      names = "--retain-executions",
      paramLabel = "N",
      description =
          "keep at most N finished executions, dropping the first finished first, with their"
              + " histories and map runs (default: ${DEFAULT-VALUE})")
  private long retainExecutions = Retention.DEFAULT_MAX_EXECUTIONS;

  @Option(
      names = "--retain-for",
      paramLabel = "DURATION",
      description =
          "drop finished executions this long after they stopped: 30s, 5m, 24h, 90d or ISO-8601"
              + " (default: ${DEFAULT-VALUE}, as AWS keeps closed executions)")
  private String retainFor = "90d";

  /** A command that serves until the process is interrupted; a shutdown hook stops it. */
  public ServeCommand() {
    this.stop = Optional.empty();
  }

  /** A command that serves until {@code stop} is counted down (for tests and embedding). */
  public ServeCommand(CountDownLatch stop) {
    this.stop = Optional.of(stop);
  }

  @Override
  public Integer call() throws InterruptedException {
    Optional<Policy> policy = Optional.ofNullable(policyFile).map(PolicyFiles::load);
    if (policy.isEmpty() && shadow) {
      throw new BadInputException("--shadow needs --policy: there is no controller without one");
    }
    if (controllerConcurrency < 1 || controllerConcurrency > 256) {
      throw new BadInputException(
          "--controller-concurrency must be 1 to 256, was " + controllerConcurrency);
    }
    if (!(controllerRate > 0) || Double.isInfinite(controllerRate)) {
      throw new BadInputException("--controller-rate must be > 0, was " + controllerRate);
    }
    try {
      Simulator.requireAccount(account);
      Simulator.requireRegion(region);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--account/--region: " + e.getMessage(), e);
    }
    if (port < 0 || port > 65_535) {
      throw new BadInputException("--port must be 0 to 65535, was " + port);
    }
    Optional<MockConfig> mocks = Optional.ofNullable(mockConfig).map(ServeCommand::loadMocks);
    FaultInjector faults = throttle == null ? FaultInjector.none() : throttling(throttle);
    Retention retention = retention();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<ControllerDecisionsView> shown =
        policy.map(p -> new ControllerDecisionsView(p, Clock.systemUTC()));
    try (Serving serving =
        start(
            mocks.orElse(MockConfig.empty()),
            faults,
            retention,
            policy.isPresent(),
            shown.<ControllerDecisions>map(v -> v).orElse(ControllerDecisions.NONE))) {
      if (policy.isPresent()) {
        PrintStream decisions =
            new PrintStream(new LineWriterStream(err), true, StandardCharsets.UTF_8);
        AttachedController attached =
            AttachedController.builder(policy.get())
                .endpoint(controllerEndpoint(serving.endpoint()))
                .decisionLog(decisions)
                .concurrency(controllerConcurrency)
                .redrivesPerSecond(controllerRate)
                .settings(
                    ControllerSettings.DEFAULTS.withMode(
                        shadow ? ControllerMode.SHADOW : ControllerMode.ENFORCE))
                .build();
        shown.get().attach(attached);
        serving.attach(attached, shown.get());
      }
      exposureWarning(host).ifPresent(warning -> err.println("redrive: warning: " + warning));
      err.flush();
      // Announced once everything runs: a script may start as soon as it reads these lines.
      out.println("Step Functions simulator on " + serving.endpoint());
      out.println("console on " + serving.endpoint() + Console.PREFIX);
      if (faults.isActive()) {
        out.println("injecting " + faults);
      }
      if (policy.isPresent()) {
        out.println(
            "controller attached (policy "
                + policyFile
                + (shadow ? ", shadow mode: acts on nothing" : "")
                + ")");
      }
      out.flush();
      if (stop.isPresent()) {
        stop.get().await();
      } else {
        Runtime.getRuntime().addShutdownHook(new Thread(serving::close, "redrive-serve-stop"));
        // The shutdown hook stops everything and the JVM ends: this thread waits until then.
        new CountDownLatch(1).await();
      }
    }
    return ExitCodes.OK;
  }

  /**
   * The bus with its sinks, the service and the endpoint, started; with {@code controller}, the
   * controller's subscription too, made before the endpoint accepts a call: an execution started as
   * soon as the port is open still has its failure decided.
   */
  private Serving start(
      MockConfig mocks,
      FaultInjector faults,
      Retention retention,
      boolean controller,
      ControllerDecisions decisions) {
    EventBus bus = new EventBus();
    try {
      if (eventsFile != null) {
        bus.addSink(new JsonLinesFileSink(eventsFile));
      }
      if (eventsUrl != null) {
        bus.addSink(new HttpEventSink(eventsUri(eventsUrl), EVENTS_URL_TIMEOUT));
      }
    } catch (UncheckedIOException e) {
      bus.close();
      throw new BadInputException(
          "--events-file " + eventsFile + ": " + PolicyFiles.describe(e.getCause()), e);
    } catch (IllegalArgumentException e) {
      bus.close();
      throw new BadInputException("--events-url: " + e.getMessage(), e);
    }
    StateStore store;
    try {
      store = dataDir == null ? StateStore.NONE : SqliteStateStore.open(dataDir);
    } catch (StoreException e) {
      bus.close();
      throw new BadInputException("--data-dir " + dataDir + ": " + e.getMessage(), e);
    }
    Optional<HoldingSubscriber> held =
        controller
            ? Optional.of(new HoldingSubscriber(EVENTS_HELD_FOR_CONTROLLER))
            : Optional.empty();
    Optional<EventBus.Subscription> subscription =
        held.map(h -> bus.subscribe(AttachedController.EVENT_PATTERN, h));
    // SQS queues hosted on this port (AmazonSQS.* calls), for sqs:sendMessage tasks and the workers
    // that answer their task tokens; their URLs name this endpoint once it listens.
    SdkServices services = services();
    int[] listening = {port};
    HostedQueues queues =
        new HostedQueues(
            account, region, () -> endpoint(host, listening[0]).toString(), Clock.systemUTC());
    StepFunctionsService service =
        StepFunctionsService.builder()
            .region(region)
            .account(account)
            .queues(sqsEndpoint == null ? LocalQueues.over(queues) : new LocalQueues())
            .services(services)
            .events(bus)
            .mockConfig(mocks)
            .retention(retention)
            .store(store)
            .build();
    SimulatorServer server;
    try {
      server =
          withQueues(SimulatorServer.builder(service).faults(faults), queues)
              .route(Route.path(Console.PREFIX, new JettyHandler(new Console(service, decisions))))
              .build()
              .start(host, port);
    } catch (UncheckedIOException e) {
      service.close();
      queues.close();
      services.close();
      bus.close();
      throw new BadInputException(
          "cannot listen on " + host + ":" + port + ": " + PolicyFiles.describe(e.getCause()), e);
    }
    listening[0] = server.port();
    return new Serving(
        bus,
        service,
        server,
        endpoint(host, server.port()),
        held,
        subscription,
        List.of(queues, services));
  }

  /**
   * Routes SQS's protocol to the hosted queues, unless {@code --sqs-endpoint} names another SQS.
   */
  private SimulatorServer.Builder withQueues(SimulatorServer.Builder server, HostedQueues queues) {
    return sqsEndpoint == null ? server.route(HostedSqsHandler.route(queues)) : server;
  }

  /** The services tasks may call, from the endpoint options; each URL checked. */
  private SdkServices services() {
    java.util.Map<String, URI> byService = new java.util.TreeMap<>();
    java.util.Map<String, String> named = new java.util.LinkedHashMap<>();
    named.put("sqs", sqsEndpoint);
    named.put("sns", snsEndpoint);
    named.put("dynamodb", dynamodbEndpoint);
    named.put("eventbridge", eventbridgeEndpoint);
    named.put("s3", s3Endpoint);
    for (String e : endpoints) {
      int eq = e.indexOf('=');
      if (eq < 1) {
        throw new BadInputException(
            "--endpoint: expected SERVICE=URL (e.g. sfn=http://127.0.0.1:9000), found '" + e + "'");
      }
      named.put(e.substring(0, eq).toLowerCase(java.util.Locale.ROOT), e.substring(eq + 1));
    }
    named.forEach(
        (service, url) -> {
          if (url == null || url.isEmpty()) {
            return;
          }
          URI uri;
          try {
            uri = new URI(url);
          } catch (URISyntaxException e) {
            throw new BadInputException(
                "endpoint of " + service + ": expected an http(s) URL, found '" + url + "'", e);
          }
          if (uri.getHost() == null
              || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new BadInputException(
                "endpoint of " + service + ": expected an http(s) URL, found '" + url + "'");
          }
          byService.put(service, uri);
        });
    return new SdkServices(
        byService,
        software.amazon.awssdk.regions.Region.of(region),
        SdkServices.credentials(),
        Duration.ofSeconds(60));
  }

  /** The retention options, checked. */
  private Retention retention() {
    try {
      return new Retention(retainExecutions, Retention.parseAge(retainFor));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(
          "--retain-executions "
              + retainExecutions
              + " --retain-for "
              + retainFor
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Reads a mock configuration file.
   *
   * @throws BadInputException when it cannot be read or is invalid; the message lists every problem
   */
  private static MockConfig loadMocks(Path file) {
    String text = PolicyFiles.read(file, "mock configuration");
    try {
      return MockConfig.parse(text, file.toString());
    } catch (InvalidMockConfigException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  private static FaultInjector throttling(String text) {
    try {
      return FaultInjector.parse(FaultInjector.Fault.THROTTLING, text, "--throttle", 0);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage(), e);
    }
  }

  private static URI eventsUri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("expected an http or https URL, found " + text, e);
    }
  }

  /** The URL of the endpoint as bound: {@code http://HOST:PORT}, IPv6 literals in brackets. */
  static URI endpoint(String host, int port) {
    String authority = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return URI.create("http://" + authority + ":" + port);
  }

  /**
   * The warning for an address other machines may reach: the simulator accepts any signature, so
   * whoever can connect can create, run, stop and redrive executions. Empty for a loopback address.
   */
  static Optional<String> exposureWarning(String host) {
    try {
      if (InetAddress.getByName(host).isLoopbackAddress()) {
        return Optional.empty();
      }
    } catch (UnknownHostException e) {
      // Not resolvable: binding fails and says so; there is nothing to warn about.
      return Optional.empty();
    }
    return Optional.of(
        "--host "
            + host
            + " is not a loopback address: the API checks no signatures, so anyone who can reach"
            + " this port can create, start, stop and redrive executions");
  }

  /** Where the controller calls the endpoint: through the loopback when bound to every address. */
  static URI controllerEndpoint(URI endpoint) {
    try {
      String host = endpoint.getHost();
      if (InetAddress.getByName(host).isAnyLocalAddress()) {
        return endpoint(InetAddress.getLoopbackAddress().getHostAddress(), endpoint.getPort());
      }
      return endpoint;
    } catch (UnknownHostException e) {
      return endpoint;
    }
  }
}
