package dev.redrive.simulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The AWS JSON 1.0 protocol over {@code POST /}: the operation from {@code X-Amz-Target:
 * AWSStepFunctions.<Operation>}, the request and response as JSON objects, errors as {@code
 * {"__type", "message"}} with their HTTP status. Signatures and credentials are not checked.
 *
 * <p>Asynchronous from end to end: the body is read as it arrives ({@link RequestBody}), and an
 * operation that waits (GetActivityTask) answers from its future, so neither a slow client nor a
 * long poll holds a thread.
 */
final class JsonProtocolHandler extends Handler.Abstract {
  private static final Logger LOG = Logger.getLogger(JsonProtocolHandler.class.getName());

  /** The content type of requests and responses. */
  static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  /** Largest request body read: a 1 MiB definition or 256 KiB input fits with room to spare. */
  static final int MAX_BODY = 4 * 1024 * 1024;

  /**
   * Request bodies are parsed with Jackson's default {@code StreamReadConstraints}: nesting at most
   * 500 deep (a deeper body is a {@code SerializationException} naming the limit), strings at most
   * 20 M characters, numbers at most 1,000 digits.
   */
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Operations operations;
  private final Supplier<FaultInjector> faults;
  private final RequestBody body;

  JsonProtocolHandler(Operations operations, Supplier<FaultInjector> faults, RequestBody body) {
    this.operations = operations;
    this.faults = faults;
    this.body = body;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!"POST".equals(request.getMethod())) {
      reply(
          response,
          callback,
          ErrorResponse.of(
              new ApiException(
                  405,
                  "UnknownOperationException",
                  "Only POST is supported, was " + request.getMethod())));
      return true;
    }
    body.read(request)
        .whenComplete(
            (read, failure) -> {
              if (failure != null) {
                // The client hung up or idled out mid-body: nobody to answer.
                callback.failed(failure);
              } else if (read.isTooLarge()) {
                if (!read.drained()) {
                  response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE);
                }
                reply(
                    response,
                    callback,
                    ErrorResponse.of(
                        new ApiException(
                            413,
                            "RequestEntityTooLargeException",
                            "Request body exceeds the limit of " + body.limit() + " bytes")));
              } else {
                dispatch(request, response, callback, read.bytes().orElseThrow());
              }
            });
    return true;
  }

  private void dispatch(Request request, Response response, Callback callback, byte[] bytes) {
    CompletableFuture<ObjectNode> answer;
    try {
      String target = request.getHeaders().get(Route.TARGET_HEADER);
      Operation operation =
          operations.forTarget(target).orElseThrow(() -> ApiException.unknownOperation(target));
      faults.get().apply(target.substring(Operations.TARGET_PREFIX.length()));
      answer = operation.start(new ApiRequest(parse(bytes)));
    } catch (RuntimeException e) {
      reply(response, callback, ErrorResponse.of(e));
      return;
    }
    if (!answer.isDone()) {
      // A long poll: the connector's idle timeout must not cut it (the operation bounds it), and a
      // client that hangs up withdraws it.
      request.addIdleTimeoutListener(timeout -> false);
      request.addFailureListener(failure -> answer.cancel(false));
    }
    answer.whenComplete(
        (out, failure) -> {
          if (failure == null) {
            reply(response, callback, 200, out, null);
          } else if (answer.isCancelled()) {
            callback.failed(failure);
          } else {
            reply(response, callback, ErrorResponse.of(unwrap(failure)));
          }
        });
  }

  private static RuntimeException unwrap(Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
  }

  private static void reply(Response response, Callback callback, ErrorResponse error) {
    reply(response, callback, error.status(), error.body(), error.code());
  }

  private static void reply(
      Response response, Callback callback, int status, ObjectNode out, String errorType) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(out);
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.log(Level.WARNING, "cannot write the response", e);
      ErrorResponse failure =
          new ErrorResponse(500, "InternalFailure", "Internal failure: cannot write the response");
      status = failure.status();
      errorType = failure.code();
      bytes = failure.body().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
    response.getHeaders().put("x-amzn-RequestId", UUID.randomUUID().toString());
    if (errorType != null) {
      response.getHeaders().put("x-amzn-ErrorType", errorType);
    }
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  private static ObjectNode parse(byte[] bytes) {
    if (bytes.length == 0) {
      return JSON.createObjectNode();
    }
    JsonNode parsed;
    try {
      parsed = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiException.serialization("Request body is not JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw ApiException.serialization("Request body is not JSON: " + e.getMessage());
    }
    if (parsed == null || !parsed.isObject()) {
      throw ApiException.serialization("Request body must be a JSON object");
    }
    return (ObjectNode) parsed;
  }
}
