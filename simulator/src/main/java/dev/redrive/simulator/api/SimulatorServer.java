package dev.redrive.simulator.api;

import com.sun.net.httpserver.HttpServer;
import dev.redrive.simulator.events.EventBus;
import dev.redrive.simulator.events.HttpEventSink;
import dev.redrive.simulator.events.JsonLinesFileSink;
import dev.redrive.simulator.service.StepFunctionsService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulator's HTTP endpoint: the Step Functions JSON 1.0 protocol, as the AWS SDKs speak it, on
 * a JDK {@link HttpServer} with a bounded pool of request threads. {@code redrive serve} runs it on
 * 127.0.0.1:8083.
 *
 * <pre>{@code
 * try (SimulatorServer server = new SimulatorServer(service).start("127.0.0.1", 0)) {
 *   SfnClient sfn = SfnClient.builder()
 *       .endpointOverride(URI.create("http://127.0.0.1:" + server.port())) ...
 * }
 * }</pre>
 */
public final class SimulatorServer implements AutoCloseable {
  /** The host {@code redrive serve} binds to. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** The port {@code redrive serve} listens on. */
  public static final int DEFAULT_PORT = 8083;

  /**
   * Request threads when none is configured: enough that activity workers long-polling
   * GetActivityTask (each holding a thread up to a minute) leave threads for other requests.
   */
  public static final int DEFAULT_THREADS =
      Math.max(32, 4 * Runtime.getRuntime().availableProcessors());

  static {
    // Without TCP_NODELAY, the JDK server's separate header and body writes meet the client's
    // delayed ACK: about 40 ms per request. Read once, when the first server is created.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final StepFunctionsService service;
  private final boolean ownsService;
  private final int threads;
  private volatile FaultInjector faults = FaultInjector.none();
  private final java.util.Map<String, com.sun.net.httpserver.HttpHandler> routes =
      new java.util.LinkedHashMap<>();
  private HttpServer server;
  private ExecutorService pool;

  /** An endpoint over the given service, with {@link #DEFAULT_THREADS} request threads. */
  public SimulatorServer(StepFunctionsService service) {
    this(service, DEFAULT_THREADS);
  }

  /**
   * An endpoint over the given service; the caller closes the service.
   *
   * @param threads request threads, at least 1
   */
  public SimulatorServer(StepFunctionsService service, int threads) {
    this(service, threads, false);
  }

  private SimulatorServer(StepFunctionsService service, int threads, boolean ownsService) {
    this.service = Objects.requireNonNull(service, "service");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    this.threads = threads;
    this.ownsService = ownsService;
  }

  /** An endpoint over a new default service, which {@link #close()} closes. */
  public SimulatorServer() {
    this(StepFunctionsService.builder().build(), DEFAULT_THREADS, true);
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

  /**
   * Serves the paths below {@code prefix} (e.g. {@code /console/}) with {@code handler} instead of
   * the Step Functions API, from {@link #start} on.
   *
   * @return this server
   * @throws IllegalStateException when already started
   */
  public synchronized SimulatorServer route(
      String prefix, com.sun.net.httpserver.HttpHandler handler) {
    if (server != null) {
      throw new IllegalStateException("routes are added before start, was started on " + port());
    }
    if (prefix == null || !prefix.startsWith("/") || prefix.equals("/")) {
      throw new IllegalArgumentException("prefix must start with / and not be /, was " + prefix);
    }
    routes.put(prefix, java.util.Objects.requireNonNull(handler, "handler"));
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
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 128);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind " + host + ":" + port, e);
    }
    AtomicInteger count = new AtomicInteger();
    pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "redrive-api-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(pool);
    server.createContext("/", new JsonProtocolHandler(new Operations(service), () -> faults));
    routes.forEach(server::createContext);
    server.start();
    return this;
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
    return server.getAddress().getPort();
  }

  /** Stops serving at once; closes the service when this server created it. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      pool.shutdownNow();
      server = null;
    }
    if (ownsService) {
      service.close();
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
