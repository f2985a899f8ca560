package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.definition.Catcher;
import dev.redrive.simulator.definition.ChoiceState;
import dev.redrive.simulator.definition.FailState;
import dev.redrive.simulator.definition.MapState;
import dev.redrive.simulator.definition.ParallelState;
import dev.redrive.simulator.definition.PassState;
import dev.redrive.simulator.definition.Retrier;
import dev.redrive.simulator.definition.State;
import dev.redrive.simulator.definition.StateCommon;
import dev.redrive.simulator.definition.StateMachineDefinition;
import dev.redrive.simulator.definition.TaskState;
import dev.redrive.simulator.definition.WaitState;
import dev.redrive.simulator.error.StatesError;
import dev.redrive.simulator.history.History;
import dev.redrive.simulator.path.DataResolver;
import dev.redrive.simulator.path.PayloadTemplate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the states of one execution and records its history as AWS does. One instance per execution;
 * branches of Parallel and iterations of Map run one after the other on the calling thread, so a
 * virtual clock makes a run fully deterministic.
 *
 * <p>Over 500 lines because it still holds, beside the loop, what the state runners share (the
 * ResultPath/Assign/Output steps, Catch, the context object, events, waits, redrive); they move out
 * when a scheduler replaces the loop (ARCHITECTURE.md, "Not built yet").
 */
public final class Interpreter {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

  final History history;
  final SimClock clock;
  final ExecutionInfo info;
  final LocalFunctions functions;
  final QueryEngine jsonata;
  final TaskTokens tokens;
  final TaskRunner tasks;
  final MapRunner maps;
  ChildExecutions children = ChildExecutions.NONE;
  Activities activities = new Activities();
  LocalQueues queues = new LocalQueues();
  dev.redrive.simulator.integration.SdkServices services =
      dev.redrive.simulator.integration.SdkServices.none();
  Optional<dev.redrive.simulator.mock.TestCase> mocks = Optional.empty();
  java.util.function.Consumer<MapRun> mapRuns = r -> {};

  private Optional<java.util.function.UnaryOperator<ObjectNode>> contextEdit = Optional.empty();

  private Map<String, JsonNode> initialVariables = Map.of();

  /** Invocations so far of each mocked state, by state name (retries and redrives included). */
  final Map<String, Integer> mockAttempts = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * @param history where events go
   * @param clock the time source
   * @param info the execution's identity, for the context object
   * @param functions local functions for Lambda tasks
   * @param jsonata the JSONata engine for JSONata-mode states
   * @param tokens task tokens for {@code .waitForTaskToken}
   */
  public Interpreter(
      History history,
      SimClock clock,
      ExecutionInfo info,
      LocalFunctions functions,
      QueryEngine jsonata,
      TaskTokens tokens) {
    this.history = history;
    this.clock = clock;
    this.info = info;
    this.functions = functions;
    this.jsonata = jsonata;
    this.tokens = tokens;
    this.tasks = new TaskRunner(this);
    this.maps = new MapRunner(this);
  }

  /** How an execution ended, as {@code DescribeExecution} reports it. */
  public enum Ending {
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    ABORTED
  }

  /** Thrown through the states when the execution times out or is stopped. */
  static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Ending ending;

