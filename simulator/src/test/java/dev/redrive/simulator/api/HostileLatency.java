package dev.redrive.simulator.api;

import dev.redrive.simulator.service.StepFunctionsService;
import java.io.IOException;
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
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * A timed harness, run by hand (see {@code BENCHMARKS-API.md}): the latency of plain calls ({@code
 * ListStateMachines}, one at a time, raw HTTP) on a server started in this process with its
 * defaults, first alone, then while hostile clients hold connections: idle ones, ones that sent
 * half their headers, ones that sent half their body, then 1,000 waiting GetActivityTask long
 * polls. A call not answered within 10 s counts as timed out.
 *
 * <p>System properties: {@code calls} per phase (default 500), {@code idle} connections per kind
 * (default 1000), {@code polls} (default 1000).
 */
public final class HostileLatency {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private HostileLatency() {}

  public static void main(String[] args) throws Exception {
    int calls = Integer.getInteger("calls", 500);
    int idle = Integer.getInteger("idle", 1000);
    int pollCount = Integer.getInteger("polls", 1000);
    StepFunctionsService service =
        StepFunctionsService.builder().activityPoll(Duration.ofSeconds(60)).build();
    SimulatorServer server = new SimulatorServer(service).start("127.0.0.1", 0);
    int port = server.port();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    List<Socket> hostile = new ArrayList<>();
    try {
      measure("warm-up", http, port, calls);
      measure("alone", http, port, calls);
      byte[] halfHeaders =
          "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Tar".getBytes(StandardCharsets.US_ASCII);
      byte[] halfBody =
          ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSStepFunctions.ListStateMachines"
                  + "\r\nContent-Length: 100\r\n\r\n{")
              .getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 3 * idle; i++) {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
        hostile.add(s);
        if (i % 3 == 1) {
          s.getOutputStream().write(halfHeaders);
        } else if (i % 3 == 2) {
          s.getOutputStream().write(halfBody);
        }
      }
      measure(3 * idle + " idle/half-sent connections", http, port, calls);
      for (Socket s : hostile) {
        s.close();
      }
      hostile.clear();

      String activity = service.createActivity("bench-workers").arn();
      List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
      for (int i = 0; i < pollCount; i++) {
        polls.add(
            http.sendAsync(
                request(port, "GetActivityTask", "{\"activityArn\":\"" + activity + "\"}")
                    .timeout(Duration.ofSeconds(90))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      Thread.sleep(2_000); // let the polls arrive; the harness reports what it measured, not this
      measure(pollCount + " waiting GetActivityTask polls", http, port, calls);
      polls.forEach(p -> p.cancel(true));
    } finally {
      for (Socket s : hostile) {
        s.close();
      }
      server.close();
      service.close();
    }
    System.exit(0);
  }

  private static HttpRequest.Builder request(int port, String operation, String body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
        .timeout(TIMEOUT)
        .header("X-Amz-Target", "AWSStepFunctions." + operation)
        .header("Content-Type", "application/x-amz-json-1.0")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static void measure(String phase, HttpClient http, int port, int calls)
      throws InterruptedException {
    double[] millis = new double[calls];
    int answered = 0;
    int timedOut = 0;
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      try {
        HttpResponse<String> r =
            http.send(
                request(port, "ListStateMachines", "{}").build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          answered++;
        }
      } catch (IOException e) {
        timedOut++;
        if (timedOut >= 3) {
          System.out.printf(
              Locale.ROOT,
              "%-45s %d/%d answered, then 3 calls timed out after %s: stopped%n",
              phase,
              answered,
              i + 1,
              TIMEOUT);
          return;
        }
      }
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    System.out.printf(
        Locale.ROOT,
        "%-45s %d/%d answered, %d timed out; p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        phase,
        answered,
        calls,
        timedOut,
        millis[calls / 2],
        millis[(int) (calls * 0.99)],
        millis[calls - 1]);
  }
}
