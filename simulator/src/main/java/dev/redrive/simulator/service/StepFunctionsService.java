package dev.redrive.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.ExecutionThreads;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.events.EventPublisher;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.history.HistoryJson;
import dev.redrive.simulator.mock.MockConfig;
import dev.redrive.simulator.runtime.MapRun;
import dev.redrive.simulator.runtime.SimClock;
import dev.redrive.simulator.store.StateStore;
import dev.redrive.simulator.validation.InvalidRequestException;
import dev.redrive.simulator.validation.RequestValidator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Step Functions service behind the API: state machines, activities and executions, with AWS's
 * rules and errors. Every operation checks its request as AWS does ({@link RequestValidator}) and
 * throws {@link InvalidRequestException}, {@link
 * dev.redrive.simulator.definition.validation.InvalidDefinitionException} or {@link
 * ServiceException} with AWS's code and message.
 *
 * <p>Executions run in the background on the executor, so {@link #startExecution} returns at once.
 * Every status change of a Standard execution is published as a {@code Step Functions Execution
 * Status Change} event. Finished executions are kept within a {@link Retention}; with a {@link
 * StateStore} (a data directory) everything is written to it and read back when a service starts on
 * the same store. Thread-safe.
 *
 * <p>This class is the API's entry point and delegates by concern: {@link ExecutionRunner} starts
 * executions and records their ends, {@link ExecutionControl} describes, lists, stops and redrives
 * them, {@link TaskCallbacks} answers task tokens, {@link MapRuns} holds map runs, {@link
 * StatusEvents} publishes, {@link StoredState} writes and reads back the store.
 */
public final class StepFunctionsService implements AutoCloseable {
  /** Largest execution input AWS accepts, in UTF-8 bytes (256 KiB). */
  public static final int MAX_INPUT = ExecutionRunner.MAX_INPUT;

  private final Simulator simulator;
  private final SimClock clock;
  private final Arns arns;
  private final ExecutorService executor;
  private final Duration activityPoll;
  private final StateMachines stateMachines;
  private final Activities activities;
  private final MapRuns mapRuns = new MapRuns();
  private final Executions executions;
  private final StateStore store;
  private final StoredState stored;
  private final ExecutionRunner runner;
  private final ExecutionControl control;
  private final TaskCallbacks callbacks;
  private final VersionsAndAliases versions;
  private final Tags tags = new Tags();

  private StepFunctionsService(Builder b) {
    this.simulator = b.simulator;
    this.clock = b.clock;
    this.arns = new Arns(b.region, b.account);
    this.activityPoll = b.activityPoll;
    this.executor = b.executor;
    this.store = b.store;
    this.stateMachines = new StateMachines(arns);
    this.activities = new Activities(arns);
    this.executions = new Executions(store, b.retention, clock, mapRuns::dropExecutions);
    this.stored = new StoredState(store);
    this.versions =
        new VersionsAndAliases(
            clock,
            b.routingSeed == null ? new java.util.Random() : new java.util.Random(b.routingSeed));
    StatusEvents events = new StatusEvents(b.events, arns, clock, versions);
    this.runner =
        new ExecutionRunner(
            simulator,
            clock,
            arns,
            b.mockConfig == null ? b.simulator.mockConfig() : b.mockConfig,
            stateMachines,
            executions,
            mapRuns,
            events,
            versions);
    this.control =
        new ExecutionControl(
            clock, stateMachines, executions, mapRuns, runner, events, store, versions);
    this.callbacks = new TaskCallbacks(simulator::taskTokens);
    stored.load(
        stateMachines,
        activities,
        executions,
        sm -> simulator.register(sm.name(), sm.definition()));
  }

  /** A builder: a default simulator, the system clock, us-east-1, 111111111111, no events. */
  public static Builder builder() {
    return new Builder();
  }

  /** The region in ARNs and events. */
  public String region() {
    return arns.region();
  }

  /** The account id in ARNs and events. */
  public String account() {
    return arns.account();
  }

  /** The tags of this service's state machines and activities. */
  public Tags tags() {
    return tags;
  }

  /**
   * The state machine or activity an ARN names, for the tagging operations.
   *
   * @throws ServiceException {@code ResourceNotFound} when there is none
   */
  public void requireTaggable(String arn) {
    dev.redrive.simulator.validation.Arns.require(
        arn,
        dev.redrive.simulator.validation.ArnKind.STATE_MACHINE,
        dev.redrive.simulator.validation.ArnKind.ACTIVITY);
    try {
      if (arn.split(":", -1)[5].equals("activity")) {
        activities.get(arn);
      } else {
        stateMachines.get(arn);
      }
    } catch (ServiceException e) {
      throw ServiceException.resourceNotFound(arn);
    }
  }

  /** The versions and aliases of this service's state machines. */
  public VersionsAndAliases versions() {
    return versions;
  }

  // ---- state machines ----

  /**
   * CreateStateMachine; executions of other state machines can then start it as a nested workflow.
   *
   * @param type {@code STANDARD} (when null) or {@code EXPRESS}
   * @param logging the logging configuration, or null for AWS's default
   * @param tracing the tracing configuration, or null for AWS's default
   */
  public StateMachine createStateMachine(
      String name,
      String definition,
      String roleArn,
      String type,
      JsonNode logging,
      JsonNode tracing,
      Boolean publish,
      String versionDescription) {
    RequestValidator.createStateMachine(name, type, publish, versionDescription);
    StateMachine sm =
        stateMachines.create(name, definition, roleArn, type, logging, tracing, clock.now());
    simulator.register(sm.name(), sm.definition());
    stored.saved(sm);
    return sm;
  }

  /** DescribeStateMachine. */
  public StateMachine describeStateMachine(String arn) {
    return stateMachines.get(arn);
  }

  /** ListStateMachines, in creation order. */
  public Page<StateMachine> listStateMachines(Integer maxResults, String nextToken) {
    RequestValidator.list(null, maxResults, nextToken);
    return Page.of(
        stateMachines.all(),
        StateMachine::sequence,
        false,
        maxResults,
        nextToken,
        "ListStateMachines");
  }

  /** UpdateStateMachine; running executions keep the definition they started with. */
  public StateMachine updateStateMachine(
      String arn,
      String definition,
      String roleArn,
      JsonNode logging,
      JsonNode tracing,
      Boolean publish,
      String versionDescription) {
    RequestValidator.updateStateMachine(
        arn, definition, roleArn, logging != null, tracing != null, publish, versionDescription);
    StateMachine sm = stateMachines.update(arn, definition, roleArn, logging, tracing, clock.now());
    simulator.register(sm.name(), sm.definition());
    stored.saved(sm);
    return sm;
  }

  /** DeleteStateMachine; its executions stay readable. */
  public void deleteStateMachine(String arn) {
    stateMachines.delete(arn);
    versions.stateMachineDeleted(arn);
    tags.removed(arn);
    simulator.unregister(arn.substring(arn.lastIndexOf(':') + 1));
    stored.deletedStateMachine(arn);
  }

  // ---- executions ----

  /**
   * StartExecution: records a Standard execution and runs it in the background. Starting again with
   * the name and input of a running execution returns that execution.
   *
   * @param stateMachineArn the state machine, optionally followed by {@code #TestCase} to run it
   *     with that test case of the mock configuration
   * @param name the execution name, or null for a random UUID
   * @param input the input JSON text, or null for {@code {}}
   * @throws ServiceException {@code ExecutionAlreadyExists}, {@code StateMachineDoesNotExist}
   */
  public ExecutionSnapshot startExecution(String stateMachineArn, String name, String input) {
    return runner.start(stateMachineArn, name, input);
  }

  /**
   * StartSyncExecution: runs an Express execution to its end in the calling thread.
   *
   * @throws ServiceException {@code StateMachineTypeNotSupported} for a Standard state machine
   */
  public SyncExecution startSyncExecution(String stateMachineArn, String name, String input) {
    return runner.startSync(stateMachineArn, name, input);
  }

  /** An Express execution run by StartSyncExecution, with its history. */
  public record SyncExecution(ExecutionSnapshot execution, List<HistoryEvent> history) {
    public SyncExecution {
      Objects.requireNonNull(execution, "execution");
      history = List.copyOf(history);
    }
  }

  /** DescribeExecution. */
  public ExecutionSnapshot describeExecution(String executionArn) {
    return control.describe(executionArn);
  }

  /** DescribeStateMachineForExecution: the state machine as it was when the execution started. */
  public StateMachine describeStateMachineForExecution(String executionArn) {
    return control.stateMachineOf(executionArn);
  }

  /**
   * ListExecutions of a state machine, newest first.
   *
   * @param statusFilter a status, or null for all
   * @param redriveFilter {@code REDRIVEN}, {@code NOT_REDRIVEN}, or null for all
   */
  public Page<ExecutionSnapshot> listExecutions(
      String stateMachineArn,
      String mapRunArn,
      String statusFilter,
      String redriveFilter,
      Integer maxResults,
      String nextToken) {
    return control.list(
        stateMachineArn, mapRunArn, statusFilter, redriveFilter, maxResults, nextToken);
  }

  /**
   * StopExecution: aborts a running execution. Stopping one that has ended changes nothing.
   *
   * @return the execution after the stop
   */
  public ExecutionSnapshot stopExecution(String executionArn, String error, String cause) {
    return control.stop(executionArn, error, cause);
  }

  /**
   * GetExecutionHistory.
   *
   * @param reverseOrder newest event first
   */
  public Page<HistoryEvent> getExecutionHistory(
      String executionArn, Integer maxResults, String nextToken, boolean reverseOrder) {
    return control.history(executionArn, maxResults, nextToken, reverseOrder);
  }

  /**
   * RedriveExecution: runs a failed, timed-out or aborted execution again from the state that
   * failed, in the background.
   *
   * @param clientToken AWS's idempotency token: a token one of the execution's last 10 redrives
   *     used, within 15 minutes of that redrive, answers that redrive again and starts nothing
   * @return the redrive's date
   * @throws ServiceException {@code ExecutionNotRedrivable} for a running or succeeded execution,
   *     or one whose history reached AWS's quota of 25,000 events
   */
  public Instant redriveExecution(String executionArn, Optional<String> clientToken) {
    return control.redrive(executionArn, clientToken);
  }

  // ---- TestState ----

  /**
   * TestState: checks the request as AWS does, then runs the state once (see {@link
   * dev.redrive.simulator.teststate.StateTester}).
   *
   * @param request the fields AWS checks
   * @param run what to run: definition, input, mock, inspection level, configuration, context
   */
  public dev.redrive.simulator.teststate.StateTester.Result testState(
      dev.redrive.simulator.validation.TestStateRequest request,
      dev.redrive.simulator.teststate.StateTestRequest run) {
    RequestValidator.testState(request);
    dev.redrive.simulator.definition.validation.DefinitionValidator.validateForTestState(
        request.definition(), request.stateName().orElse(null), request.mock().isPresent());
    try {
      return new dev.redrive.simulator.teststate.StateTester(simulator).test(run);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          InvalidRequestException.VALIDATION_EXCEPTION, e.getMessage());
    }
  }

  // ---- task tokens ----

  /** SendTaskSuccess. */
  public void sendTaskSuccess(String taskToken, String output) {
    callbacks.succeed(taskToken, output);
  }

  /** SendTaskFailure. */
  public void sendTaskFailure(String taskToken, String error, String cause) {
    callbacks.fail(taskToken, error, cause);
  }

  /** SendTaskHeartbeat: the task's HeartbeatSeconds start again. */
  public void sendTaskHeartbeat(String taskToken) {
    callbacks.heartbeat(taskToken);
  }

  // ---- activities ----

  /** CreateActivity. */
  public Activity createActivity(String name) {
    Activity a = activities.create(name, clock.now());
    stored.saved(a);
    return a;
  }

  /** DescribeActivity. */
  public Activity describeActivity(String arn) {
    return activities.get(arn);
  }

  /** ListActivities, in creation order. */
  public Page<Activity> listActivities(Integer maxResults, String nextToken) {
    RequestValidator.list(null, maxResults, nextToken);
    return Page.of(
        activities.all(), Activity::sequence, false, maxResults, nextToken, "ListActivities");
  }

  /** DeleteActivity. */
  public void deleteActivity(String arn) {
    activities.delete(arn);
    tags.removed(arn);
    stored.deletedActivity(arn);
  }

  /**
   * GetActivityTask: takes the oldest task scheduled on the activity, waiting for one up to the
   * configured long-poll time (AWS: 60 seconds).
   *
   * @return the task, empty when none came in time
   * @throws ServiceException {@code ActivityDoesNotExist}
   */
  public Optional<ActivityTask> getActivityTask(String activityArn, String workerName) {
    CompletableFuture<Optional<ActivityTask>> poll = getActivityTaskAsync(activityArn, workerName);
    try {
      return poll.get();
    } catch (InterruptedException e) {
      poll.cancel(false);
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException("activity poll failed", e.getCause());
    }
  }

  /**
   * GetActivityTask without holding a thread while it waits: the future completes when a task is
   * handed over or the long-poll time (AWS: 60 seconds) is over. Cancelling it (the worker hung up)
   * withdraws the poll.
   *
   * @return completed with the task, or with empty when none came in time
   * @throws ServiceException at once: {@code ActivityDoesNotExist}, or an invalid request
   */
  public CompletableFuture<Optional<ActivityTask>> getActivityTaskAsync(
      String activityArn, String workerName) {
    RequestValidator.getActivityTask(activityArn, workerName);
    activities.get(activityArn);
    CompletableFuture<Optional<dev.redrive.simulator.runtime.Activities.ActivityTask>> poll =
        simulator.activities().pollAsync(activityArn, workerName, activityPoll);
    CompletableFuture<Optional<ActivityTask>> answer =
        poll.thenApply(t -> t.map(a -> new ActivityTask(a.token(), HistoryJson.text(a.input()))));
    answer.whenComplete(
        (task, failure) -> {
          if (answer.isCancelled()) {
            poll.cancel(false);
          }
        });
    return answer;
  }

  /** GetActivityTask polls waiting for a task now, over all activities. */
  public int waitingActivityPolls() {
    return simulator.activities().waitingPolls();
  }

  /**
   * A task handed to an activity worker.
   *
   * @param taskToken the token to answer with (SendTaskSuccess, SendTaskFailure)
   * @param input the task's input as JSON text
   */
  public record ActivityTask(String taskToken, String input) {
    public ActivityTask {
      Objects.requireNonNull(taskToken, "taskToken");
      Objects.requireNonNull(input, "input");
    }
  }

  // ---- map runs ----

  /**
   * ListMapRuns: the map runs started by an execution's Distributed Map states, newest first.
   *
   * @throws ServiceException {@code ExecutionDoesNotExist}
   */
  public Page<MapRun.Snapshot> listMapRuns(
      String executionArn, Integer maxResults, String nextToken) {
    RequestValidator.list(null, maxResults, nextToken);
    if (mapRuns.child(executionArn).isEmpty()) {
      executions.get(executionArn);
    }
    return mapRuns.list(executionArn, maxResults, nextToken);
  }

  /**
   * DescribeMapRun: a map run's settings, status and counts of items and child executions.
   *
   * @throws ServiceException {@code ResourceNotFound}
   */
  public MapRun.Snapshot describeMapRun(String mapRunArn) {
    return mapRuns.describe(mapRunArn);
  }

  /**
   * UpdateMapRun: changes a map run's maximum concurrency or tolerated failures; a null value
   * leaves that setting as it is. Children run one at a time here, so a new maximum concurrency is
   * only recorded; the tolerated failures decide whether the map run fails when its children have
   * run.
   *
   * @throws ServiceException {@code ResourceNotFound}
   */
  public void updateMapRun(
      String mapRunArn,
      Integer maxConcurrency,
      Double toleratedFailurePercentage,
      Integer toleratedFailureCount) {
    mapRuns.update(mapRunArn, maxConcurrency, toleratedFailurePercentage, toleratedFailureCount);
  }

  /**
   * ListExecutions with a map run ARN: the map run's child workflow executions (Standard and
   * Express), newest first.
   *
   * @param stateMachineArn must be null: AWS takes a state machine ARN or a map run ARN, not both
   * @throws ServiceException {@code ResourceNotFound} for an unknown map run
   */
  public Page<MapRun.ChildExecution> listMapRunExecutions(
      String stateMachineArn,
      String mapRunArn,
      String statusFilter,
      String redriveFilter,
      Integer maxResults,
      String nextToken) {
    ExecutionControl.checkList(
        stateMachineArn, mapRunArn, statusFilter, redriveFilter, maxResults, nextToken);
    if (stateMachineArn != null) {
      throw new InvalidRequestException(
          InvalidRequestException.VALIDATION_EXCEPTION,
          "Provide either a StateMachine ARN or a MapRun ARN, not both (stateMachineArn was "
              + stateMachineArn
              + ", mapRunArn was "
              + mapRunArn
              + ")");
    }
    return mapRuns.listChildren(mapRunArn, statusFilter, redriveFilter, maxResults, nextToken);
  }

  /**
   * DescribeExecution of a Standard child workflow execution of a Distributed Map.
   *
   * @return empty when no map run started an execution of that ARN (or it is an Express one)
   */
  public Optional<MapRun.ChildExecution> describeMapRunExecution(String executionArn) {
    RequestValidator.executionArn(executionArn);
    return mapRuns.isStandardChild(executionArn) ? mapRuns.child(executionArn) : Optional.empty();
  }

  // ---- running ----

  /**
   * Stops the executor, then writes what the store has pending and closes it. Executions still
   * running stay RUNNING in the store.
   */
  @Override
  public void close() {
    runner.closing();
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }

  /** A thread per execution: virtual on JDK 24 and later (see {@link ExecutionThreads}). */
  private static ExecutorService defaultExecutor() {
    return ExecutionThreads.create();
  }

  /** Builds a {@link StepFunctionsService}; each setter checks its value. */
  public static final class Builder {
    private Simulator simulator;
    private SimClock clock = SimClock.system();
    private String region = Simulator.DEFAULT_REGION;
    private String account = Simulator.DEFAULT_ACCOUNT;
    private EventPublisher events = EventPublisher.NONE;
    private ExecutorService executor;
    private Duration activityPoll = Duration.ofSeconds(60);
    private MockConfig mockConfig;
    private StateStore store = StateStore.NONE;
    private Retention retention = Retention.DEFAULT;

    private Long routingSeed;
    private dev.redrive.simulator.runtime.LocalQueues queues;
    private dev.redrive.simulator.integration.SdkServices services;

    /**
     * The services tasks call at endpoints the user named ({@code redrive serve --sqs-endpoint
     * ...}; default none). Ignored with {@link #simulator}.
     */
    public Builder services(dev.redrive.simulator.integration.SdkServices value) {
      this.services = Objects.requireNonNull(value, "services");
      return this;
    }

    private Builder() {}

    /**
     * The queues {@code sqs:sendMessage} tasks send to when their {@code QueueUrl} names one of
     * them (default: the default simulator's own, empty); {@code redrive serve} passes the queues
     * it hosts over SQS's protocol ({@code LocalQueues.over(hostedQueues)}). Ignored with {@link
     * #simulator}.
     */
    public Builder queues(dev.redrive.simulator.runtime.LocalQueues value) {
      this.queues = Objects.requireNonNull(value, "queues");
      return this;
    }

    /**
     * The seed of the draws that route executions started by an alias between its two versions: the
     * same seed and the same starts route the same way (default: unseeded).
     */
    public Builder routingSeed(long value) {
      this.routingSeed = value;
      return this;
    }

    /**
     * Where state is kept across restarts (default {@link StateStore#NONE}: nothing is). What the
     * store holds from an earlier run is read back when the service is built; the service closes
     * the store when it is closed.
     */
    public Builder store(StateStore value) {
      this.store = Objects.requireNonNull(value, "store");
      return this;
    }

    /**
     * How many finished executions are kept, and for how long (default {@link Retention#DEFAULT}:
     * 10,000, 90 days).
     */
    public Builder retention(Retention value) {
      this.retention = Objects.requireNonNull(value, "retention");
      return this;
    }

    /**
     * The mock configuration (Step Functions Local's format): {@code StartExecution} with {@code
     * stateMachineArn#TestCase} runs that execution with the test case's mocked responses. Default:
     * the simulator's ({@link Simulator.Builder#mockConfig}), none for the default simulator.
     */
    public Builder mockConfig(MockConfig value) {
      this.mockConfig = Objects.requireNonNull(value, "mockConfig");
      return this;
    }

    /** How long GetActivityTask waits for a task (default 60 seconds, as AWS). */
    public Builder activityPoll(Duration value) {
      if (value == null || value.isNegative()) {
        throw new IllegalArgumentException("activityPoll must be >= 0, was " + value);
      }
      this.activityPoll = value;
      return this;
    }

    /**
     * The simulator that runs executions, with its local functions and task tokens (default: a new
     * one on this service's clock, region, account and executor). Its region and account must be
     * this service's.
     */
    public Builder simulator(Simulator value) {
      this.simulator = Objects.requireNonNull(value, "simulator");
      return this;
    }

    /** The clock of dates and of executions (default: the system clock). */
    public Builder clock(SimClock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** The region in ARNs, e.g. {@code us-east-1}. */
    public Builder region(String value) {
      this.region = Simulator.requireRegion(value);
      return this;
    }

    /** The 12-digit account id in ARNs. */
    public Builder account(String value) {
      this.account = Simulator.requireAccount(value);
      return this;
    }

    /** Where status-change events go (default: nowhere). */
    public Builder events(EventPublisher value) {
      this.events = Objects.requireNonNull(value, "events");
      return this;
    }

    /** The threads executions run on (default: a cached pool of daemon threads). */
    public Builder executor(ExecutorService value) {
      this.executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    /** The service. */
    public StepFunctionsService build() {
      if (executor == null) {
        executor = defaultExecutor();
      }
      if (simulator == null) {
        Simulator.Builder sim =
            Simulator.builder()
                .clock(clock)
                .region(region)
                .account(account)
                .executor(executor)
                .mockConfig(mockConfig == null ? MockConfig.empty() : mockConfig);
        if (queues != null) {
          sim.queues(queues);
        }
        if (services != null) {
          sim.services(services);
        }
        simulator = sim.build();
      }
      return new StepFunctionsService(this);
    }
  }
}
