package dev.redrive.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends raw JSON 1.0 requests, for what the AWS SDK would not send. */
final class RawClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI endpoint;

  /** A response: HTTP status, the body as JSON, the content type. */
  record Response(int status, JsonNode body, String contentType) {
    String errorType() {
      return body.path("__type").asText(null);
    }

    String message() {
      return body.path("message").asText(null);
    }
  }

  RawClient(int port) {
    this.endpoint = URI.create("http://127.0.0.1:" + port + "/");
  }

  Response call(String operation, String body) {
    return send(
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", JsonProtocolHandler.CONTENT_TYPE)
            .header("X-Amz-Target", "AWSStepFunctions." + operation)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  Response call(String operation, JsonNode body) {
    return call(operation, body.toString());
  }

  Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(
          r.statusCode(),
          JSON.readTree(r.body()),
          r.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new AssertionError("request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  URI endpoint() {
    return endpoint;
  }
}
