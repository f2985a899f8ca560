package dev.redrive.simulator.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.ExecutionResult;
import dev.redrive.simulator.LocalExecution;
import dev.redrive.simulator.RunOptions;
import dev.redrive.simulator.Simulator;
import dev.redrive.simulator.execution.ExecutionStatus;
import dev.redrive.simulator.history.HistoryJson;
import dev.redrive.simulator.mock.MockConfig;
import dev.redrive.simulator.mock.TestCase;
import dev.redrive.simulator.runtime.ChildExecutions;
import dev.redrive.simulator.runtime.MapRun;
import dev.redrive.simulator.runtime.SimClock;
import dev.redrive.simulator.validation.InvalidRequestException;
import dev.redrive.simulator.validation.RequestValidator;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts executions on the simulator (StartExecution, StartSyncExecution, nested executions a task
 * starts, map runs a Distributed Map starts) and records how each run ends: saved, kept within the
 * retention, and published as a status change.
 */
final class ExecutionRunner {
  /** Largest execution input AWS accepts, in characters (256 KiB). */
  static final int MAX_INPUT = 262_144;

  private static final Logger LOG = Logger.getLogger(ExecutionRunner.class.getName());

  private final Simulator simulator;
  private final SimClock clock;
  private final Arns arns;
  private final MockConfig mockConfig;
  private final StateMachines stateMachines;
  private final Executions executions;
  private final MapRuns mapRuns;
  private final StatusEvents events;
  private final VersionsAndAliases versions;
  private volatile boolean closing;

  ExecutionRunner(
      Simulator simulator,
      SimClock clock,
      Arns arns,
      MockConfig mockConfig,
      StateMachines stateMachines,
      Executions executions,
      MapRuns mapRuns,
      StatusEvents events,
      VersionsAndAliases versions) {
    this.versions = versions;
    this.simulator = simulator;
    this.clock = clock;
    this.arns = arns;
    this.mockConfig = mockConfig;
    this.stateMachines = stateMachines;
    this.executions = executions;
    this.mapRuns = mapRuns;
    this.events = events;
    simulator.onChildStarted(this::childStarted);
    simulator.onMapRunStarted(this::mapRunStarted);
  }

  /** A state machine ARN, and the test case named after {@code #} in it, if any. */
  private record Target(String stateMachineArn, Optional<String> testCase) {
    static Target of(String arn) {
      int hash = arn == null ? -1 : arn.indexOf('#');
      return hash < 0
          ? new Target(arn, Optional.empty())
          : new Target(arn.substring(0, hash), Optional.of(arn.substring(hash + 1)));
    }
  }

  /** StartExecution; see {@link StepFunctionsService#startExecution}. */
  ExecutionSnapshot start(String stateMachineArn, String name, String input) {
    checkInputSize(input);
    Target target = Target.of(stateMachineArn);
    RequestValidator.startExecution(target.stateMachineArn(), name, input);
    VersionsAndAliases.Target resolved =
        versions.resolve(target.stateMachineArn(), stateMachines::get);
    StateMachine sm = resolved.stateMachine();
    Optional<TestCase> mocks = target.testCase().map(c -> testCase(sm, c));
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
      versions.started(candidate.arn(), resolved.origin());
      run(candidate, mocks);
      return candidate.snapshot(clock.now());
    }
    Executions.Registered registered = executions.register(candidate);
    Execution execution = registered.execution();
    if (registered.created()) {
      versions.started(execution.arn(), resolved.origin());
      events.publish(execution.snapshot(clock.now()));
      run(execution, mocks);
      executions.save(execution);
    }
    return execution.snapshot(clock.now());
  }

  /** StartSyncExecution; see {@link StepFunctionsService#startSyncExecution}. */
  StepFunctionsService.SyncExecution startSync(String stateMachineArn, String name, String input) {
    checkInputSize(input);
    Target target = Target.of(stateMachineArn);
    RequestValidator.startExecution(target.stateMachineArn(), name, input);
    VersionsAndAliases.Target resolved =
        versions.resolve(target.stateMachineArn(), stateMachines::get);
    StateMachine sm = resolved.stateMachine();
    Optional<TestCase> mocks = target.testCase().map(c -> testCase(sm, c));
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
    return new StepFunctionsService.SyncExecution(
        execution.snapshot(clock.now()), execution.events());
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

  private void run(Execution execution, Optional<TestCase> mocks) {
    StateMachine sm = execution.stateMachine();
    RunOptions options =
        new RunOptions(
            sm.name(), execution.name(), sm.roleArn(), mocks, Optional.of(execution.arn()));
    LocalExecution local = simulator.start(sm.parsed(), execution.inputNode(), options);
    execution.started(local);
    whenEnded(execution, local, 0);
  }

  /**
   * Records the end of the given run when it ends, without holding a thread meanwhile: saved, kept
   * within the retention, published.
   */
  void whenEnded(Execution execution, LocalExecution local, int run) {
    local.onEnd(
        (ended, crash) -> {
          ExecutionResult result = ended;
          if (crash != null) {
            Throwable e =
                crash instanceof CompletionException && crash.getCause() != null
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
          recordEnd(execution, result, run);
        });
  }

  /**
   * From now on the ends of runs are not recorded: the service is closing, and the runs its
   * executor interrupts stay RUNNING in the store, as after a crash.
   */
  void closing() {
    closing = true;
  }

  /** Records how a run ended, once: saved, kept within the retention, published. */
  void recordEnd(Execution execution, ExecutionResult result, int run) {
    if (closing) {
      return;
    }
    if (execution.ended(result, clock.now(), run, simulator.historyEventLimit())) {
      if (!execution.stateMachine().isExpress()) {
        executions.ended(execution);
      }
      events.publish(execution.snapshot(clock.now()));
    }
  }

  /** Records a map run, and publishes the status changes of its Standard children. */
  private void mapRunStarted(MapRun run) {
    mapRuns.add(run);
    if (!run.express() && events.active()) {
      run.onChildChange(events::publish);
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
      throw new ChildExecutions.AlreadyRunning(() -> awaitForParent(existing));
    }
    execution.started(child);
    if (!sm.isExpress()) {
      events.publish(execution.snapshot(clock.now()));
      executions.save(execution);
    }
    whenEnded(execution, child, 0);
  }

  /** Waits for the current run of a running execution to end and describes it for its parent. */
  private ChildExecutions.Child awaitForParent(Execution execution) {
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

  private static void checkInputSize(String input) {
    // AWS counts the payload in UTF-8 bytes: 300 KB of '€' is 900 KB.
    if (input != null
        && (input.length() > MAX_INPUT
            || input.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_INPUT)) {
      throw new InvalidRequestException(
          InvalidRequestException.VALIDATION_EXCEPTION,
          "1 validation error detected: Value at 'input' failed to satisfy constraint: "
              + "Member must have length less than or equal to "
              + MAX_INPUT);
    }
  }
}
