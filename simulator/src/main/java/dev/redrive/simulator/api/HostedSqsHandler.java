package dev.redrive.simulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redrive.simulator.sqs.HostedQueues;
import dev.redrive.simulator.sqs.SqsException;
import dev.redrive.simulator.sqs.SqsJsonProtocol;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * SQS's JSON protocol on the simulator's port ({@code X-Amz-Target: AmazonSQS.<Operation>}), over
 * {@link HostedQueues}: the queues {@code redrive serve} hosts when no {@code --sqs-endpoint} is
 * given. A ReceiveMessage long poll holds no thread: the reply goes out when its future completes.
 * Errors carry {@code __type} ({@code com.amazonaws.sqs#QueueDoesNotExist}) and the {@code
 * x-amzn-query-error} header, as SQS sends them.
 */
public final class HostedSqsHandler extends Handler.Abstract {
  /** SQS's largest request: a batch of ten 256 KiB messages, with room for the JSON around it. */
  private static final int MAX_BODY = 3 * 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SqsJsonProtocol protocol;
  private final RequestBody body =
      new RequestBody(MAX_BODY, 4L * MAX_BODY, new Admission(Admission.defaultBudget()));

  private HostedSqsHandler(HostedQueues queues) {
    this.protocol = new SqsJsonProtocol(queues);
  }

  /** The route that sends {@code AmazonSQS.*} calls to these queues. */
  public static Route route(HostedQueues queues) {
    return Route.target(SqsJsonProtocol.TARGET_PREFIX, new HostedSqsHandler(queues));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String target = request.getHeaders().get(Route.TARGET_HEADER);
    String operation = target.substring(SqsJsonProtocol.TARGET_PREFIX.length());
    body.read(request)
        .whenComplete(
            (read, failure) -> {
              if (failure != null) {
                callback.failed(failure);
                return;
              }
              if (read.verdict() == RequestBody.Verdict.TOO_LARGE) {
                error(
                    response,
                    callback,
                    413,
                    "RequestEntityTooLarge",
                    "RequestEntityTooLarge",
                    "Request body exceeds the limit of " + MAX_BODY + " bytes");
                return;
              }
              if (read.verdict() == RequestBody.Verdict.THROTTLED) {
                error(
                    response,
                    callback,
                    400,
                    "RequestThrottled",
                    "RequestThrottled",
                    "Rate exceeded");
                return;
              }
              CompletableFuture<ObjectNode> answer;
              try {
                JsonNode parsed = parse(read.bytes());
                body.release(read);
                answer = protocol.handle(operation, parsed);
              } catch (RuntimeException e) {
                body.release(read);
                answer = CompletableFuture.failedFuture(e);
              }
              if (!answer.isDone()) {
                // The long poll bounds itself (at most 20 s); a client that hangs up withdraws it.
                request.addIdleTimeoutListener(timeout -> false);
                CompletableFuture<ObjectNode> pending = answer;
                request.addFailureListener(f -> pending.cancel(false));
              }
              CompletableFuture<ObjectNode> done = answer;
              answer.whenComplete(
                  (out, problem) -> {
                    if (problem == null) {
                      write(response, callback, 200, out);
                    } else if (done.isCancelled()) {
                      callback.failed(problem);
                    } else {
                      Throwable cause =
                          problem instanceof CompletionException && problem.getCause() != null
                              ? problem.getCause()
                              : problem;
                      if (cause instanceof SqsException e) {
                        error(
                            response,
                            callback,
                            e.status(),
                            e.type(),
                            e.queryCode(),
                            e.getMessage());
                      } else {
                        error(
                            response,
                            callback,
                            500,
                            "InternalError",
                            "InternalError",
                            "Internal failure: " + cause);
                      }
                    }
                  });
            });
    return true;
  }

  private static JsonNode parse(byte[] bytes) {
    if (bytes.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(bytes);
    } catch (java.io.IOException e) {
      throw SqsException.serialization("The request body is not JSON: " + e.getMessage());
    }
  }

  private static void error(
      Response response,
      Callback callback,
      int status,
      String type,
      String queryCode,
      String message) {
    ObjectNode out = JSON.createObjectNode();
    out.put("__type", "com.amazonaws.sqs#" + type);
    out.put("message", message);
    response
        .getHeaders()
        .put("x-amzn-query-error", queryCode + ";" + (status >= 500 ? "Receiver" : "Sender"));
    write(response, callback, status, out);
  }

  private static void write(Response response, Callback callback, int status, ObjectNode out) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(out);
    } catch (JsonProcessingException e) {
      bytes = "{}".getBytes(StandardCharsets.UTF_8);
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonProtocolHandler.CONTENT_TYPE);
    response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }
}
