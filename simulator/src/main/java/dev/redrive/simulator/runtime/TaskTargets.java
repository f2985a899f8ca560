package dev.redrive.simulator.runtime;

import dev.redrive.simulator.mock.MockedResponse;
import java.util.Optional;

/**
 * Picks the {@link TaskTarget} of a Task state's attempt, first match wins: a mocked response for
 * the state; a Lambda function ARN; Step Functions' own APIs (nested executions, task-token
 * callbacks, GetActivityTask); a send to an in-process queue; {@code lambda:invoke}; an activity;
 * otherwise a service the simulator does not host. One instance per execution.
 */
final class TaskTargets {
  private final Interpreter in;
  private final TaskRunner tasks;
  private final LambdaFunctionTarget lambdaFunction;
  private final LambdaInvokeTarget lambdaInvoke;
  private final StepFunctionsTasks stepFunctions;
  private final LocalQueueTarget localQueue;
  private final ActivityTarget activity;
  private final ServiceEndpointTarget serviceEndpoint;
  private final NotHostedTarget notHosted;

  TaskTargets(Interpreter in, TaskRunner tasks) {
    this.in = in;
    this.tasks = tasks;
    this.lambdaFunction = new LambdaFunctionTarget(in, tasks);
    this.lambdaInvoke = new LambdaInvokeTarget(in, tasks);
    this.stepFunctions = new StepFunctionsTasks(in, tasks);
    this.localQueue = new LocalQueueTarget(in, tasks);
    this.activity = new ActivityTarget(in, tasks);
    this.serviceEndpoint = new ServiceEndpointTarget(in, tasks);
    this.notHosted = new NotHostedTarget(in, tasks);
  }

  /** The target of the given attempt. */
  TaskTarget resolve(TaskCall call) {
    Optional<MockedResponse> mocked = in.mocks.flatMap(t -> t.forState(call.run().state.name()));
    if (mocked.isPresent()) {
      return new MockedTarget(in, tasks, mocked.get());
    }
    if (TaskCall.isLambdaFunction(call.resource())) {
      return lambdaFunction;
    }
    if (StepFunctionsTasks.handles(call)) {
      return stepFunctions;
    }
    if (LocalQueueTarget.handles(in, call)) {
      return localQueue;
    }
    if (LambdaInvokeTarget.handles(call)) {
      return lambdaInvoke;
    }
    if (!call.integration() && ActivityTarget.handles(call)) {
      return activity;
    }
    if (ServiceEndpointTarget.handles(in, call)) {
      return serviceEndpoint;
    }
    return notHosted;
  }
}
