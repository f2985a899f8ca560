package dev.redrive.simulator.api;

import dev.redrive.simulator.events.EventBus;
import dev.redrive.simulator.events.HttpEventSink;
import dev.redrive.simulator.events.JsonLinesFileSink;
import dev.redrive.simulator.service.StepFunctionsService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The simulator's HTTP endpoint: the Step Functions JSON 1.0 protocol, as the AWS SDKs speak it, on
 * Jetty's core server (no servlets). {@code redrive serve} runs it on 127.0.0.1:8083.
 *
 * <pre>{@code
 * try (SimulatorServer server = SimulatorServer.builder(service).build().start("127.0.0.1", 0)) {
 *   SfnClient sfn = SfnClient.builder()
 *       .endpointOverride(URI.create("http://127.0.0.1:" + server.port())) ...
 * }
 * }</pre>
 *
 * <p>Built to stay responsive under hostile or careless clients:
 *
 * <ul>
 *   <li>no thread waits on a client: bodies are read as they arrive and a GetActivityTask long poll
 *       answers from a callback, so a bounded pool of {@link Builder#threads} serves any number of
 *       slow clients and waiting workers;
 *   <li>a connection silent for {@link Builder#idleTimeout} (default 30 s) is closed, also in the
 *       middle of a request's headers or body;
 *   <li>at most {@link Builder#maxConnections} (default 10,000) connections are open; more wait in
 *       the accept queue;
 *   <li>a body over {@link Builder#maxBodyBytes} (default 4 MiB) is answered with 413 {@code
 *       RequestEntityTooLargeException}, chunked or with a {@code Content-Length}.
 * </ul>
 *
 * <p>Other protocols and pages share the port through {@link Route}s: {@code
 * builder.route(Route.target("AmazonSQS.", sqsHandler)).route(Route.path("/console/", console))}.
 */
public final class SimulatorServer implements AutoCloseable {
  /** The host {@code redrive serve} binds to. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The port {@code redrive serve} listens on. */
  public static final int DEFAULT_PORT = 8083;

  /**
   * Request threads when none is configured. Waiting (long polls, slow clients) holds no thread, so
   * these only bound how many requests compute at once.
   */
  public static final int DEFAULT_THREADS =
      Math.max(32, 4 * Runtime.getRuntime().availableProcessors());

  /** Open connections at most, when not configured. */
  public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

  /** How long a connection may stay silent, when not configured. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

  /** The largest request body, when not configured: a 1 MiB definition fits with room to spare. */
  public static final int DEFAULT_MAX_BODY_BYTES = JsonProtocolHandler.MAX_BODY;

  // Threads Jetty needs besides the request threads: the acceptor and the selector.
  private static final int HOUSEKEEPING_THREADS = 4;

  private final StepFunctionsService service;
  private final boolean ownsService;
  private final int threads;
  private final int maxConnections;
  private final Duration idleTimeout;
  private final int maxBodyBytes;
  private final List<Route> routes;
  private volatile FaultInjector faults;
  private Server server;
  private ServerConnector connector;

  /** An endpoint over the given service, with the default limits. */
  public SimulatorServer(StepFunctionsService service) {
    this(builder(service));
  }

  /**
   * An endpoint over the given service; the caller closes the service.
   *
   * @param threads request threads, at least 1
   */
  public SimulatorServer(StepFunctionsService service, int threads) {
    this(builder(service).threads(threads));
  }

  /** An endpoint over a new default service, which {@link #close()} closes. */
  public SimulatorServer() {
    this(builder(StepFunctionsService.builder().build()).ownsService());
  }

  private SimulatorServer(Builder b) {
    this.service = b.service;
    this.ownsService = b.ownsService;
    this.threads = b.threads;
    this.maxConnections = b.maxConnections;
    this.idleTimeout = b.idleTimeout;
    this.maxBodyBytes = b.maxBodyBytes;
    this.routes = List.copyOf(b.routes);
    this.faults = b.faults;
  }

  /** A builder of an endpoint over the given service (which the caller closes). */
  public static Builder builder(StepFunctionsService service) {
    return new Builder(service);
  }

  /**
   * Answers calls with faults from now on, as {@code faults} chooses (e.g. throttling on half the
   * calls); {@link FaultInjector#none()} to stop. May be changed while serving.
   *
   * @return this server
   */
  public SimulatorServer faults(FaultInjector faults) {
    this.faults = Objects.requireNonNull(faults, "faults");
    return this;
  }

  /** The service behind the endpoint. */
  public StepFunctionsService service() {
    return service;
  }

  /**
   * Binds and starts serving.
   *
   * @param host the address to bind, e.g. {@code 127.0.0.1}
   * @param port the port, 0 for any free one (see {@link #port()})
   * @return this server
   * @throws UncheckedIOException when the address cannot be bound
   * @throws IllegalStateException when already started
   */
  public synchronized SimulatorServer start(String host, int port) {
    if (server != null) {
      throw new IllegalStateException("server already started on port " + port());
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
    }
    QueuedThreadPool pool =
        new QueuedThreadPool(
            threads + HOUSEKEEPING_THREADS,
            Math.min(threads + HOUSEKEEPING_THREADS, 8),
            60_000,
            // Bounded: what cannot be queued is refused (the connection closed), not piled up.
            new BlockingArrayQueue<>(1024, 1024, Math.max(1024, maxConnections)));
    pool.setName("redrive-api");
    pool.setDaemon(true);
    pool.setReservedThreads(0);
    Server jetty = new Server(pool);
    jetty.setStopTimeout(0);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector c = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
    c.setHost(host);
    c.setPort(port);
    c.setIdleTimeout(idleTimeout.toMillis());
    c.setAcceptQueueSize(1024);
    jetty.addConnector(c);
    jetty.addBean(new NetworkConnectionLimit(maxConnections, c));
    JsonProtocolHandler stepFunctions =
        new JsonProtocolHandler(
            new Operations(service),
            () -> faults,
            new RequestBody(maxBodyBytes, Math.max(16L * maxBodyBytes, 64L << 20)));
    List<Route> all = new ArrayList<>(routes);
    all.add(Route.target(Operations.TARGET_PREFIX, stepFunctions));
    jetty.setHandler(new Router(all, stepFunctions));
    try {
      jetty.start();
    } catch (IOException e) {
      stopQuietly(jetty);
      throw new UncheckedIOException("cannot bind " + host + ":" + port, e);
    } catch (Exception e) {
      stopQuietly(jetty);
      throw new IllegalStateException("cannot start the server on " + host + ":" + port, e);
    }
    server = jetty;
    connector = c;
    return this;
  }

  private static void stopQuietly(Server jetty) {
    try {
      jetty.stop();
    } catch (Exception ignored) {
      // already failing: the start's error is the one to report
    }
  }

  /**
   * The port the server listens on.
   *
   * @throws IllegalStateException when not started
   */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("server not started");
    }
    return connector.getLocalPort();
  }

  /** Stops serving at once; closes the service when this server created it. */
  @Override
  public synchronized void close() {
    if (server != null) {
      stopQuietly(server);
      server = null;
      connector = null;
    }
    if (ownsService) {
      service.close();
    }
  }

  /**
   * Configures a {@link SimulatorServer}; each value is checked as it is set.
   *
   * <pre>{@code
   * SimulatorServer server = SimulatorServer.builder(service)
   *     .threads(16)
   *     .idleTimeout(Duration.ofSeconds(10))
   *     .route(Route.path("/console/", consoleHandler))
   *     .build()
   *     .start("127.0.0.1", 8083);
   * }</pre>
   */
  public static final class Builder {
    private final StepFunctionsService service;
    private boolean ownsService;
    private int threads = DEFAULT_THREADS;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private final List<Route> routes = new ArrayList<>();
    private FaultInjector faults = FaultInjector.none();

    private Builder(StepFunctionsService service) {
      this.service = Objects.requireNonNull(service, "service");
    }

    private Builder ownsService() {
      this.ownsService = true;
      return this;
    }

    /**
     * Request threads: how many requests compute at once (default {@link
     * SimulatorServer#DEFAULT_THREADS}). Waiting requests (long polls, slow uploads) hold none.
     */
    public Builder threads(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("threads must be >= 1, was " + value);
      }
      this.threads = value;
      return this;
    }

    /**
     * Open connections at most (default {@link SimulatorServer#DEFAULT_MAX_CONNECTIONS}); more wait
     * to be accepted.
     */
    public Builder maxConnections(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxConnections must be >= 1, was " + value);
      }
      this.maxConnections = value;
      return this;
    }

    /**
     * How long a connection may stay silent, also mid-request, before it is closed (default {@link
     * SimulatorServer#DEFAULT_IDLE_TIMEOUT}). A GetActivityTask long poll is not cut by it.
     */
    public Builder idleTimeout(Duration value) {
      Objects.requireNonNull(value, "idleTimeout");
      if (value.toMillis() < 1) {
        throw new IllegalArgumentException("idleTimeout must be >= 1 ms, was " + value);
      }
      this.idleTimeout = value;
      return this;
    }

    /**
     * The largest request body in bytes (default {@link SimulatorServer#DEFAULT_MAX_BODY_BYTES});
     * more is 413.
     */
    public Builder maxBodyBytes(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be >= 1, was " + value);
      }
      this.maxBodyBytes = value;
      return this;
    }

    /**
     * Adds a route, tried in the order added, before the Step Functions protocol's own ({@code
     * AWSStepFunctions.}), which cannot be replaced.
     */
    public Builder route(Route value) {
      Objects.requireNonNull(value, "route");
      if (value.kind() == Route.Kind.TARGET && value.prefix().equals(Operations.TARGET_PREFIX)) {
        throw new IllegalArgumentException(
            "route " + value + " is the Step Functions protocol's own and cannot be replaced");
      }
      for (Route r : routes) {
        if (r.kind() == value.kind() && r.prefix().equals(value.prefix())) {
          throw new IllegalArgumentException("route " + value + " added twice");
        }
      }
      routes.add(value);
      return this;
    }

    /**
     * The faults to answer calls with from the start (default none); see {@link
     * SimulatorServer#faults}.
     */
    public Builder faults(FaultInjector value) {
      this.faults = Objects.requireNonNull(value, "faults");
      return this;
    }

    /** The server, not started yet ({@link SimulatorServer#start}). */
    public SimulatorServer build() {
      return new SimulatorServer(this);
    }
  }

  /**
   * Runs the endpoint until the process ends: {@code [--host H] [--port P] [--events-file FILE]
   * [--events-url URL]}.
   */
  public static void main(String[] args) throws InterruptedException {
    String host = DEFAULT_HOST;
    int port = DEFAULT_PORT;
    EventBus bus = new EventBus();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--host" -> host = require(args[i], value);
        case "--port" -> port = Integer.parseInt(require(args[i], value));
        case "--events-file" ->
            bus.addSink(new JsonLinesFileSink(Path.of(require(args[i], value))));
        case "--events-url" ->
            bus.addSink(
                new HttpEventSink(URI.create(require(args[i], value)), Duration.ofSeconds(5)));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    StepFunctionsService service = StepFunctionsService.builder().events(bus).build();
    SimulatorServer server = new SimulatorServer(service).start(host, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  service.close();
                  bus.close();
                  stopped.countDown();
                }));
    System.out.println("Step Functions simulator on http://" + host + ":" + server.port());
    stopped.await();
  }

  private static String require(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }
}
