package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redrive.simulator.integration.OptimizedIntegrations;
import dev.redrive.simulator.integration.SdkServices;
import java.time.Instant;

/**
 * A Task calling a real service at an endpoint the user named: an optimized integration ({@code
 * sqs:sendMessage}, {@code sns:publish}, {@code dynamodb:*Item}, {@code events:putEvents}, each
 * also with {@code .waitForTaskToken}) or an {@code aws-sdk:SERVICE:ACTION} task, through the AWS
 * SDK for Java v2 ({@link SdkServices}). The task records {@code TaskScheduled}, {@code
 * TaskStarted}, then {@code TaskSucceeded} with the service's response or {@code TaskFailed} with
 * the error Step Functions names; with {@code .waitForTaskToken}, {@code TaskSubmitted} and the
 * wait for the token.
 */
final class ServiceEndpointTarget implements TaskTarget {
  private static final String AWS_SDK = "aws-sdk:";

  private final Interpreter in;
  private final TaskRunner tasks;

  ServiceEndpointTarget(Interpreter in, TaskRunner tasks) {
    this.in = in;
    this.tasks = tasks;
  }

  /** True when the task's service has an endpoint configured. */
  static boolean handles(Interpreter in, TaskCall call) {
    if (!call.integration()) {
      return false;
    }
    if (call.service().startsWith(AWS_SDK)) {
      return in.services.endpointFor(call.service().substring(AWS_SDK.length())).isPresent();
    }
    return OptimizedIntegrations.offers(call.service(), call.api())
        && new OptimizedIntegrations(in.services).reachable(call.service());
  }

  @Override
  public JsonNode call(TaskCall call) throws TaskRunner.TaskFailure {
    Interpreter.StateRun run = call.run();
    String api = call.api();
    String service = call.service();
    tasks.scheduled(run, api, service, call.parameters(), call.timeout(), call.heartbeat());
    tasks.started(run, api, service);
    Instant started = in.clock.now();
    JsonNode response;
    try {
      if (service.startsWith(AWS_SDK)) {
        String action = api.contains(".") ? api.substring(0, api.indexOf('.')) : api;
        response = in.services.call(service.substring(AWS_SDK.length()), action, call.parameters());
      } else {
        response =
            new OptimizedIntegrations(in.services)
                .call(
                    service,
                    api,
                    call.parameters(),
                    in.info.stateMachineArn(),
                    in.info.executionArn());
      }
    } catch (SdkServices.CallFailure f) {
      tasks.failed(run, api, service, f.error(), f.cause());
      throw new TaskRunner.TaskFailure(f.error(), f.cause(), false);
    }
    if (!api.endsWith(".waitForTaskToken")) {
      tasks.succeeded(run, api, service, response);
      return response;
    }
    return tasks.submitAndAwaitToken(
        run, api, service, response, call.timeout(), call.heartbeat(), started);
  }
}
