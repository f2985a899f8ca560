package dev.redrive.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.definition.DefinitionParser;
import dev.redrive.simulator.definition.StateMachineDefinition;
import dev.redrive.simulator.definition.validation.DefinitionValidator;
import dev.redrive.simulator.history.History;
import dev.redrive.simulator.runtime.ChildExecutions;
import dev.redrive.simulator.runtime.ExecutionInfo;
import dev.redrive.simulator.runtime.Interpreter;
import dev.redrive.simulator.runtime.LocalFunction;
import dev.redrive.simulator.runtime.LocalFunctions;
import dev.redrive.simulator.runtime.QueryEngine;
import dev.redrive.simulator.runtime.SimClock;
import dev.redrive.simulator.runtime.TaskTokens;
import java.util.Objects;
import java.util.Optional;

/**
 * A local AWS Step Functions: runs state machine definitions in-process and records their history
 * as AWS does. The entry point of the CLI's {@code redrive run} and of the HTTP service.
 *
 * <pre>{@code
 * Simulator sim = Simulator.builder().function("echo", (in, clock) -> in).build();
 * ExecutionResult r = sim.run(definitionJson, "{\"a\": 1}", RunOptions.defaults());
 * }</pre>
 *
 * <p>Thread-safe: executions share only the function registry and the task tokens.
 */
public final class Simulator {
  /** The account id in ARNs when none is configured. */
  public static final String DEFAULT_ACCOUNT = "111111111111";

  /** The region in ARNs when none is configured. */
  public static final String DEFAULT_REGION = "us-east-1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SimClock clock;
  private final LocalFunctions functions;
  private final TaskTokens tokens;
  private final String region;
  private final String account;
  private final boolean validate;
  private final dev.redrive.simulator.mock.MockConfig mockConfig;
  private final dev.redrive.simulator.runtime.LocalQueues queues;
  private final dev.redrive.simulator.integration.SdkServices services;
  private final int historyEventLimit;
  private final java.util.concurrent.Executor executor;
  private final java.util.List<java.util.function.BiConsumer<LocalExecution, String>>
      childListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.List<java.util.function.Consumer<dev.redrive.simulator.runtime.MapRun>>
      mapRunListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final java.util.Map<String, Registered> stateMachines =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final dev.redrive.simulator.runtime.Activities activities =
      new dev.redrive.simulator.runtime.Activities();

  /** A registered state machine. */
  private record Registered(String name, StateMachineDefinition definition) {}

  private Simulator(Builder b) {
    this.clock = b.clock;
    this.functions = b.functions;
    this.tokens = b.tokens;
    this.region = b.region;
    this.account = b.account;
    this.validate = b.validate;
    this.mockConfig = b.mockConfig;
    this.queues = b.queues;
    this.services = b.services;
    this.historyEventLimit = b.historyEventLimit;
    this.executor = b.executor;
  }

  /** A builder with the system clock, no functions, region us-east-1, account 111111111111. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Registers a state machine that executions can start as a nested workflow ({@code
   * states:startExecution}), replacing any of the same name.
   *
   * @return its ARN
   * @throws dev.redrive.simulator.definition.validation.InvalidDefinitionException when invalid
   *     (validation on by default)
   */
  public String register(String name, String definitionJson) {
    if (validate) {
      DefinitionValidator.validate(definitionJson);
    }
    String arn = stateMachineArn(name);
    stateMachines.put(arn, new Registered(name, DefinitionParser.parse(definitionJson)));
    return arn;
  }

  /**
   * Starts an execution of a registered state machine in the background.
   *
   * @throws IllegalArgumentException when no state machine has that ARN, or the input is not JSON
   */
  public LocalExecution startRegistered(
      String stateMachineArn, String inputJson, String executionName) {
    Registered sm = stateMachines.get(stateMachineArn);
    if (sm == null) {
      throw new IllegalArgumentException("no state machine " + stateMachineArn);
    }
    RunOptions options =
        RunOptions.defaults().withStateMachineName(sm.name()).withExecutionName(executionName);
    return create(sm.definition(), parseInput(inputJson), options, executor).begin();
  }

