package dev.redrive.simulator.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.history.HistoryJson;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code arn:aws:states:::sqs:sendMessage} to a queue of {@link LocalQueues}: puts the {@code
 * MessageBody} (JSON other than a string is sent as its text) on the local queue and returns the
 * SendMessage response; with {@code .waitForTaskToken}, then waits for a worker to answer the task
 * token found in the message.
 */
final class LocalQueueTarget implements TaskTarget {
  private final Interpreter in;
  private final TaskRunner tasks;

  LocalQueueTarget(Interpreter in, TaskRunner tasks) {
    this.in = in;
    this.tasks = tasks;
  }

  /** True for a send to a queue this simulator hosts. */
  static boolean handles(Interpreter in, TaskCall call) {
    return call.integration()
        && call.service().equals("sqs")
        && (call.api().equals("sendMessage") || call.api().equals("sendMessage.waitForTaskToken"))
        && in.queues.hosts(call.parameters().path("QueueUrl").asText(null));
  }

  @Override
  public JsonNode call(TaskCall call) throws TaskRunner.TaskFailure {
    Interpreter.StateRun run = call.run();
    String api = call.api();
    String service = call.service();
    JsonNode parameters = call.parameters();
    tasks.scheduled(run, api, service, parameters, call.timeout(), call.heartbeat());
    tasks.started(run, api, service);
    Instant started = in.clock.now();
    JsonNode body = parameters.path("MessageBody");
    LocalQueues.Message m =
        in.queues.send(
            parameters.path("QueueUrl").asText(),
            body.isTextual() ? body.asText() : HistoryJson.text(body));
    String requestId = UUID.randomUUID().toString();
    ObjectNode response = Interpreter.NODES.objectNode();
    response.put("MD5OfMessageBody", m.md5OfBody());
    response.put("MessageId", m.messageId());
    ObjectNode http = response.putObject("SdkHttpMetadata");
    ObjectNode all = http.putObject("AllHttpHeaders");
    ObjectNode headers = http.putObject("HttpHeaders");
    TaskRunner.header(all, headers, "Content-Type", "text/xml");
    TaskRunner.header(all, headers, "x-amzn-RequestId", requestId);
    http.put("HttpStatusCode", 200);
    response.putObject("SdkResponseMetadata").put("RequestId", requestId);
    if (!api.endsWith(".waitForTaskToken")) {
      tasks.succeeded(run, api, service, response);
      return response;
    }
    return tasks.submitAndAwaitToken(
        run, api, service, response, call.timeout(), call.heartbeat(), started);
  }
}
