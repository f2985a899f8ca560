package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.mock.MockResult;
import dev.redrive.simulator.mock.MockedResponse;

/**
 * A Task state answered by the mock configuration (the format of Step Functions Local): records the
 * events the real call would, without calling anything; the attempt's mocked response is the result
 * ({@code Return}) or the failure ({@code Throw}). Attempts are counted per state over the whole
 * execution, retries and redrives included.
 */
final class MockedTarget implements TaskTarget {
  private final Interpreter in;
  private final TaskRunner tasks;
  private final MockedResponse response;

  MockedTarget(Interpreter in, TaskRunner tasks, MockedResponse response) {
    this.in = in;
    this.tasks = tasks;
    this.response = response;
  }

  @Override
  public JsonNode call(TaskCall call) throws TaskRunner.TaskFailure {
    Interpreter.StateRun run = call.run();
    int attempt = in.mockAttempts.merge(run.state.name(), 1, Integer::sum) - 1;
    MockResult result = response.at(attempt);
    if (run.taskToken != null) {
      // A mocked .waitForTaskToken task answers at once: nobody will send the token.
      in.tokens.release(run.taskToken);
    }
    if (TaskCall.isLambdaFunction(call.resource())) {
      ObjectNode d = Interpreter.NODES.objectNode();
      d.put("resource", call.resource());
      d.set("input", call.parameters());
      d.set("inputDetails", Interpreter.notTruncated());
      call.timeout().ifPresent(t -> d.put("timeoutInSeconds", t));
      call.heartbeat().ifPresent(t -> d.put("heartbeatInSeconds", t));
      in.emit(run.frame, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", d);
      in.emit(run.frame, "LambdaFunctionStarted", null, null);
      if (result instanceof MockResult.Throw t) {
        throw tasks.lambdaFailed(run, t.error(), t.cause().orElse(null));
      }
      JsonNode value = ((MockResult.Return) result).value();
      ObjectNode ok = Interpreter.NODES.objectNode();
      ok.set("output", value);
      ok.set("outputDetails", Interpreter.notTruncated());
      in.emit(run.frame, "LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails", ok);
      return value;
    }
    tasks.scheduled(
        run, call.api(), call.service(), call.parameters(), call.timeout(), call.heartbeat());
    tasks.started(run, call.api(), call.service());
    if (result instanceof MockResult.Throw t) {
      tasks.failed(run, call.api(), call.service(), t.error(), t.cause().orElse(null));
      throw new TaskRunner.TaskFailure(t.error(), t.cause().orElse(null), false);
    }
    JsonNode value = ((MockResult.Return) result).value();
    tasks.succeeded(run, call.api(), call.service(), value);
    return value;
  }
}
