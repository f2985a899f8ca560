package dev.redrive.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redrive.simulator.service.StepFunctionsService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Clients that connect and say nothing, send half a request, long-poll by the thousand or send too
 * much: the endpoint keeps answering everyone else. "Answered" means within a bounded timeout (the
 * clients' own), never a measured time: latencies are in {@code BENCHMARKS-API.md}.
 */
class HostileClientsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration BOUND = Duration.ofSeconds(10);

  private final List<Socket> sockets = new ArrayList<>();
  private StepFunctionsService service;
  private SimulatorServer server;
  private SfnClient sfn;

  private void start(Duration activityPoll) {
    service = StepFunctionsService.builder().activityPoll(activityPoll).build();
    server = SimulatorServer.builder(service).threads(8).build().start("127.0.0.1", 0);
    sfn = Endpoint.client(server.port());
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (sfn != null) {
      sfn.close();
    }
    if (server != null) {
      server.close();
    }
    if (service != null) {
      service.close();
    }
  }

  @Test
  void idleAndHalfSentConnectionsLeaveOtherCallsAnswered() throws Exception {
    start(Duration.ofSeconds(1));
    byte[] halfHeaders =
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSStep"
            .getBytes(StandardCharsets.US_ASCII);
    byte[] halfBody =
        ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSStepFunctions.ListStateMachines"
                + "\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: 100\r\n\r\n{")
            .getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < 3_000; i++) {
      Socket s = connect();
      switch (i % 3) {
        case 0 -> {} // connected, silent
        case 1 -> s.getOutputStream().write(halfHeaders);
        default -> s.getOutputStream().write(halfBody);
      }
    }

    for (int i = 0; i < 20; i++) {
      String name = "after-hostile-" + i;
      assertThat(
              CompletableFuture.supplyAsync(
                      () ->
                          sfn.createStateMachine(
                                  b ->
                                      b.name(name)
                                          .definition(StateMachineApiTest.PASS)
                                          .roleArn(Endpoint.ROLE_ARN))
                              .stateMachineArn())
                  .get(BOUND.toSeconds(), TimeUnit.SECONDS))
          .endsWith(":" + name);
    }
  }

  @Test
  void thousandLongPollsHoldNoThreadAndEachGetsItsTask() throws Exception {
    start(Duration.ofSeconds(60));
    String activity = sfn.createActivity(b -> b.name("workers")).activityArn();
    HttpClient http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(BOUND).build();
    List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      polls.add(
          http.sendAsync(
              request("GetActivityTask", "{\"activityArn\":\"" + activity + "\"}"),
              HttpResponse.BodyHandlers.ofString()));
    }
    awaitWaitingPolls(polls, 1_000);

    // With 8 request threads and 1,000 polls waiting, other calls are still answered.
    String sm =
        CompletableFuture.supplyAsync(
                () ->
                    sfn.createStateMachine(
                            b ->
                                b.name("one-task")
                                    .definition(
                                        "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\","
                                            + "\"Resource\":\""
                                            + activity
                                            + "\",\"End\":true}}}")
                                    .roleArn(Endpoint.ROLE_ARN))
                        .stateMachineArn())
            .get(BOUND.toSeconds(), TimeUnit.SECONDS);
    java.util.concurrent.ExecutorService starters =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<Void>> started = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        int n = i;
        started.add(
            CompletableFuture.runAsync(
                () -> sfn.startExecution(b -> b.stateMachineArn(sm).input("{\"n\":" + n + "}")),
                starters));
      }
      CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
          .get(6 * BOUND.toSeconds(), TimeUnit.SECONDS);
    } finally {
      starters.shutdownNow();
    }

    // Every poll gets exactly one task: 1,000 distinct tokens, every input once.
    List<String> tokens = new ArrayList<>();
    boolean[] inputs = new boolean[1_000];
    for (CompletableFuture<HttpResponse<String>> poll : polls) {
      HttpResponse<String> r = poll.get(BOUND.toSeconds(), TimeUnit.SECONDS);
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode body = JSON.readTree(r.body());
      tokens.add(body.path("taskToken").asText());
      inputs[JSON.readTree(body.path("input").asText()).path("n").asInt()] = true;
    }
    assertThat(tokens).doesNotHaveDuplicates().allSatisfy(t -> assertThat(t).isNotEmpty());
    assertThat(inputs).containsOnly(true);
  }

  @Test
  void bodyOverTheLimitWithContentLengthIsAnswered413NotReset() throws Exception {
    start(Duration.ofSeconds(1));
    int size = 10 * 1024 * 1024;
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSStepFunctions.StartExecution"
                  + "\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: "
                  + size
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) ' ');
      for (int sent = 0; sent < size; sent += chunk.length) {
        out.write(chunk, 0, Math.min(chunk.length, size - sent));
      }
      out.flush();
      String response = readResponse(s.getInputStream());

      assertThat(response).startsWith("HTTP/1.1 413 ");
      assertThat(response)
          .contains("\"__type\":\"RequestEntityTooLargeException\"")
          .contains("exceeds the limit of " + SimulatorServer.DEFAULT_MAX_BODY_BYTES + " bytes");
    }
  }

  @Test
  void chunkedBodyOverTheLimitIsAnswered413() throws Exception {
    start(Duration.ofSeconds(1));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    byte[] body = new byte[SimulatorServer.DEFAULT_MAX_BODY_BYTES + 1];
    Arrays.fill(body, (byte) ' ');

    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .timeout(BOUND)
                .header("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
                .header("Content-Type", JsonProtocolHandler.CONTENT_TYPE)
                // a publisher of unknown length: sent with Transfer-Encoding: chunked
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(r.body()).path("__type").asText())
        .isEqualTo("RequestEntityTooLargeException");
  }

  @Test
  void bodyAtTheLimitIsRead() throws Exception {
    start(Duration.ofSeconds(1));
    String padded = "{\"maxResults\":5" + " ".repeat(1000) + "}";
    server.close();
    server =
        SimulatorServer.builder(service)
            .maxBodyBytes(padded.length())
            .build()
            .start("127.0.0.1", 0);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    HttpResponse<String> atLimit =
        http.send(request("ListStateMachines", padded), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> overLimit =
        http.send(request("ListStateMachines", padded + " "), HttpResponse.BodyHandlers.ofString());

    assertThat(atLimit.statusCode()).isEqualTo(200);
    assertThat(overLimit.statusCode()).isEqualTo(413);
  }

  private HttpRequest request(String operation, String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
        .timeout(Duration.ofSeconds(90))
        .header("X-Amz-Target", "AWSStepFunctions." + operation)
        .header("Content-Type", JsonProtocolHandler.CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** Waits until the service holds {@code n} polls, checking none has been answered. */
  private void awaitWaitingPolls(List<CompletableFuture<HttpResponse<String>>> polls, int n) {
    Endpoint.await(
        () -> {
          assertThat(polls).noneMatch(CompletableFuture::isDone);
          return service.waitingActivityPolls() >= n ? true : null;
        });
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", server.port()), (int) BOUND.toMillis());
    s.setSoTimeout((int) BOUND.toMillis());
    sockets.add(s);
    return s;
  }

  /** Reads one HTTP/1.1 response with a Content-Length body, as text. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the response headers: " + head);
      }
      head.write(b);
    }
    String headers = head.toString(StandardCharsets.US_ASCII);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }
}