  /**
   * Unregisters a state machine ({@code DeleteStateMachine}): nested executions can no longer start
   * it; running executions go on.
   *
   * @return true when one was registered under that name
   */
  public boolean unregister(String name) {
    return stateMachines.remove(stateMachineArn(name)) != null;
  }

  /** The mock configuration of this simulator (empty when none was given). */
  public dev.redrive.simulator.mock.MockConfig mockConfig() {
    return mockConfig;
  }

  /**
   * The test case of a state machine in this simulator's mock configuration, for {@link
   * RunOptions#withMocks}.
   *
   * @throws IllegalArgumentException when the configuration has no such test case
   */
  public dev.redrive.simulator.mock.TestCase testCase(String stateMachineName, String caseName) {
    return mockConfig
        .testCase(stateMachineName, caseName)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no test case '"
                        + caseName
                        + "' for state machine '"
                        + stateMachineName
                        + "' in the mock configuration (its test cases: "
                        + mockConfig.testCases(stateMachineName)
                        + ")"));
  }

  /** The ARN of an activity of that name in this simulator (activities exist once named). */
  public String activityArn(String name) {
    return "arn:aws:states:" + region + ":" + account + ":activity:" + name;
  }

  /** The activity tasks waiting for workers, for {@code GetActivityTask}. */
  public dev.redrive.simulator.runtime.Activities activities() {
    return activities;
  }

  /** The in-process queues {@code sqs:sendMessage} tasks send to (see {@link Builder#queues}). */
  public dev.redrive.simulator.runtime.LocalQueues queues() {
    return queues;
  }

  /** The ARN a state machine of that name has in this simulator. */
  public String stateMachineArn(String name) {
    return "arn:aws:states:" + region + ":" + account + ":stateMachine:" + name;
  }

  /** The task tokens of {@code .waitForTaskToken} tasks, to complete them from outside. */
  public TaskTokens taskTokens() {
    return tokens;
  }

  /** The functions tasks can call. */
  public LocalFunctions functions() {
    return functions;
  }

  /**
   * Runs one execution to its end.
   *
   * @param definitionJson the Amazon States Language document
   * @param inputJson the execution input as JSON text ({@code "{}"} when empty)
   * @param options names and role
   * @return the status, output or error, and the whole history
   * @throws dev.redrive.simulator.definition.validation.InvalidDefinitionException when the
   *     definition is invalid (validation on by default)
   * @throws IllegalArgumentException when the input is not JSON
   */
  public ExecutionResult run(String definitionJson, String inputJson, RunOptions options) {
    if (validate) {
      DefinitionValidator.validate(definitionJson);
    }
    StateMachineDefinition definition = DefinitionParser.parse(definitionJson);
    return run(definition, parseInput(inputJson), options);
  }

  /** Runs one execution of an already parsed definition, on the calling thread. */
  public ExecutionResult run(
      StateMachineDefinition definition, JsonNode input, RunOptions options) {
    return create(definition, input, options, Runnable::run).begin().await();
  }

  /**
   * Starts an execution in the background ({@code StartExecution}).
   *
   * @throws dev.redrive.simulator.definition.validation.InvalidDefinitionException when the
   *     definition is invalid (validation on by default)
   * @throws IllegalArgumentException when the input is not JSON
   */
  public LocalExecution start(String definitionJson, String inputJson, RunOptions options) {
    if (validate) {
      DefinitionValidator.validate(definitionJson);
    }
    return start(DefinitionParser.parse(definitionJson), parseInput(inputJson), options);
  }

  /** Starts an execution of an already parsed definition in the background. */
  public LocalExecution start(
      StateMachineDefinition definition, JsonNode input, RunOptions options) {
    return create(definition, input, options, executor).begin();
  }

  private LocalExecution create(
      StateMachineDefinition definition,
      JsonNode input,
      RunOptions options,
      java.util.concurrent.Executor runOn) {
    String smArn =
        "arn:aws:states:" + region + ":" + account + ":stateMachine:" + options.stateMachineName();
    String execArn =
        options.executionArn().isPresent()
            ? options.executionArn().get()
            : "arn:aws:states:"
                + region
                + ":"
                + account
                + ":execution:"
                + options.stateMachineName()
                + ":"
                + options.executionName();
    ExecutionInfo info =
        new ExecutionInfo(
            execArn,
            options.executionName(),
            smArn,
            options.stateMachineName(),
            options.roleArn(),
            clock.now(),
            input,
            0,
            region,
            account);
    History history = new History(historyEventLimit);
    Interpreter interpreter =
        new Interpreter(history, clock, info, functions, new QueryEngine(clock), tokens)
            .withChildren((arn, name, in) -> runChild(execArn, arn, name, in))
            .withActivities(activities)
            .withQueues(queues)
            .withServices(services)
            .withMocks(options.mocks())
            .withContextEdit(options.contextEdit())
            .withVariables(options.variables())
            .withMapRuns(run -> mapRunListeners.forEach(l -> l.accept(run)));
    // A redrive runs in the background even for executions first run on the caller's thread
    // (nested executions), so RedriveExecution on them returns at once.
    return new LocalExecution(execArn, definition, history, interpreter, runOn, executor);
  }

  /** The most events one execution's history may hold (AWS: 25,000). */
  public int historyEventLimit() {
    return historyEventLimit;
  }

  /**
   * Calls {@code listener} with each nested execution ({@code states:startExecution}) when it
   * starts, before its first state runs, with the ARN of the execution that started it. The
   * listener runs on the parent's thread and must return quickly. It may refuse the start by
   * throwing {@link ChildExecutions.NameTaken} (the task fails with {@code ExecutionAlreadyExists})
   * or {@link ChildExecutions.AlreadyRunning} (the task gets that execution instead).
   */
  public void onChildStarted(java.util.function.BiConsumer<LocalExecution, String> listener) {
    childListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Calls {@code listener} with each map run a Distributed Map state starts (in any execution,
   * child workflows included), before its first child runs. The listener runs on the execution's
   * thread and must return quickly.
   */
  public void onMapRunStarted(
      java.util.function.Consumer<dev.redrive.simulator.runtime.MapRun> listener) {
    mapRunListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** A nested execution, run to its end on the calling thread. */
  private Optional<ChildExecutions.Child> runChild(
      String parentArn, String stateMachineArn, Optional<String> name, JsonNode input) {
    Registered sm = stateMachines.get(stateMachineArn);
    if (sm == null) {
      return Optional.empty();
    }
    java.time.Instant start = clock.now();
    RunOptions options =
        RunOptions.defaults()
            .withStateMachineName(sm.name())
            .withExecutionName(name.orElse(java.util.UUID.randomUUID().toString()));
    LocalExecution child = create(sm.definition(), input, options, Runnable::run);
    try {
      for (java.util.function.BiConsumer<LocalExecution, String> l : childListeners) {
        l.accept(child, parentArn);
      }
    } catch (ChildExecutions.AlreadyRunning e) {
      return Optional.of(e.awaitEnd());
    }
    ExecutionResult r = child.begin().await();
    return Optional.of(
        new ChildExecutions.Child(
            r.executionArn(),
            options.executionName(),
            stateMachineArn,
            input,
            r.status().name(),
            r.output().orElse(null),
            r.error().orElse(null),
            r.cause().orElse(null),
            start,
            clock.now()));
  }

  private static JsonNode parseInput(String inputJson) {
    if (inputJson == null || inputJson.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(inputJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("input is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Checks a region for ARNs.
   *
   * @return {@code value}
   * @throws IllegalArgumentException unless it looks like {@code us-east-1}
   */
  public static String requireRegion(String value) {
    if (value == null || !value.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
      throw new IllegalArgumentException("region must look like us-east-1, was " + value);
    }
    return value;
  }

  /**
   * Checks an account id for ARNs.
   *
   * @return {@code value}
   * @throws IllegalArgumentException unless it is 12 digits
   */
  public static String requireAccount(String value) {
    if (value == null || !value.matches("\\d{12}")) {
      throw new IllegalArgumentException("account must be 12 digits, was " + value);
    }
    return value;
  }

  /** Builds a {@link Simulator}; each setter checks its value. */
  public static final class Builder {
    private SimClock clock = SimClock.system();
    private LocalFunctions functions = new LocalFunctions();
    private TaskTokens tokens = new TaskTokens();
    private String region = DEFAULT_REGION;
    private String account = DEFAULT_ACCOUNT;
    private boolean validate = true;
    private dev.redrive.simulator.integration.SdkServices services =
        dev.redrive.simulator.integration.SdkServices.none();

    /**
     * The services that tasks without a mock call at the endpoints a user named ({@code redrive
     * serve --sqs-endpoint ...}): optimized integrations and {@code aws-sdk:} tasks whose service
     * has an endpoint there (default: none, so such tasks fail saying how to mock them).
     */
    public Builder services(dev.redrive.simulator.integration.SdkServices value) {
      this.services = Objects.requireNonNull(value, "services");
      return this;
    }

    private dev.redrive.simulator.runtime.LocalQueues queues =
        new dev.redrive.simulator.runtime.LocalQueues();
    private int historyEventLimit = History.MAX_EVENTS;
    private dev.redrive.simulator.mock.MockConfig mockConfig =
        dev.redrive.simulator.mock.MockConfig.empty();
    private java.util.concurrent.Executor executor = ExecutionThreads.create();

    private Builder() {}

    /**
     * Where {@link Simulator#start} runs executions; each holds its thread until it ends, also
     * while it waits. By default a thread each: virtual on JDK 24 and later, a daemon platform
     * thread before.
     */
    public Builder executor(java.util.concurrent.Executor value) {
      this.executor = Objects.requireNonNull(value, "executor");
      return this;
    }

    /** The clock: {@link SimClock#system()} (default) or a {@code VirtualClock}. */
    public Builder clock(SimClock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Registers a local function under a name or Lambda ARN. */
    public Builder function(String nameOrArn, LocalFunction function) {
      Objects.requireNonNull(nameOrArn, "nameOrArn");
      Objects.requireNonNull(function, "function");
      functions.register(nameOrArn, function);
      return this;
    }

    /** Uses the given function registry (shared with the caller). */
    public Builder functions(LocalFunctions value) {
      this.functions = Objects.requireNonNull(value, "functions");
      return this;
    }

    /** Uses the given task-token registry (shared with the caller). */
    public Builder taskTokens(TaskTokens value) {
      this.tokens = Objects.requireNonNull(value, "taskTokens");
      return this;
    }

    /** The region in ARNs, e.g. {@code us-east-1}. */
    public Builder region(String value) {
      this.region = requireRegion(value);
      return this;
    }

    /** The 12-digit account id in ARNs. */
    public Builder account(String value) {
      this.account = requireAccount(value);
      return this;
    }

    /**
     * Whether {@link #run(String, String, RunOptions)} validates definitions first (default true).
     */
    public Builder validateDefinitions(boolean value) {
      this.validate = value;
      return this;
    }

    /**
     * The mock configuration whose test cases executions can use ({@link Simulator#testCase},
     * {@link RunOptions#withMocks}); default none.
     */
    public Builder mockConfig(dev.redrive.simulator.mock.MockConfig value) {
      this.mockConfig = Objects.requireNonNull(value, "mockConfig");
      return this;
    }

    /**
     * The in-process queues that {@code sqs:sendMessage} tasks send to when their {@code QueueUrl}
     * names one of them (shared with the caller, whose workers receive from them); default: an
     * empty registry, also reachable through {@link Simulator#queues()}.
     */
    public Builder queues(dev.redrive.simulator.runtime.LocalQueues value) {
      this.queues = Objects.requireNonNull(value, "queues");
      return this;
    }

    /**
     * The most events one execution's history may hold: AWS's quota of 25,000 by default ({@link
     * History#MAX_EVENTS}); raise it only to measure or test workloads AWS would fail.
     *
     * @throws IllegalArgumentException when below 2
     */
    public Builder historyEventLimit(int value) {
      if (value < 2) {
        throw new IllegalArgumentException("historyEventLimit must be >= 2, was " + value);
      }
      this.historyEventLimit = value;
      return this;
    }

    /** The simulator. */
    public Simulator build() {
      return new Simulator(this);
    }
  }
}
