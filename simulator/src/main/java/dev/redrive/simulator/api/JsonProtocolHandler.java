package dev.redrive.simulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The AWS JSON 1.0 protocol over {@code POST /}: the operation from {@code X-Amz-Target:
 * AWSStepFunctions.<Operation>}, the request and response as JSON objects, errors as {@code
 * {"__type", "message"}} with their HTTP status. Signatures and credentials are not checked.
 */
final class JsonProtocolHandler implements HttpHandler {
  /** The content type of requests and responses. */
  static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  /** Largest request body read: a 1 MiB definition or 256 KiB input fits with room to spare. */
  static final int MAX_BODY = 4 * 1024 * 1024;

  /** Fails on anything after the first JSON value: a body is one JSON object, nothing more. */
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Operations operations;
  private final Supplier<FaultInjector> faults;

  JsonProtocolHandler(Operations operations, Supplier<FaultInjector> faults) {
    this.operations = operations;
    this.faults = faults;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int status = 200;
      ObjectNode body;
      try {
        body = dispatch(exchange);
      } catch (RuntimeException e) {
        ErrorResponse error = ErrorResponse.of(e);
        status = error.status();
        body = error.body();
        exchange.getResponseHeaders().set("x-amzn-ErrorType", error.code());
      }
      byte[] bytes = JSON.writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private ObjectNode dispatch(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (!"POST".equals(exchange.getRequestMethod())) {
      throw new ApiException(
          405,
          "UnknownOperationException",
          "Only POST is supported, was " + exchange.getRequestMethod());
    }
    Operation operation =
        operations.forTarget(target).orElseThrow(() -> ApiException.unknownOperation(target));
    faults.get().apply(target.substring(Operations.TARGET_PREFIX.length()));
    return operation.handle(new ApiRequest(readBody(exchange)));
  }

  private static ObjectNode readBody(HttpExchange exchange) throws IOException {
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) {
      throw new ApiException(
          413,
          "RequestEntityTooLargeException",
          "Request body exceeds the limit of " + MAX_BODY + " bytes");
    }
    if (bytes.length == 0) {
      return JSON.createObjectNode();
    }
    JsonNode parsed;
    try {
      parsed = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw ApiException.serialization("Request body is not JSON: " + e.getOriginalMessage());
    }
    if (parsed == null || !parsed.isObject()) {
      throw ApiException.serialization("Request body must be a JSON object");
    }
    return (ObjectNode) parsed;
  }
}
