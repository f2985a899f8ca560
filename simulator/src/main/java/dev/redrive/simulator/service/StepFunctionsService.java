package dev.redrive.simulator.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.ExecutionResult;
import dev.redrive.simulator.ExecutionThreads;
import dev.redrive.simulator.LocalExecution;
import dev.redrive.simulator.RunOptions;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.events.EventPublisher;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.history.HistoryEvent;
import dev.redrive.simulator.history.HistoryJson;
import dev.redrive.simulator.mock.MockConfig;
import dev.redrive.simulator.mock.TestCase;
import dev.redrive.simulator.runtime.ChildExecutions;
import dev.redrive.simulator.runtime.MapRun;
import dev.redrive.simulator.runtime.SimClock;
import dev.redrive.simulator.runtime.TaskTokens;
import dev.redrive.simulator.validation.Constraints;
import dev.redrive.simulator.validation.InvalidRequestException;
import dev.redrive.simulator.validation.RequestValidator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The Step Functions service behind the API: state machines, activities and executions, with AWS's
 * rules and errors. Every operation checks its request as AWS does ({@link RequestValidator}) and
 * throws {@link InvalidRequestException}, {@link
 * dev.redrive.simulator.definition.validation.InvalidDefinitionException} or {@link
 * ServiceException} with AWS's code and message.
 *
 * <p>Executions run in the background on the executor, so {@link #startExecution} returns at once.
 * Every status change of a Standard execution is published as a {@code Step Functions Execution
 * Status Change} event. Thread-safe.
 */
public final class StepFunctionsService implements AutoCloseable {
  /** Largest execution input AWS accepts, in characters (256 KiB). */
  public static final int MAX_INPUT = 262_144;

  private static final Logger LOG = Logger.getLogger(StepFunctionsService.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);
  private static final Pattern ISSUED_TOKEN = Pattern.compile("[0-9a-f]{32}[0-9a-f-]{36}");

  private final Simulator simulator;
  private final SimClock clock;
  private final Arns arns;
  private final EventPublisher events;
  private final ExecutorService executor;
  private final Duration activityPoll;
  private final StateMachines stateMachines;
  private final Activities activities;
  private final Executions executions = new Executions();
  private final MapRuns mapRuns = new MapRuns();
  private final MockConfig mockConfig;

  private StepFunctionsService(Builder b) {
    this.simulator = b.simulator;
    this.mockConfig = b.mockConfig == null ? b.simulator.mockConfig() : b.mockConfig;
    this.clock = b.clock;
    this.arns = new Arns(b.region, b.account);
    this.events = b.events;
    this.activityPoll = b.activityPoll;
    this.executor = b.executor;
    this.stateMachines = new StateMachines(arns);
    this.activities = new Activities(arns);
    simulator.onChildStarted(this::childStarted);
    simulator.onMapRunStarted(this::mapRunStarted);
  }

  /**
   * Records a map run, and publishes the status changes of its Standard children (AWS sends none
   * for Express executions); a failed child is {@code REDRIVABLE_BY_MAP_RUN}.
   */
  private void mapRunStarted(MapRun run) {
    mapRuns.add(run);
    if (!run.express() && events != EventPublisher.NONE) {
      run.onChildChange(this::publish);
    }
  }

  private void publish(MapRun.ChildExecution child) {
    try {
      events.publish(
          new dev.redrive.simulator.events.ExecutionStatusChange(
                  arns.region(),
                  arns.account(),
                  clock.now(),
                  child.arn(),
                  child.stateMachineArn(),
                  child.name(),
                  child.status().name(),
                  child.startDate(),
                  child.stopDate(),
                  HistoryJson.text(child.input()),
                  child.output().map(HistoryJson::text),
                  child.redriveCount(),
                  child.redriveDate(),
                  child.redriveStatus(),
                  child.redriveStatusReason(),
                  child.error(),
                  child.cause())
              .toEvent());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot publish status change of " + child.arn(), e);
    }
  }

  /**
   * Records a nested execution ({@code states:startExecution}) so that DescribeExecution,
   * ListExecutions, GetExecutionHistory and RedriveExecution see it, and publishes its status
   * changes as for any Standard execution. A name already used for the state machine refuses the
   * start as StartExecution does: {@code ExecutionAlreadyExists}, unless it is a running execution
   * with the same input, which the parent's task gets instead.
   *
   * @throws ChildExecutions.NameTaken when the name is taken
   * @throws ChildExecutions.AlreadyRunning when the same execution is running
   */
  private void childStarted(LocalExecution child, String parentArn) {
    StateMachine sm;
    try {
      sm = stateMachines.get(child.stateMachineArn());
    } catch (RuntimeException e) {
      return; // registered with the simulator only, not through this service
    }
    JsonNode input = child.input();
    Execution execution =
        new Execution(
            child.executionArn(),
            child.name(),
            sm,
            HistoryJson.text(input),
            input,
            child.startDate(),
            executions.nextSequence());
    Executions.Registered registered;
    try {
      registered = executions.register(execution);
    } catch (ServiceException e) {
      // the name is used by an ended execution, or by a running one with another input
      throw new ChildExecutions.NameTaken(child.executionArn());
    }
    if (!registered.created()) {
      Execution existing = registered.execution();
      throw new ChildExecutions.AlreadyRunning(() -> ended(existing));
    }
    execution.started(child);
    if (!sm.isExpress()) {
      publish(execution.snapshot(clock.now()));
    }
    whenEnded(execution, child, 0);
  }

  /** Waits for the current run of a running execution to end and describes it for its parent. */
  private ChildExecutions.Child ended(Execution execution) {
    ExecutionResult r =
        execution
            .local()
            .orElseThrow(() -> new IllegalStateException(execution.arn() + " never started"))
            .await();
    return new ChildExecutions.Child(
        execution.arn(),
        execution.name(),
        execution.stateMachine().arn(),
        execution.inputNode(),
        r.status().name(),
        r.output().orElse(null),
        r.error().orElse(null),
        r.cause().orElse(null),
        execution.snapshot(clock.now()).startDate(),
        clock.now());
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
    return sm;
  }

  /** DescribeStateMachine. */
  public StateMachine describeStateMachine(String arn) {
    return stateMachines.get(arn);
  }

  /** ListStateMachines, in creation order. */
  public Page<StateMachine> listStateMachines(Integer maxResults, String nextToken) {
    RequestValidator.list(null, maxResults, nextToken);
    return Page.of(stateMachines.all(), StateMachine::sequence, false, maxResults, nextToken);
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
    return sm;
  }

  /** DeleteStateMachine; its executions stay readable. */
  public void deleteStateMachine(String arn) {
    stateMachines.delete(arn);
    simulator.unregister(arn.substring(arn.lastIndexOf(':') + 1));
  }

  // ---- executions ----

  /**
   * StartExecution: records a Standard execution and runs it in the background. Starting again with
   * the name and input of a running execution returns that execution.
   *
   * @param name the execution name, or null for a random UUID
   * @param input the input JSON text, or null for {@code {}}
   * @throws ServiceException {@code ExecutionAlreadyExists}, {@code StateMachineDoesNotExist}
   */
  public ExecutionSnapshot startExecution(String stateMachineArn, String name, String input) {
    checkInputSize(input);
    String caseName = null;
    int hash = stateMachineArn == null ? -1 : stateMachineArn.indexOf('#');
    if (hash >= 0) {
      caseName = stateMachineArn.substring(hash + 1);
      stateMachineArn = stateMachineArn.substring(0, hash);
    }
    RequestValidator.startExecution(stateMachineArn, name, input);
    StateMachine sm = stateMachines.get(stateMachineArn);
    Optional<TestCase> mocks =
        caseName == null ? Optional.empty() : Optional.of(testCase(sm, caseName));
    String executionName = name == null ? UUID.randomUUID().toString() : name;
    String text = input == null ? "{}" : input;
    String arn =
        sm.isExpress()
            ? arns.expressExecution(sm.name(), executionName, UUID.randomUUID().toString())
            : arns.execution(sm.name(), executionName);
    Execution candidate =
        new Execution(
            arn,
            executionName,
            sm,
            text,
            Executions.parse(text),
            clock.now(),
            executions.nextSequence());
    if (sm.isExpress()) {
      start(candidate, mocks);
      return candidate.snapshot(clock.now());
    }
    Executions.Registered registered = executions.register(candidate);
    Execution execution = registered.execution();
    if (registered.created()) {
      publish(execution.snapshot(clock.now()));
      start(execution, mocks);
    }
    return execution.snapshot(clock.now());
  }

  /**
   * The test case named after {@code #} in a StartExecution ARN.
   *
   * @throws InvalidRequestException when the mock configuration has no such test case
   */
  private TestCase testCase(StateMachine sm, String caseName) {
    return mockConfig
        .testCase(sm.name(), caseName)
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    InvalidRequestException.VALIDATION_EXCEPTION,
                    "Test case '"
                        + caseName
                        + "' of state machine '"
                        + sm.name()
                        + "' is not in the mock configuration"
                        + (mockConfig.testCases(sm.name()).isEmpty()
                            ? " (it has no test cases for this state machine)"
                            : " (its test cases: "
                                + String.join(", ", mockConfig.testCases(sm.name()))
                                + ")")));
  }

  private void start(Execution execution, Optional<TestCase> mocks) {
    StateMachine sm = execution.stateMachine();
    RunOptions options =
        new RunOptions(
            sm.name(), execution.name(), sm.roleArn(), mocks, Optional.of(execution.arn()));
    LocalExecution local = simulator.start(sm.parsed(), execution.inputNode(), options);
    execution.started(local);
    whenEnded(execution, local, 0);
  }

  /** Publishes the end of the given run when it ends, without holding a thread meanwhile. */
  private void whenEnded(Execution execution, LocalExecution local, int run) {
    local.onEnd(
        (ended, crash) -> {
          ExecutionResult result = ended;
          if (crash != null) {
            Throwable e =
                crash instanceof java.util.concurrent.CompletionException
                        && crash.getCause() != null
                    ? crash.getCause()
                    : crash;
            LOG.log(Level.WARNING, "execution " + execution.arn() + " crashed in the simulator", e);
            result =
                new ExecutionResult(
                    execution.arn(),
                    ExecutionStatus.FAILED,
                    Optional.empty(),
                    Optional.of("States.Runtime"),
                    Optional.of(String.valueOf(e.getMessage())),
                    local.history());
          }
          if (execution.ended(result, clock.now(), run, simulator.historyEventLimit())) {
            publish(execution.snapshot(clock.now()));
          }
        });
  }

  /**
   * StartSyncExecution: runs an Express execution to its end in the calling thread.
   *
   * @throws ServiceException {@code StateMachineTypeNotSupported} for a Standard state machine
   */
  public SyncExecution startSyncExecution(String stateMachineArn, String name, String input) {
    checkInputSize(input);
    String caseName = null;
    int hash = stateMachineArn == null ? -1 : stateMachineArn.indexOf('#');
    if (hash >= 0) {
      caseName = stateMachineArn.substring(hash + 1);
      stateMachineArn = stateMachineArn.substring(0, hash);
    }
    RequestValidator.startExecution(stateMachineArn, name, input);
    StateMachine sm = stateMachines.get(stateMachineArn);
    Optional<TestCase> mocks =
        caseName == null ? Optional.empty() : Optional.of(testCase(sm, caseName));
    if (!sm.isExpress()) {
      throw ServiceException.stateMachineTypeNotSupported();
    }
    String executionName = name == null ? UUID.randomUUID().toString() : name;
    String text = input == null ? "{}" : input;
    Execution execution =
        new Execution(
            arns.expressExecution(sm.name(), executionName, UUID.randomUUID().toString()),
            executionName,
            sm,
            text,
            Executions.parse(text),
            clock.now(),
            executions.nextSequence());
    ExecutionResult result =
        simulator.run(
            sm.parsed(),
            execution.inputNode(),
            new RunOptions(
                sm.name(), executionName, sm.roleArn(), mocks, Optional.of(execution.arn())));
    execution.ended(result, clock.now(), 0, simulator.historyEventLimit());
    return new SyncExecution(execution.snapshot(clock.now()), execution.events());
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
    return executions.get(executionArn).snapshot(clock.now());
  }

  /** DescribeStateMachineForExecution: the state machine as it was when the execution started. */
  public StateMachine describeStateMachineForExecution(String executionArn) {
    return executions.get(executionArn).stateMachine();
  }

  /** The checks both kinds of ListExecutions share, as AWS makes them. */
  private static void checkListExecutions(
      String stateMachineArn,
      String mapRunArn,
      String statusFilter,
      String redriveFilter,
      Integer maxResults,
      String nextToken) {
    RequestValidator.listExecutions(
        stateMachineArn, mapRunArn, maxResults, nextToken, statusFilter);
    new Constraints()
        .oneOf("redriveFilter", redriveFilter, List.of("REDRIVEN", "NOT_REDRIVEN"))
        .check();
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
    checkListExecutions(
        stateMachineArn, mapRunArn, statusFilter, redriveFilter, maxResults, nextToken);
    if (mapRunArn != null) {
      throw new IllegalArgumentException(
          "list the child executions of map run " + mapRunArn + " with listMapRunExecutions");
    }
    if (stateMachineArn == null) {
      throw new InvalidRequestException(
          InvalidRequestException.VALIDATION_EXCEPTION,
          "Must provide a StateMachine ARN or MapRun ARN");
    }
    StateMachine sm = stateMachines.get(stateMachineArn);
    if (sm.isExpress()) {
      throw ServiceException.stateMachineTypeNotSupported();
    }
    Instant now = clock.now();
    List<ExecutionSnapshot> matching =
        executions.of(stateMachineArn).stream()
            .map(e -> e.snapshot(now))
            .filter(e -> statusFilter == null || e.status().name().equals(statusFilter))
            .filter(
                e ->
                    redriveFilter == null
                        || (redriveFilter.equals("REDRIVEN") == (e.redriveCount() > 0)))
            .toList();
    return Page.of(matching, ExecutionSnapshot::sequence, true, maxResults, nextToken);
  }

  /**
   * StopExecution: aborts a running execution. Stopping one that has ended changes nothing.
   *
   * @return the execution after the stop
   */
  public ExecutionSnapshot stopExecution(String executionArn, String error, String cause) {
    new Constraints().length("error", error, 0, 256).length("cause", cause, 0, 32_768).check();
    Execution execution = executions.get(executionArn);
    Optional<LocalExecution> local = execution.local();
    if (execution.status() != ExecutionStatus.RUNNING || local.isEmpty()) {
      return execution.snapshot(clock.now());
    }
    int run = execution.run();
    local.get().stop(error, cause);
    try {
      Optional<ExecutionResult> ended = local.get().await(STOP_WAIT);
      if (ended.isPresent()
          && execution.ended(ended.get(), clock.now(), run, simulator.historyEventLimit())) {
        publish(execution.snapshot(clock.now()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return execution.snapshot(clock.now());
  }

  /**
   * GetExecutionHistory.
   *
   * @param reverseOrder newest event first
   */
  public Page<HistoryEvent> getExecutionHistory(
      String executionArn, Integer maxResults, String nextToken, boolean reverseOrder) {
    RequestValidator.list(null, maxResults, nextToken);
    List<HistoryEvent> events =
        isStandardChild(executionArn)
            ? mapRuns.childHistory(executionArn)
            : executions.get(executionArn).events();
    if (reverseOrder) {
      events = new ArrayList<>(events);
      Collections.reverse(events);
    }
    return Page.of(events, HistoryEvent::id, reverseOrder, maxResults, nextToken);
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
    checkNotMapRunChild(executionArn);
    Execution execution = executions.get(executionArn);
    LocalExecution local;
    Instant now = clock.now();
    synchronized (execution) {
      Optional<Instant> earlier = clientToken.flatMap(t -> execution.redriveFor(t, now));
      if (earlier.isPresent()) {
        return earlier.get();
      }
      ExecutionSnapshot before = execution.snapshot(clock.now());
      Optional<LocalExecution> started = execution.local();
      if (!before.redriveStatus().equals(ExecutionSnapshot.REDRIVABLE) || started.isEmpty()) {
        throw ServiceException.executionNotRedrivable(
            before
                .redriveStatusReason()
                .orElse("Execution is " + before.status() + " and cannot be redriven"));
      }
      local = started.get();
      try {
        local.redrive();
      } catch (IllegalStateException e) {
        throw ServiceException.executionNotRedrivable(e.getMessage());
      }
      execution.redriven(now, clientToken);
    }
    ExecutionSnapshot running = execution.snapshot(clock.now());
    publish(running);
    whenEnded(execution, local, running.redriveCount());
    return now;
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
    JsonNode value;
    try {
      value = JSON.readTree(output == null ? "" : output);
    } catch (JsonProcessingException e) {
      throw ServiceException.invalidOutput(e.getOriginalMessage());
    }
    if (value == null || value.isMissingNode()) {
      throw ServiceException.invalidOutput("Invalid output.");
    }
    if (!tokens().succeed(taskToken, value)) {
      throw unknownToken(taskToken);
    }
  }

  /** SendTaskFailure. */
  public void sendTaskFailure(String taskToken, String error, String cause) {
    new Constraints().length("error", error, 0, 256).length("cause", cause, 0, 32_768).check();
    if (!tokens().fail(taskToken, error, cause)) {
      throw unknownToken(taskToken);
    }
  }

  /** SendTaskHeartbeat: the task's HeartbeatSeconds start again. */
  public void sendTaskHeartbeat(String taskToken) {
    if (!tokens().heartbeat(taskToken)) {
      throw unknownToken(taskToken);
    }
  }

  private TaskTokens tokens() {
    return simulator.taskTokens();
  }

  private static ServiceException unknownToken(String token) {
    return token != null && ISSUED_TOKEN.matcher(token).matches()
        ? ServiceException.taskTimedOut()
        : ServiceException.invalidTaskToken();
  }

  // ---- activities ----

  /** CreateActivity. */
  public Activity createActivity(String name) {
    return activities.create(name, clock.now());
  }

  /** DescribeActivity. */
  public Activity describeActivity(String arn) {
    return activities.get(arn);
  }

  /** ListActivities, in creation order. */
  public Page<Activity> listActivities(Integer maxResults, String nextToken) {
    RequestValidator.list(null, maxResults, nextToken);
    return Page.of(activities.all(), Activity::sequence, false, maxResults, nextToken);
  }

  /** DeleteActivity. */
  public void deleteActivity(String arn) {
    activities.delete(arn);
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
    Page<MapRuns.Registered> page =
        Page.of(
            mapRuns.of(executionArn), MapRuns.Registered::sequence, true, maxResults, nextToken);
    return new Page<>(
        page.items().stream().map(r -> r.run().snapshot()).toList(), page.nextToken());
  }

  /**
   * DescribeMapRun: a map run's settings, status and counts of items and child executions.
   *
   * @throws ServiceException {@code ResourceNotFound}
   */
  public MapRun.Snapshot describeMapRun(String mapRunArn) {
    RequestValidator.mapRunArn(mapRunArn);
    return mapRuns.get(mapRunArn).snapshot();
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
    RequestValidator.mapRunArn(mapRunArn);
    new Constraints()
        .minValue("maxConcurrency", maxConcurrency, 0)
        .minValue("toleratedFailureCount", toleratedFailureCount, 0)
        .check();
    if (toleratedFailurePercentage != null
        && (toleratedFailurePercentage < 0 || toleratedFailurePercentage > 100)) {
      throw new InvalidRequestException(
          InvalidRequestException.VALIDATION_EXCEPTION,
          "1 validation error detected: Value '"
              + toleratedFailurePercentage
              + "' at 'toleratedFailurePercentage' failed to satisfy constraint: "
              + (toleratedFailurePercentage < 0
                  ? "Member must have value greater than or equal to 0"
                  : "Member must have value less than or equal to 100"));
    }
    mapRuns
        .get(mapRunArn)
        .update(maxConcurrency, toleratedFailureCount, toleratedFailurePercentage);
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
    checkListExecutions(
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
    List<MapRun.ChildExecution> children = new ArrayList<>(mapRuns.get(mapRunArn).children());
    Collections.reverse(children);
    List<MapRun.ChildExecution> matching =
        children.stream()
            .filter(e -> statusFilter == null || e.status().name().equals(statusFilter))
            .filter(
                e ->
                    redriveFilter == null
                        || (redriveFilter.equals("REDRIVEN") == (e.redriveCount() > 0)))
            .toList();
    return Page.of(matching, MapRun.ChildExecution::index, true, maxResults, nextToken);
  }

  /**
   * DescribeExecution of a Standard child workflow execution of a Distributed Map.
   *
   * @return empty when no map run started an execution of that ARN (or it is an Express one)
   */
  public Optional<MapRun.ChildExecution> describeMapRunExecution(String executionArn) {
    RequestValidator.executionArn(executionArn);
    return isStandardChild(executionArn) ? mapRuns.child(executionArn) : Optional.empty();
  }

  private boolean isStandardChild(String executionArn) {
    return executionArn != null
        && executionArn.contains(":execution:")
        && mapRuns.child(executionArn).isPresent();
  }

  /**
   * A child workflow execution of a Distributed Map is redriven by its map run, when its parent
   * execution is redriven, never by itself.
   */
  private void checkNotMapRunChild(String executionArn) {
    Optional<MapRun.ChildExecution> child = mapRuns.child(executionArn);
    if (child.isPresent()) {
      throw ServiceException.executionNotRedrivable(
          "Execution "
              + executionArn
              + " is a child workflow execution of map run "
              + child.get().mapRunArn()
              + " (redriveStatus "
              + child.get().redriveStatus()
              + "): redrive its parent execution "
              + mapRuns.get(child.get().mapRunArn()).executionArn()
              + " instead");
    }
  }

  // ---- running ----

  private void publish(ExecutionSnapshot execution) {
    if (execution.stateMachine().isExpress() || events == EventPublisher.NONE) {
      return;
    }
    try {
      events.publish(
          execution.toStatusChange(arns.region(), arns.account(), clock.now()).toEvent());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot publish status change of " + execution.arn(), e);
    }
  }

  private static void checkInputSize(String input) {
    if (input != null && input.length() > MAX_INPUT) {
      throw new InvalidRequestException(
          InvalidRequestException.VALIDATION_EXCEPTION,
          "1 validation error detected: Value at 'input' failed to satisfy constraint: "
              + "Member must have length less than or equal to "
              + MAX_INPUT);
    }
  }

  /** Stops the executions still running and the executor. */
  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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

    private Builder() {}

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
        simulator =
            Simulator.builder()
                .clock(clock)
                .region(region)
                .account(account)
                .executor(executor)
                .mockConfig(mockConfig == null ? MockConfig.empty() : mockConfig)
                .build();
      }
      return new StepFunctionsService(this);
    }
  }
}
