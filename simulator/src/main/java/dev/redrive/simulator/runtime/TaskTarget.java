package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a Task state calls: a mocked response, a local function (Lambda), an in-process queue (SQS),
 * an activity worker, Step Functions itself (nested executions, task-token callbacks), or a service
 * the simulator does not host. {@link TaskTargets} picks the target of each attempt, so a new
 * integration is one new class and one line there.
 *
 * <p>A target makes one attempt: it records the events AWS records for that kind of target (for
 * example {@code TaskScheduled}, {@code TaskStarted}, then {@code TaskSucceeded} or {@code
 * TaskFailed}; {@code LambdaFunction*} and {@code Activity*} for the older forms) and returns the
 * result. The state's Retry, Catch and output processing are {@link TaskRunner}'s. A target that
 * waits (for a task token's answer, a worker, a child execution) does so through the execution's
 * clock and wake-up, so a stop request or a timeout ends the wait; the engine still gives the
 * waiting execution its thread meanwhile (ARCHITECTURE.md).
 */
interface TaskTarget {
  /**
   * Makes one attempt of the task.
   *
   * @return the task's result, as the state's {@code $states.result} / ResultSelector input
   * @throws TaskRunner.TaskFailure when the attempt failed or timed out, after its event is
   *     recorded
   */
  JsonNode call(TaskCall call) throws TaskRunner.TaskFailure;
}