    Interrupted(Ending ending) {
      super(ending.name(), null, false, false);
      this.ending = ending;
    }
  }

  private volatile boolean abortRequested;
  private volatile String abortError;
  private volatile String abortCause;
  private volatile Ending ending;
  private Instant deadline;
  private Frame top;
  private String failedState;
  private JsonNode failedInput;
  private int redriveCount;
  private java.util.SplittableRandom jitter;

  /** Results of Map iterations and Parallel branches that succeeded before the top level failed. */
  final Map<State, JsonNode[]> completedParts = new java.util.IdentityHashMap<>();

  /**
   * Runs a whole execution: {@code ExecutionStarted}, the states, then {@code ExecutionSucceeded},
   * {@code ExecutionFailed}, {@code ExecutionTimedOut} or {@code ExecutionAborted}.
   */
  public Outcome runExecution(StateMachineDefinition definition) {
    ObjectNode started = NODES.objectNode();
    started.set("input", info.input());
    started.set("inputDetails", notTruncated());
    started.put("roleArn", info.roleArn());
    definition.timeoutSeconds().ifPresent(t -> deadline = clock.now().plusSeconds(t));
    history.add(0, clock.now(), "ExecutionStarted", "executionStartedEventDetails", started);
    top = new Frame(0, Variables.root(), -1, null);
    top.variables.assign(initialVariables);
    return finishExecution(definition, definition.startAt(), info.input());
  }

  /**
   * Redrives a failed, timed-out or aborted execution, as {@code RedriveExecution} does: records
   * {@code ExecutionRedriven}, then runs again from the state that failed, with the input it had;
   * in a Map or Parallel state that failed, only the iterations or branches that did not succeed
   * run again. Retry counters start from zero.
   *
   * @throws IllegalStateException when the execution has not ended in a redrivable way
   */
  public Outcome redrive(StateMachineDefinition definition) {
    if (ending == null || ending == Ending.SUCCEEDED || failedState == null) {
      throw new IllegalStateException(
          "only a failed, timed-out or aborted execution can be redriven, was " + ending);
    }
    if (history.full()) {
      throw new IllegalStateException("Execution history event limit exceeded");
    }
    redriveCount++;
    abortRequested = false;
    abortError = null;
    abortCause = null;
    ending = null;
    ObjectNode d = NODES.objectNode();
    d.put("redriveCount", redriveCount);
    top.last =
        history.add(
            history.size(), clock.now(), "ExecutionRedriven", "executionRedrivenEventDetails", d);
    definition.timeoutSeconds().ifPresent(t -> deadline = clock.now().plusSeconds(t));
    return finishExecution(definition, failedState, failedInput);
  }

  private Outcome finishExecution(StateMachineDefinition definition, String from, JsonNode input) {
    Outcome outcome;
    try {
      outcome = runBranchFrom(definition, from, input, top);
    } catch (History.LimitReached e) {
      outcome = Outcome.failure(History.LIMIT_ERROR, e.cause());
    } catch (Interrupted e) {
      ending = e.ending;
      ObjectNode d = NODES.objectNode();
      if (e.ending == Ending.TIMED_OUT) {
        d.put("error", StatesError.TIMEOUT);
        history.add(
            history.size(), clock.now(), "ExecutionTimedOut", "executionTimedOutEventDetails", d);
        return Outcome.failure(StatesError.TIMEOUT, null);
      }
      if (abortError != null) {
        d.put("error", abortError);
      }
      if (abortCause != null) {
        d.put("cause", abortCause);
      }
      history.add(
          history.size(), clock.now(), "ExecutionAborted", "executionAbortedEventDetails", d);
      return Outcome.failure(abortError, abortCause);
    }
    if (outcome.failed()) {
      ending = Ending.FAILED;
      ObjectNode d = NODES.objectNode();
      if (outcome.error() != null) {
        d.put("error", outcome.error());
      }
      if (outcome.cause() != null) {
        d.put("cause", outcome.cause());
      }
      emit(top, "ExecutionFailed", "executionFailedEventDetails", d);
    } else {
      ending = Ending.SUCCEEDED;
      failedState = null;
      ObjectNode d = NODES.objectNode();
      d.set("output", outcome.output());
      d.set("outputDetails", notTruncated());
      emit(top, "ExecutionSucceeded", "executionSucceededEventDetails", d);
    }
    return outcome;
  }

  /** How the execution ended, or null while it runs. */
  public Ending ending() {
    return ending;
  }

  /** The execution's identity and input. */
  public ExecutionInfo info() {
    return info;
  }

  /** How many times it was redriven. */
  public int redriveCount() {
    return redriveCount;
  }

  /**
   * Asks the execution to stop ({@code StopExecution}); it ends with {@code ExecutionAborted} at
   * the next state, or at once when it waits (Wait state, retry back-off, task token, activity).
   */
  public void abort(String error, String cause) {
    this.abortError = error;
    this.abortCause = cause;
    this.abortRequested = true;
    wakeup.signal();
    maps.abortRunningChild();
  }

  /** Wakes this execution's waits: signalled on a stop request, a token's answer or heartbeat. */
  final Wakeup wakeup = new Wakeup();

  /** Throws when the execution was stopped or ran out of time. */
  void checkInterrupted() {
    if (abortRequested) {
      throw new Interrupted(Ending.ABORTED);
    }
    if (deadline != null && !clock.now().isBefore(deadline)) {
      throw new Interrupted(Ending.TIMED_OUT);
    }
  }

  /**
   * Lets time pass on the execution's clock, stopping at the execution's deadline or when it is
   * aborted.
   */
  void sleep(java.time.Duration d) {
    checkInterrupted();
    Instant until = clock.now().plus(d);
    Instant stop = deadline != null && deadline.isBefore(until) ? deadline : until;
    try {
      while (clock.now().isBefore(stop)) {
        long seen = wakeup.count();
        checkInterrupted();
        clock.pass(stop, nanos -> wakeup.await(seen, nanos));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Interrupted(Ending.ABORTED);
    }
    checkInterrupted();
  }

  /**
   * Blocks until {@code ready} holds, checking it again each time {@link #wakeup} is signalled, so
   * whatever makes it true must signal; gives up at {@code until} (null: no limit) on the
   * execution's clock. Nothing polls: the clock waits until a signal or the nearest limit ({@code
   * until}, the execution's deadline) as {@link SimClock#awaitOutside} says.
   *
   * @return true when ready, false when {@code until} came first
   * @throws Interrupted when the execution is stopped or times out meanwhile
   */
  boolean waitFor(java.util.function.BooleanSupplier ready, Instant until) {
    try {
      while (true) {
        long seen = wakeup.count();
        if (ready.getAsBoolean()) {
          return true;
        }
        checkInterrupted();
        Instant now = clock.now();
        if (until != null && !now.isBefore(until)) {
          return false;
        }
        Instant limit = until;
        if (deadline != null && (limit == null || deadline.isBefore(limit))) {
          limit = deadline;
        }
        clock.awaitOutside(limit, nanos -> wakeup.await(seen, nanos));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Interrupted(Ending.ABORTED);
    }
  }

  /** Runs a state machine or branch from its StartAt state to its end. */
  Outcome runBranch(StateMachineDefinition definition, JsonNode input, Frame frame) {
    return runBranchFrom(definition, definition.startAt(), input, frame);
  }

  private Outcome runBranchFrom(
      StateMachineDefinition definition, String start, JsonNode input, Frame frame) {
    State state = definition.state(start);
    JsonNode data = input;
    while (true) {
      checkInterrupted();
      Step step;
      try {
        step = runState(state, data, frame);
      } catch (Interrupted e) {
        if (frame == top) {
          failedState = state.name();
          failedInput = data;
        }
        throw e;
      }
      if (step.failed) {
        if (frame == top) {
          failedState = state.name();
          failedInput = data;
        }
        frame.failedStateType = state.common().type();
        return Outcome.failure(step.error, step.cause);
      }
      if (frame == top) {
        completedParts.remove(state);
      }
      if (step.next == null) {
        return Outcome.success(step.output);
      }
      state = definition.state(step.next);
      data = step.output;
    }
  }

  /** What a state leads to: the next state and its input, the end of the branch, or a failure. */
  record Step(String next, JsonNode output, String error, String cause, boolean failed) {
    Step(String next, JsonNode output, String error, String cause) {
      this(next, output, error, cause, error != null);
    }

    static Step failure(String error, String cause) {
      return new Step(null, null, error, cause, true);
    }
  }

  /** Everything one state's run needs to know about itself. */
  final class StateRun {
    final State state;
    final StateCommon common;
    final Frame frame;
    final JsonNode rawInput;
    final long enteredId;
    final long enteredPrev;
    final Instant enteredTime;
    int retryCount;
    String taskToken;

    StateRun(State state, Frame frame, JsonNode rawInput, long enteredId, long enteredPrev) {
      this.state = state;
      this.common = state.common();
      this.frame = frame;
      this.rawInput = rawInput;
      this.enteredId = enteredId;
      this.enteredPrev = enteredPrev;
      this.enteredTime = clock.now();
    }

    /** A resolver over the given value as {@code $}. */
    DataResolver data(JsonNode input) {
      return new DataResolver(input, this::context, frame.variables::get);
    }

    ObjectNode context() {
      return contextObject(this);
    }

    /** {@code $states} for JSONata: input, context, and the given extras. */
    ObjectNode states(JsonNode result, JsonNode errorOutput) {
      ObjectNode s = NODES.objectNode();
      s.set("input", rawInput);
      s.set("context", context());
      if (result != null) {
        s.set("result", result);
      }
      if (errorOutput != null) {
        s.set("errorOutput", errorOutput);
      }
      return s;
    }

    JsonNode evalJsonata(JsonNode template, ObjectNode states, String field) {
      return jsonata.evaluate(
          template, states, frame.variables.visible(), field, common.name(), enteredId);
    }
  }

  private Step runState(State state, JsonNode rawInput, Frame frame) {
    long enteredPrev = frame.last;
    long enteredId =
        history.addStateEntered(
            frame.last,
            clock.now(),
            eventType(state.common().type(), "StateEntered"),
            state.name(),
            rawInput);
    frame.last = enteredId;
    StateRun run = new StateRun(state, frame, rawInput, enteredId, enteredPrev);
    try {
      if (state instanceof PassState s) {
        return PassExecutor.run(this, run, s);
      } else if (state instanceof TaskState s) {
        return tasks.run(run, s);
      } else if (state instanceof ChoiceState s) {
        return ChoiceExecutor.run(this, run, s);
      } else if (state instanceof MapState s) {
        return maps.run(run, s);
      } else if (state instanceof ParallelState s) {
        return maps.runParallel(run, s);
      } else if (state instanceof WaitState s) {
        return Waits.run(this, run, s);
      } else if (state instanceof FailState s) {
        return FailExecutor.run(this, run, s);
      } else {
        return SucceedExecutor.run(this, run);
      }
    } catch (StatesError e) {
      return evaluationFailure(run, e);
    }
  }

  /**
   * A failure of the state's own evaluation (a path, a template, an expression): recorded with the
   * state's name and entered event, then handled by Catch when the state has one.
   */
  Step evaluationFailure(StateRun run, StatesError e) {
    String prefix =
        "An error occurred while executing the state '"
            + run.common.name()
            + "' (entered at the event id #"
            + run.enteredId
            + "). ";
    String cause =
        e.cause().startsWith("An error occurred while executing the state")
                || StatesError.DATA_LIMIT_EXCEEDED.equals(e.error())
            ? e.cause()
            : prefix + e.cause();
    if (StatesError.QUERY_EVALUATION_ERROR.equals(e.error())) {
      ObjectNode d = NODES.objectNode();
      d.put("error", e.error());
      d.put("cause", cause);
      if (e instanceof LocatedError le) {
        if (!le.location().isEmpty()) {
          d.put("location", le.location());
        }
      } else {
        locationOf(cause).ifPresent(l -> d.put("location", l));
      }
      d.put("state", run.common.name());
      long id =
          history.add(
              // a Wait state evaluates its time after it has entered; other states before
              run.state instanceof WaitState ? run.frame.last : run.enteredPrev,
              clock.now(),
              "EvaluationFailed",
              "evaluationFailedEventDetails",
              d);
      run.frame.last = id;
      if (run.state instanceof MapState) {
        emit(run.frame, "MapStateFailed", null, null);
      } else if (run.state instanceof ParallelState) {
        emit(run.frame, "ParallelStateFailed", null, null);
      }
    }
    return handleFailure(run, e.error(), cause);
  }

  private static Optional<String> locationOf(String cause) {
    String marker = "specified for the field '";
    int i = cause.indexOf(marker);
    if (i < 0) {
      return Optional.empty();
    }
    int end = cause.indexOf('\'', i + marker.length());
    return end < 0 ? Optional.empty() : Optional.of(cause.substring(i + marker.length(), end));
  }

  /** A failure with a location for its {@code EvaluationFailed} event. */
  static final class LocatedError extends StatesError {
    private static final long serialVersionUID = 1L;
    private final String location;

    LocatedError(String error, String cause, String location) {
      super(error, cause);
      this.location = location;
    }

    String location() {
      return location;
    }
  }

  /** Applies the state's Catch to an error, or fails the branch. */
  Step handleFailure(StateRun run, String error, String cause) {
    String name = error == null ? "" : error;
    // States.Runtime is never caught, not even by a Catcher naming it (AWS behaviour).
    if (!StatesError.RUNTIME.equals(name)) {
      for (Catcher c : run.common.catchers()) {
        if (c.matches(name)) {
          return caught(run, c, error, cause);
        }
      }
    }
    return Step.failure(error, cause);
  }

  private Step caught(StateRun run, Catcher c, String error, String cause) {
    ObjectNode errorOutput = NODES.objectNode();
    if (error != null) {
      errorOutput.put("Error", error);
    }
    if (cause != null) {
      errorOutput.put("Cause", cause);
    }
    JsonNode output;
    Map<String, JsonNode> assigned = Map.of();
    if (run.common.jsonata()) {
      ObjectNode states = run.states(null, errorOutput);
      if (c.assignRaw().isPresent()) {
        assigned = assignJsonata(run, c.assignRaw().get(), states, "Assign");
      }
      output =
          c.output().isPresent()
              ? run.evalJsonata(c.output().get(), states, "Output")
              : errorOutput;
    } else {
      if (c.assign().isPresent()) {
        assigned = assignTemplate(run, c.assign().get(), errorOutput);
      }
      output = c.resultPath().merge(run.rawInput, errorOutput);
    }
    run.frame.variables.assign(assigned);
    exited(run, output, assigned);
    return new Step(c.next(), output, null, null);
  }

  /**
   * What a Task, Map or Parallel state does with its result: Assign and Output in JSONata mode,
   * ResultSelector then {@link #finishJsonPath} in JSONPath mode.
   */
  Step finishResult(StateRun run, JsonNode result) {
    StateCommon c = run.common;
    if (c.jsonata()) {
      ObjectNode states = run.states(result, null);
      Map<String, JsonNode> assigned =
          c.assignRaw().isPresent()
              ? assignJsonata(run, c.assignRaw().get(), states, "Assign")
              : Map.of();
      JsonNode output =
          c.output().isPresent() ? run.evalJsonata(c.output().get(), states, "Output") : result;
      return finish(run, output, assigned);
    }
    JsonNode selected =
        c.resultSelector().isPresent()
            ? c.resultSelector().get().evaluate(run.data(result))
            : result;
    return finishJsonPath(run, selected);
  }

  /** ResultPath, Assign and OutputPath of a JSONPath-mode state, then the exit. */
  Step finishJsonPath(StateRun run, JsonNode result) {
    StateCommon c = run.common;
    Map<String, JsonNode> assigned =
        c.assign().isPresent() ? assignTemplate(run, c.assign().get(), result) : Map.of();
    JsonNode merged = c.resultPath().merge(run.rawInput, result);
    JsonNode output = c.outputPath().select(run.data(merged));
    return finish(run, output, assigned);
  }

  /** Assigns the variables, records the exit and moves on. */
  Step finish(StateRun run, JsonNode output, Map<String, JsonNode> assigned) {
    if (Payloads.tooLarge(output)) {
      throw new StatesError(
          StatesError.DATA_LIMIT_EXCEEDED,
          "The state/task '"
              + run.common.name()
              + "' returned a result with a size exceeding the maximum number of bytes service"
              + " limit.");
    }
    run.frame.variables.assign(assigned);
    exited(run, output, assigned);
    return new Step(run.common.next().orElse(null), output, null, null);
  }

  Map<String, JsonNode> assignTemplate(StateRun run, PayloadTemplate assign, JsonNode dollar) {
    JsonNode values = assign.evaluate(run.data(dollar));
    Map<String, JsonNode> out = new LinkedHashMap<>();
    values.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  Map<String, JsonNode> assignJsonata(
      StateRun run, JsonNode assign, ObjectNode states, String field) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = assign.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), run.evalJsonata(e.getValue(), states, field + "/" + e.getKey()));
    }
    return out;
  }

  void exited(StateRun run, JsonNode output, Map<String, JsonNode> assigned) {
    run.frame.last =
        history.addStateExited(
            run.frame.last,
            clock.now(),
            eventType(run.common.type(), "StateExited"),
            run.common.name(),
            output,
            assigned);
  }

  // ---- events and the context object ----

  /** Appends an event after the frame's last one and makes it the frame's last. */
  long emit(Frame frame, String type, String detailsKey, ObjectNode details) {
    long id = history.add(frame.last, clock.now(), type, detailsKey, details);
    frame.last = id;
    return id;
  }

  /** Appends an event after the given one, without moving the frame. */
  long emitAfter(long previous, String type, String detailsKey, ObjectNode details) {
    return history.add(previous, clock.now(), type, detailsKey, details);
  }

  /**
   * {@code {"truncated": false}}, shared by every event that carries a payload (events are never
   * modified once recorded, so one instance serves them all and saves memory per event).
   */
  private static final ObjectNode NOT_TRUNCATED = NODES.objectNode().put("truncated", false);

  static ObjectNode notTruncated() {
    return NOT_TRUNCATED;
  }

  ObjectNode contextObject(StateRun run) {
    ObjectNode ctx = NODES.objectNode();
    ObjectNode exec = ctx.putObject("Execution");
    exec.put("Id", info.executionArn());
    exec.set("Input", info.input());
    exec.put("StartTime", iso(info.startTime()));
    exec.put("Name", info.executionName());
    exec.put("RoleArn", info.roleArn());
    exec.put("RedriveCount", info.redriveCount() + redriveCount);
    ObjectNode st = ctx.putObject("State");
    st.put("EnteredTime", iso(run.enteredTime));
    st.put("Name", run.common.name());
    if (run.state instanceof TaskState
        || run.state instanceof MapState
        || run.state instanceof ParallelState) {
      st.put("RetryCount", run.retryCount);
    }
    ObjectNode sm = ctx.putObject("StateMachine");
    sm.put("Id", info.stateMachineArn());
    sm.put("Name", info.stateMachineName());
    if (run.taskToken != null) {
      ctx.putObject("Task").put("Token", run.taskToken);
    }
    if (run.frame.mapValue != null) {
      ObjectNode item = ctx.putObject("Map").putObject("Item");
      item.put("Index", run.frame.mapIndex);
      item.set("Value", run.frame.mapValue);
    }
    return contextEdit.isPresent() ? contextEdit.get().apply(ctx) : ctx;
  }

  private static final java.util.concurrent.ConcurrentMap<String, String> EVENT_TYPES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** {@code Pass} + {@code StateEntered}, one shared string per type (events keep it). */
  static String eventType(String stateType, String suffix) {
    return EVENT_TYPES.computeIfAbsent(stateType + suffix, k -> k);
  }

  static String iso(Instant t) {
    return ISO.format(t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  /** Where activity tasks wait for workers (shared by the executions of a simulator). */
  public Interpreter withActivities(Activities value) {
    this.activities = java.util.Objects.requireNonNull(value, "activities");
    return this;
  }

  /** The in-process queues {@code sqs:sendMessage} tasks send to (shared by a simulator). */
  public Interpreter withQueues(LocalQueues value) {
    this.queues = java.util.Objects.requireNonNull(value, "queues");
    return this;
  }

  /** The services tasks call at the endpoints a user named (shared by a simulator). */
  public Interpreter withServices(dev.redrive.simulator.integration.SdkServices value) {
    this.services = java.util.Objects.requireNonNull(value, "services");
    return this;
  }

  /** Workflow variables in scope from the first state on (TestState's {@code variables}). */
  public Interpreter withVariables(Map<String, JsonNode> values) {
    this.initialVariables = Map.copyOf(values);
    return this;
  }

  /** Rewrites the context object each state sees (TestState), if given. */
  public Interpreter withContextEdit(Optional<java.util.function.UnaryOperator<ObjectNode>> value) {
    this.contextEdit = java.util.Objects.requireNonNull(value, "contextEdit");
    return this;
  }

  /**
   * The test case whose mocked responses answer this execution's Task states (empty: none). The
   * attempts of each mocked state are counted over the whole execution, redrives included.
   */
  public Interpreter withMocks(Optional<dev.redrive.simulator.mock.TestCase> value) {
    this.mocks = java.util.Objects.requireNonNull(value, "mocks");
    return this;
  }

  /**
   * Told of each map run a Distributed Map state starts (also in child workflows), before its first
   * child runs.
   */
  public Interpreter withMapRuns(java.util.function.Consumer<MapRun> value) {
    this.mapRuns = java.util.Objects.requireNonNull(value, "mapRuns");
    return this;
  }

  /** Where {@code states:startExecution} tasks start their executions. */
  public Interpreter withChildren(ChildExecutions value) {
    this.children = java.util.Objects.requireNonNull(value, "children");
    return this;
  }

  /**
   * The wait before a retry: the retrier's interval, backoff and cap, and with {@code
   * JitterStrategy: FULL} a random part of it. The randomness is seeded by the execution ARN, so a
   * run on a virtual clock is repeatable.
   */
  long backoffMillis(dev.redrive.simulator.definition.Retrier retrier, int attempt) {
    long delay = retrier.delayMillis(attempt);
    if (retrier.fullJitter() && delay > 0) {
      if (jitter == null) {
        jitter = new java.util.SplittableRandom(info.executionArn().hashCode());
      }
      delay = jitter.nextLong(delay + 1);
    }
    return delay;
  }

  /** True when the frame is the execution's top level (where redrive resumes). */
  boolean isTop(Frame frame) {
    return frame == top;
  }

  /** Looks up the retrier for an error; helper for task-like states. */
  static Optional<Integer> retrierFor(StateCommon c, String error) {
    for (int i = 0; i < c.retry().size(); i++) {
      Retrier r = c.retry().get(i);
      if (r.matches(error)) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }
}
