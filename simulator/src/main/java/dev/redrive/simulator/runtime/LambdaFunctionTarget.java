package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.error.StatesError;
import java.util.Optional;
import java.util.UUID;

/**
 * A Task state whose {@code Resource} is a Lambda function ARN (the older form): the local function
 * of that name runs with the state's input as its event, recorded as {@code LambdaFunction*}
 * events; the result is the function's return value as is.
 */
final class LambdaFunctionTarget implements TaskTarget {
  private final Interpreter in;
  private final TaskRunner tasks;

  LambdaFunctionTarget(Interpreter in, TaskRunner tasks) {
    this.in = in;
    this.tasks = tasks;
  }

  @Override
  public JsonNode call(TaskCall call) throws TaskRunner.TaskFailure {
    Interpreter.StateRun run = call.run();
    String arn = call.resource();
    JsonNode payload = call.parameters();
    ObjectNode d = Interpreter.NODES.objectNode();
    d.put("resource", arn);
    d.set("input", payload);
    d.set("inputDetails", Interpreter.notTruncated());
    call.timeout().ifPresent(t -> d.put("timeoutInSeconds", t));
    call.heartbeat().ifPresent(t -> d.put("heartbeatInSeconds", t));
    in.emit(run.frame, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails", d);
    Optional<LocalFunction> fn = in.functions.find(arn);
    if (fn.isEmpty()) {
      String cause =
          "Function not found: "
              + arn
              + " (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: "
              + UUID.randomUUID()
              + "; Proxy: null)";
      throw tasks.lambdaFailed(run, "Lambda.ResourceNotFoundException", cause);
    }
    in.emit(run.frame, "LambdaFunctionStarted", null, null);
    JsonNode result;
    try {
      result = tasks.invokeLocal(fn.get(), payload, call.timeout());
    } catch (TaskRunner.Deadline e) {
      ObjectNode t = Interpreter.NODES.objectNode();
      t.put("error", StatesError.TIMEOUT);
      in.emit(run.frame, "LambdaFunctionTimedOut", "lambdaFunctionTimedOutEventDetails", t);
      throw new TaskRunner.TaskFailure(StatesError.TIMEOUT, null, true);
    } catch (FunctionError e) {
      throw tasks.lambdaFailed(run, e.errorType(), PythonJson.dumps(TaskRunner.errorBody(e)));
    }
    if (TaskRunner.tooLarge(result)) {
      throw tasks.lambdaFailed(
          run,
          StatesError.DATA_LIMIT_EXCEEDED,
          "The state/task '"
              + arn
              + "' returned a result with a size exceeding the maximum number of bytes service limit.");
    }
    ObjectNode ok = Interpreter.NODES.objectNode();
    ok.set("output", result);
    ok.set("outputDetails", Interpreter.notTruncated());
    in.emit(run.frame, "LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails", ok);
    return result;
  }
}
