package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Task state calling a service the simulator does not host, with no mocked response: the task is
 * scheduled and fails with {@code States.TaskFailed}, its cause saying how to mock the state.
 */
final class NotHostedTarget implements TaskTarget {
  /** The error of a task whose service the simulator does not host and no mock answers. */
  static final String ERROR = "States.TaskFailed";

  private final Interpreter in;
  private final TaskRunner tasks;

  NotHostedTarget(Interpreter in, TaskRunner tasks) {
    this.in = in;
    this.tasks = tasks;
  }

  @Override
  public JsonNode call(TaskCall call) throws TaskRunner.TaskFailure {
    Interpreter.StateRun run = call.run();
    String cause = cause(run, call.resource());
    tasks.scheduled(
        run, call.api(), call.service(), call.parameters(), call.timeout(), call.heartbeat());
    tasks.failed(run, call.api(), call.service(), ERROR, cause);
    throw new TaskRunner.TaskFailure(ERROR, cause, false);
  }

  /** Why a task failed that called a service the simulator does not host. */
  String cause(Interpreter.StateRun run, String resource) {
    return "State '"
        + run.state.name()
        + "' calls '"
        + resource
        + "', a service the simulator does not host, and no mocked response answers it: "
        + "mock the state in a test case of the mock configuration ("
        + "StateMachines."
        + in.info.stateMachineName()
        + ".TestCases.<case>."
        + run.state.name()
        + ") and start the execution with its state machine ARN followed by #<case>";
  }
}
