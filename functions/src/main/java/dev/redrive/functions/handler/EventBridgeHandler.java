package dev.redrive.functions.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.functions.config.ControllerFactory;
import dev.redrive.functions.controller.Outcome;
import dev.redrive.functions.controller.RedriveController;
import dev.redrive.functions.observe.DecisionLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The Lambda handler for direct EventBridge invocation (the rule targets the function itself). Runs
 * the same controller as {@link SqsEventHandler}; a failure is thrown, so Lambda's asynchronous
 * retries and its on-failure destination keep the event. Writes the outcome as JSON.
 */
public final class EventBridgeHandler implements RequestStreamHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final RedriveController controller;

  /** For the Lambda runtime: real clients and settings from the environment. */
  public EventBridgeHandler() {
    this(ControllerFactory.fromEnvironment(System.getenv(), new DecisionLog(System.out)));
  }

  /** For tests and local runs. */
  public EventBridgeHandler(RedriveController controller) {
    this.controller = Objects.requireNonNull(controller, "controller");
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    Outcome outcome = controller.handle(new String(input.readAllBytes(), StandardCharsets.UTF_8));
    ObjectNode json = JSON.createObjectNode();
    json.put("result", outcome.result().name());
    json.put("executionArn", outcome.executionArn());
    json.put("redriveCount", outcome.redriveCount());
    json.put("detail", outcome.detail());
    output.write(json.toString().getBytes(StandardCharsets.UTF_8));
  }
}
