package dev.redrive.cli.serve;

import dev.redrive.cli.BadInputException;
import dev.redrive.cli.ExitCodes;
import dev.redrive.cli.PolicyFiles;
import dev.redrive.console.Console;
import dev.redrive.console.ControllerDecisions;
import dev.redrive.console.JdkHttpHandler;
import dev.redrive.functions.local.AttachedController;
import dev.redrive.policy.Policy;
import dev.redrive.simulator.api.FaultInjector;
import dev.redrive.simulator.api.SimulatorServer;
import dev.redrive.simulator.events.EventBus;
import dev.redrive.simulator.events.HttpEventSink;
import dev.redrive.simulator.events.JsonLinesFileSink;
import dev.redrive.simulator.mock.InvalidMockConfigException;
import dev.redrive.simulator.mock.MockConfig;
import dev.redrive.simulator.service.StepFunctionsService;
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

  private final Optional<CountDownLatch> stop;

  @Spec private CommandSpec spec;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "the address to listen on (default: ${DEFAULT-VALUE})")
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
          "append every execution status-change event to FILE, one JSON per line (created if"
              + " missing)")
  private Path eventsFile;

  @Option(
      names = "--events-url",
      paramLabel = "URL",
      description = "POST every execution status-change event to URL as JSON")
  private String eventsUrl;

  @Option(
      names = "--mock-config",
      paramLabel = "FILE",
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
      names = "--throttle",
      paramLabel = "RATE[:OPERATION,...]",
      description =
          "answer a share of the API calls with ThrottlingException (HTTP 400), as AWS does over"
              + " a quota: RATE is a fraction (0.5: about half the calls, drawn from a fixed seed)"
              + " or 1/N (every Nth call), optionally only for the operations listed, e.g."
              + " 0.5:RedriveExecution,DescribeExecution")
  private String throttle;

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
    if (port < 0 || port > 65_535) {
      throw new BadInputException("--port must be 0 to 65535, was " + port);
    }
    Optional<MockConfig> mocks = Optional.ofNullable(mockConfig).map(ServeCommand::loadMocks);
    FaultInjector faults = throttle == null ? FaultInjector.none() : throttling(throttle);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<ControllerDecisionsView> shown =
        policy.map(p -> new ControllerDecisionsView(p, Clock.systemUTC()));
    try (Serving serving =
        start(
            mocks.orElse(MockConfig.empty()),
            faults,
            shown.<ControllerDecisions>map(v -> v).orElse(ControllerDecisions.NONE))) {
      if (policy.isPresent()) {
        PrintStream decisions =
            new PrintStream(new LineWriterStream(err), true, StandardCharsets.UTF_8);
        AttachedController attached =
            AttachedController.builder(policy.get())
                .endpoint(controllerEndpoint(serving.endpoint()))
                .decisionLog(decisions)
                .build();
        shown.get().attach(attached);
        serving.attach(attached, shown.get());
      }
      // Announced once everything runs: a script may start as soon as it reads these lines.
      out.println("Step Functions simulator on " + serving.endpoint());
      out.println("console on " + serving.endpoint() + Console.PREFIX);
      if (faults.isActive()) {
        out.println("injecting " + faults);
      }
      if (policy.isPresent()) {
        out.println("controller attached (policy " + policyFile + ")");
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

  /** The bus with its sinks, the service and the endpoint, started. */
  private Serving start(MockConfig mocks, FaultInjector faults, ControllerDecisions decisions) {
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
    StepFunctionsService service =
        StepFunctionsService.builder().events(bus).mockConfig(mocks).build();
    SimulatorServer server;
    try {
      server =
          new SimulatorServer(service)
              .faults(faults)
              .route(Console.PREFIX, new JdkHttpHandler(new Console(service, decisions)))
              .start(host, port);
    } catch (UncheckedIOException e) {
      service.close();
      bus.close();
      throw new BadInputException(
          "cannot listen on " + host + ":" + port + ": " + PolicyFiles.describe(e.getCause()), e);
    }
    return new Serving(bus, service, server, endpoint(host, server.port()));
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
