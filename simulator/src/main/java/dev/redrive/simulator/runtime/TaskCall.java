package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One attempt of a Task state, as its target sees it.
 *
 * @param run the state's run (frame, context object, task token)
 * @param resource the state's {@code Resource} as written
 * @param service the resource type events name ({@code lambda}, {@code sqs}, {@code aws-sdk:sfn},
 *     {@code activity}, ...)
 * @param api the resource events name: the API with its pattern ({@code invoke}, {@code
 *     sendMessage.waitForTaskToken}) for an integration, the ARN for a Lambda function or activity
 * @param parameters the evaluated Parameters (JSONPath) or Arguments (JSONata)
 * @param timeout the evaluated TimeoutSeconds, if any
 * @param heartbeat the evaluated HeartbeatSeconds, if any
 */
record TaskCall(
    Interpreter.StateRun run,
    String resource,
    String service,
    String api,
    JsonNode parameters,
    Optional<Long> timeout,
    Optional<Long> heartbeat) {
  /** The prefix of optimized and AWS SDK integrations. */
  static final String INTEGRATION = "arn:aws:states:::";

  TaskCall {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(api, "api");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(heartbeat, "heartbeat");
  }

  /**
   * The call of a resource: {@code arn:aws:states:::service:api} (or {@code aws-sdk:service:api})
   * split into service and API; a Lambda function ARN as {@code lambda}; anything else (an activity
   * ARN) as {@code activity}.
   */
  static TaskCall of(
      Interpreter.StateRun run,
      String resource,
      JsonNode parameters,
      Optional<Long> timeout,
      Optional<Long> heartbeat) {
    String service;
    String api;
    if (resource.startsWith(INTEGRATION)) {
      String rest = resource.substring(INTEGRATION.length());
      // service:api, or aws-sdk:service:api; the api may carry a pattern (.sync:2)
      int colon = rest.indexOf(':', rest.startsWith("aws-sdk:") ? "aws-sdk:".length() : 0);
      service = colon < 0 ? rest : rest.substring(0, colon);
      api = colon < 0 ? "" : rest.substring(colon + 1);
    } else if (isLambdaFunction(resource)) {
      service = "lambda";
      api = resource;
    } else {
      service = "activity";
      api = resource;
    }
    return new TaskCall(run, resource, service, api, parameters, timeout, heartbeat);
  }

  /**
   * A Lambda function ARN as the resource (the older form, with {@code LambdaFunction*} events).
   */
  static boolean isLambdaFunction(String resource) {
    return resource.startsWith("arn:aws:lambda:")
        || resource.startsWith("arn:aws-") && resource.contains(":lambda:");
  }

  /** True for an optimized or AWS SDK integration ({@code arn:aws:states:::...}). */
  boolean integration() {
    return resource.startsWith(INTEGRATION);
  }
}
