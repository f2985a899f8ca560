package dev.redrive.functions.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.functions.controller.ControllerSettings;
import dev.redrive.functions.controller.Outcome;
import dev.redrive.functions.controller.RedriveController;
import dev.redrive.functions.ledger.InMemoryLedger;
import dev.redrive.functions.notify.GiveUpNotice;
import dev.redrive.functions.notify.GiveUpNotifier;
import dev.redrive.functions.observe.DecisionLog;
import dev.redrive.functions.sfn.ResilienceSettings;
import dev.redrive.functions.sfn.StepFunctionsGateway;
import dev.redrive.policy.MalformedEventException;
import dev.redrive.policy.Policy;
import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The {@link RedriveController} the Lambda runs, attached to a local Step Functions endpoint such
 * as the simulator ({@code redrive serve --policy}, {@code redrive demo}).
 *
 * <p>What AWS provides around the Lambda is replaced by local parts: a real {@link SfnClient} on
 * the url-connection HTTP client with the endpoint overridden, static dummy credentials and the
 * SDK's retries off (the controller's own resilience4j retries remain); an {@link InMemoryLedger};
 * a delay queue on a {@link ScheduledExecutorService}, so that a delayed redrive comes back to the
 * controller when its delay passes, through the same path as an SQS redelivery; a give-up notifier
 * that keeps the notices and logs one JSON line for each; the {@link DecisionLog} on a stream of
 * the caller's choice.
 *
 * <p>Events are handed over with {@link #accept} and handled on worker threads of its own ({@link
 * Builder#concurrency}; with one, in arrival order): the publisher (the simulator's execution
 * threads) never waits for the controller. A message that fails with anything but a malformed event
 * is redelivered after {@link Builder#redeliveryDelay} up to {@link Builder#maxReceives} times in
 * all, like an SQS queue with a {@code maxReceiveCount}; then it is kept in {@link #deadLetters()}.
 *
 * <p>With the simulator, subscribe to the service's {@code EventBus} with the EventBridge rule's
 * pattern before the server accepts a call, and attach the controller once the server's port is
 * known (the bus exists before the service, the controller after the server): a {@code
 * HoldingSubscriber} keeps the events published in between, which would otherwise be lost.
 *
 * <pre>{@code
 * EventBus bus = new EventBus();
 * HoldingSubscriber held = new HoldingSubscriber(10_000);
 * bus.subscribe(AttachedController.EVENT_PATTERN, held);
 * StepFunctionsService service = StepFunctionsService.builder().events(bus).build();
 * SimulatorServer server = new SimulatorServer(service).start("127.0.0.1", 0);
 * AttachedController controller =
 *     AttachedController.builder(policy)
 *         .endpoint(URI.create("http://127.0.0.1:" + server.port()))
 *         .decisionLog(System.err)
 *         .build();
 * held.attach(controller);
 * }</pre>
 *
 * Thread-safe.
 */
public final class AttachedController implements Consumer<JsonNode>, AutoCloseable {
  /**
   * The EventBridge pattern of the deployed rule: execution status changes to {@code FAILED},
   * {@code TIMED_OUT} or {@code ABORTED}. Other events are harmless (the policy ignores them) but
   * cost a decision line each.
   */
  public static final String EVENT_PATTERN =
      "{\"source\":[\"aws.states\"],"
          + "\"detail-type\":[\"Step Functions Execution Status Change\"],"
          + "\"detail\":{\"status\":[\"FAILED\",\"TIMED_OUT\",\"ABORTED\"]}}";

  /**
   * Messages handled at once by default: like the deployed function's reserved concurrency (each
   * Lambda instance handles one batch at a time).
   */
  public static final int DEFAULT_CONCURRENCY = 4;

  /**
   * RedriveExecution calls per second by default, for the whole attached controller: enough for 50
   * failing executions per second with room for their retries. The deployed function's rate is per
   * instance (SFN_REDRIVES_PER_SECOND, default 2), so its total is that times its concurrency.
   */
  public static final double DEFAULT_REDRIVES_PER_SECOND = 100;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  /**
   * A message that still failed after its last delivery: where SQS would move it to the DLQ.
   *
   * @param body the message, an event or a delayed redrive
   * @param problem the last failure, in words
   * @param receives how many times it was handled
   */
  public record DeadLetter(String body, String problem, int receives) {
    public DeadLetter {
      Objects.requireNonNull(body, "body");
      Objects.requireNonNull(problem, "problem");
    }
  }

  private final RedriveController controller;
  private final Optional<SfnClient> ownedClient;
  private final PrintStream logStream;
  private final DecisionLog log;
  private final Clock clock;
  private final Duration redeliveryDelay;
  private final int maxReceives;
  // One single-threaded lane per unit of concurrency; an execution's messages always take the
  // same lane, so they are handled one after another, in order, as with one thread.
  private final List<ExecutorService> lanes;
  private final ScheduledExecutorService timer;
  private final AtomicLong messageIds = new AtomicLong();

  // Guarded by this.
  private final List<Outcome> outcomes = new ArrayList<>();
  private final List<GiveUpNotice> giveUps = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private int pending;
  private boolean closed;

  private AttachedController(Builder b) {
    this.clock = b.clock;
    this.logStream = b.decisionLog;
    this.log = new DecisionLog(b.decisionLog);
    this.redeliveryDelay = b.redeliveryDelay;
    this.maxReceives = b.maxReceives;
    SfnClient sfn;
    if (b.sfn != null) {
      sfn = b.sfn;
      this.ownedClient = Optional.empty();
    } else {
      sfn = localClient(b.endpoint, b.region);
      this.ownedClient = Optional.of(sfn);
    }
    this.controller =
        new RedriveController(
            b.policy,
            new StepFunctionsGateway(sfn, b.resilience, () -> log.throttle(clock.instant())),
            new InMemoryLedger(),
            (body, delay) -> submit(body, 1, delay),
            this::givenUp,
            log,
            clock,
            b.random,
            b.settings);
    List<ExecutorService> workers = new ArrayList<>();
    for (int i = 0; i < b.concurrency; i++) {
      workers.add(
          Executors.newSingleThreadExecutor(
              r -> {
                Thread t = new Thread(r, "redrive-controller");
                t.setDaemon(true);
                return t;
              }));
    }
    this.lanes = List.copyOf(workers);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "redrive-controller-delays");
              t.setDaemon(true);
              return t;
            });
  }

  /** A builder for a controller deciding with {@code policy}. */
  public static Builder builder(Policy policy) {
    return new Builder(policy);
  }

  /** The SfnClient the Lambda builds, pointed at {@code endpoint} with dummy credentials. */
  static SfnClient localClient(URI endpoint, Region region) {
    return SfnClient.builder()
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(UrlConnectionHttpClient.create())
        // Step Functions calls are retried by the gateway (resilience4j), as in the Lambda.
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /**
   * Hands over one event (an EventBridge event, as the simulator publishes it); it is handled
   * later, on one of the controller's own threads. Returns at once.
   *
   * @throws IllegalStateException when the controller is closed
   */
  @Override
  public void accept(JsonNode event) {
    Objects.requireNonNull(event, "event");
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the attached controller is closed");
      }
    }
    submit(event.toString(), 1, Duration.ZERO);
  }

  /** What the controller did with every message so far, in the order it handled them. */
  public synchronized List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  /** The outcomes for one execution, in order. */
  public synchronized List<Outcome> outcomes(String executionArn) {
    return outcomes.stream().filter(o -> o.executionArn().equals(executionArn)).toList();
  }

  /** Every give-up published so far, in order. */
  public synchronized List<GiveUpNotice> giveUps() {
    return List.copyOf(giveUps);
  }

  /** Messages that were malformed or failed on every delivery, in order. */
  public synchronized List<DeadLetter> deadLetters() {
    return List.copyOf(deadLetters);
  }

  /**
   * Waits until nothing is left to do: no event queued or being handled, no delayed redrive or
   * redelivery waiting for its time. Executions that the controller redrove may still be running,
   * and their next events still to come: see {@link #awaitOutcome} to wait for one result.
   *
   * @return true when idle (or closed), false when {@code timeout} passed first
   * @throws InterruptedException when interrupted while waiting
   */
  public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending > 0 && !closed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /**
   * Waits for the first outcome, among those so far and those to come, that {@code condition} holds
   * for.
   *
   * @return that outcome, or empty when {@code timeout} passed first or the controller was closed
   * @throws InterruptedException when interrupted while waiting
   */
  public synchronized Optional<Outcome> awaitOutcome(Predicate<Outcome> condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    while (true) {
      for (; seen < outcomes.size(); seen++) {
        if (condition.test(outcomes.get(seen))) {
          return Optional.of(outcomes.get(seen));
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || closed) {
        return Optional.empty();
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /**
   * Stops: delayed redrives not yet due are dropped, the message being handled may finish (up to 5
   * s), and the SfnClient is closed when this controller built it. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      notifyAll();
    }
    int notDue = timer.shutdownNow().size();
    if (notDue > 0) {
      log.dropped(clock.instant(), notDue + " delayed messages", "not due yet when closed");
    }
    lanes.forEach(ExecutorService::shutdown);
    int unhandled = 0;
    try {
      long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
      for (ExecutorService lane : lanes) {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!lane.awaitTermination(left, TimeUnit.NANOSECONDS)) {
          unhandled += lane.shutdownNow().size();
        }
      }
    } catch (InterruptedException e) {
      for (ExecutorService lane : lanes) {
        unhandled += lane.shutdownNow().size();
      }
      Thread.currentThread().interrupt();
    }
    if (unhandled > 0) {
      log.dropped(
          clock.instant(), unhandled + " queued messages", "not handled within " + CLOSE_WAIT);
    }
    ownedClient.ifPresent(SfnClient::close);
  }

  /** The lane of the execution {@code body} is about (an event, or a delayed redrive's event). */
  private ExecutorService lane(String body) {
    if (lanes.size() == 1) {
      return lanes.get(0);
    }
    String arn = "";
    try {
      JsonNode tree = JSON.readTree(body);
      JsonNode event = tree.has("event") ? tree.get("event") : tree;
      arn = event.path("detail").path("executionArn").asText("");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // a malformed message: any lane will report it
    }
    return lanes.get(Math.floorMod(arn.hashCode(), lanes.size()));
  }

  /** Queues {@code body} for its {@code receive}-th delivery, after {@code delay}. */
  private void submit(String body, int receive, Duration delay) {
    String messageId = "local-" + messageIds.incrementAndGet();
    synchronized (this) {
      if (closed) {
        log.dropped(clock.instant(), messageId, "the controller is closed");
        return;
      }
      pending++;
    }
    Runnable handle =
        () -> {
          try {
            handle(messageId, body, receive);
          } finally {
            finished();
          }
        };
    try {
      if (delay.isZero() || delay.isNegative()) {
        lane(body).execute(handle);
      } else {
        timer.schedule(
            () -> {
              try {
                lane(body).execute(handle);
              } catch (RejectedExecutionException e) {
                log.dropped(clock.instant(), messageId, "the controller is closing");
                finished();
              }
            },
            delay.toMillis(),
            TimeUnit.MILLISECONDS);
      }
    } catch (RejectedExecutionException e) {
      log.dropped(clock.instant(), messageId, "the controller is closing");
      finished();
    }
  }

  private void handle(String messageId, String body, int receive) {
    Outcome outcome;
    try {
      outcome = controller.handle(body);
    } catch (MalformedEventException e) {
      log.failure(clock.instant(), messageId, e.getMessage());
      deadLetter(new DeadLetter(body, e.getMessage(), receive));
      return;
    } catch (RuntimeException e) {
      String problem = e.getClass().getSimpleName() + ": " + e.getMessage();
      log.failure(clock.instant(), messageId, problem);
      if (receive < maxReceives) {
        submit(body, receive + 1, redeliveryDelay);
      } else {
        deadLetter(new DeadLetter(body, problem, receive));
      }
      return;
    }
    synchronized (this) {
      outcomes.add(outcome);
      notifyAll();
    }
  }

  private synchronized void deadLetter(DeadLetter letter) {
    deadLetters.add(letter);
    notifyAll();
  }

  private synchronized void finished() {
    pending--;
    notifyAll();
  }

  /** The local stand-in for the give-up event: kept, and logged as one JSON line. */
  private void givenUp(GiveUpNotice notice, boolean alsoMessage) {
    synchronized (this) {
      giveUps.add(notice);
    }
    // Like the decision lines: no cause, it may quote the execution's input.
    ObjectNode line = JSON.createObjectNode();
    line.put("timestamp", clock.instant().toString());
    line.put("level", "WARN");
    line.put("message", "given up");
    line.put("detail-type", GiveUpNotifier.DETAIL_TYPE);
    line.put("executionArn", notice.executionArn());
    line.put("redriveCount", notice.redriveCount());
    line.put("status", notice.status());
    line.put("error", notice.error().orElse(null));
    line.put("rule", notice.rule().orElse(null));
    line.put("reason", notice.reason());
    line.put("notify", alsoMessage);
    String text = line.toString();
    synchronized (logStream) {
      logStream.println(text);
    }
  }

  /**
   * Settings of an {@link AttachedController}. Required: the policy, and either {@link #endpoint}
   * or {@link #sfnClient}.
   */
  public static final class Builder {
    private final Policy policy;
    private URI endpoint;
    private SfnClient sfn;
    private Region region = Region.US_EAST_1;
    private PrintStream decisionLog = System.err;
    private Clock clock = Clock.systemUTC();
    private RandomGenerator random = new SecureRandom();
    private ControllerSettings settings = ControllerSettings.DEFAULTS;
    private ResilienceSettings resilience = localResilience(DEFAULT_REDRIVES_PER_SECOND);
    private int concurrency = DEFAULT_CONCURRENCY;
    private Duration redeliveryDelay = Duration.ofSeconds(1);
    private int maxReceives = 3;

    private Builder(Policy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The Step Functions endpoint, e.g. {@code http://127.0.0.1:8083}; an SfnClient is built. */
    public Builder endpoint(URI value) {
      Objects.requireNonNull(value, "endpoint");
      if (!"http".equals(value.getScheme()) && !"https".equals(value.getScheme())) {
        throw new IllegalArgumentException("endpoint must be an http or https URL, was " + value);
      }
      this.endpoint = value;
      return this;
    }

    /** A ready client instead of {@link #endpoint}; the caller closes it. */
    public Builder sfnClient(SfnClient value) {
      this.sfn = Objects.requireNonNull(value, "sfnClient");
      return this;
    }

    /** The region the client signs for (default us-east-1, the simulator's). */
    public Builder region(Region value) {
      this.region = Objects.requireNonNull(value, "region");
      return this;
    }

    /** Where the decision lines and give-up lines go (default {@code System.err}). */
    public Builder decisionLog(PrintStream value) {
      this.decisionLog = Objects.requireNonNull(value, "decisionLog");
      return this;
    }

    /**
     * The controller's clock (default the system's). Delays are waited for in real time; a delayed
     * redrive that comes back before this clock says it is due waits again for the rest.
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The randomness of full-jitter backoffs (default a SecureRandom). */
    public Builder random(RandomGenerator value) {
      this.random = Objects.requireNonNull(value, "random");
      return this;
    }

    /** The controller's settings (default {@link ControllerSettings#DEFAULTS}). */
    public Builder settings(ControllerSettings value) {
      this.settings = Objects.requireNonNull(value, "settings");
      return this;
    }

    /** Retries, rate limit and breaker of Step Functions calls (default as in the Lambda). */
    public Builder resilience(ResilienceSettings value) {
      this.resilience = Objects.requireNonNull(value, "resilience");
      return this;
    }

    /**
     * How many messages are handled at once (default {@value #DEFAULT_CONCURRENCY}). The messages
     * of one execution are always handled one after another, in the order they came; those of
     * different executions may be handled at the same time, as by concurrent Lambda instances.
     */
    public Builder concurrency(int value) {
      if (value < 1 || value > 256) {
        throw new IllegalArgumentException("concurrency must be 1 to 256, was " + value);
      }
      this.concurrency = value;
      return this;
    }

    /**
     * RedriveExecution calls per second (default {@value #DEFAULT_REDRIVES_PER_SECOND}); the other
     * resilience settings stay as they are.
     */
    public Builder redrivesPerSecond(double value) {
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException("redrivesPerSecond must be > 0, was " + value);
      }
      this.resilience = withRate(resilience, value);
      return this;
    }

    private static ResilienceSettings localResilience(double perSecond) {
      return withRate(ResilienceSettings.DEFAULTS, perSecond);
    }

    private static ResilienceSettings withRate(ResilienceSettings r, double perSecond) {
      return new ResilienceSettings(
          r.maxAttempts(),
          r.initialBackoff(),
          r.maxBackoff(),
          perSecond,
          r.rateLimitWait(),
          r.breakerFailureRatePercent(),
          r.breakerOpenFor());
    }

    /** How long a message that failed waits before it is handled again (default 1 s). */
    public Builder redeliveryDelay(Duration value) {
      if (value == null || value.isNegative()) {
        throw new IllegalArgumentException("redeliveryDelay must be >= 0, was " + value);
      }
      this.redeliveryDelay = value;
      return this;
    }

    /** Deliveries of a message, the first included, before it is a dead letter (default 3). */
    public Builder maxReceives(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxReceives must be >= 1, was " + value);
      }
      this.maxReceives = value;
      return this;
    }

    /**
     * The controller, ready to accept events.
     *
     * @throws IllegalStateException when neither an endpoint nor a client was given, or both
     */
    public AttachedController build() {
      if (endpoint == null && sfn == null) {
        throw new IllegalStateException("endpoint or sfnClient must be set, neither was");
      }
      if (endpoint != null && sfn != null) {
        throw new IllegalStateException(
            "endpoint or sfnClient must be set, not both (endpoint was " + endpoint + ")");
      }
      return new AttachedController(this);
    }
  }
}
