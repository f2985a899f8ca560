package dev.redrive.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpEventSinkTest {
  static final Duration WAIT = Duration.ofSeconds(20);

  static void awaitFailures(HttpEventSink sink, long count) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (sink.failures() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  @Test
  void logsEveryEventThatFindsNoReceiverWithTheCountSoFar() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    HttpEventSink sink =
        new HttpEventSink(URI.create("http://127.0.0.1:" + closedPort + "/events"), WAIT);
    try (LogCapture log = new LogCapture(HttpEventSink.class)) {
      sink.accept("{}");
      sink.accept("{}");
      awaitFailures(sink, 2);

      assertThat(sink.failures()).isEqualTo(2);
      assertThat(log.messages())
          .hasSize(2)
          .allMatch(m -> m.startsWith("event not delivered to http://127.0.0.1:" + closedPort))
          .anyMatch(m -> m.contains("(1 event lost so far)"))
          .anyMatch(m -> m.contains("(2 events lost so far)"));
    }
  }

  @Test
  void countsAnAnswerOtherThan2xxAsNotDelivered() throws Exception {
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/events",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(503, -1);
          exchange.close();
        });
    receiver.start();
    try (LogCapture log = new LogCapture(HttpEventSink.class)) {
      HttpEventSink sink =
          new HttpEventSink(
              URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/events"), WAIT);
      sink.accept("{}");
      awaitFailures(sink, 1);

      assertThat(log.messages()).singleElement().asString().endsWith(": answered HTTP 503");
    } finally {
      receiver.stop(0);
    }
  }
}
