package dev.redrive.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventBusTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void routesEventsByEventBridgePattern() {
    List<JsonNode> failures = new CopyOnWriteArrayList<>();
    List<JsonNode> all = new CopyOnWriteArrayList<>();
    try (EventBus bus = new EventBus()) {
      bus.subscribe(
          "{\"source\":[\"aws.states\"],\"detail\":{\"status\":[\"FAILED\",\"TIMED_OUT\"]}}",
          failures::add);
      EventBus.Subscription everything = bus.subscribe("{\"source\":[\"aws.states\"]}", all::add);

      bus.publish(event("RUNNING"));
      bus.publish(event("FAILED"));
      everything.close();
      bus.publish(event("TIMED_OUT"));
    }

    assertThat(failures)
        .extracting(e -> e.at("/detail/status").asText())
        .containsExactly("FAILED", "TIMED_OUT");
    assertThat(all)
        .extracting(e -> e.at("/detail/status").asText())
        .containsExactly("RUNNING", "FAILED");
  }

  @Test
  void failingSubscriberDisturbsNeitherPublisherNorOthers() {
    List<JsonNode> received = new CopyOnWriteArrayList<>();
    try (EventBus bus = new EventBus()) {
      bus.subscribe(
          "{\"source\":[\"aws.states\"]}",
          e -> {
            throw new IllegalStateException("subscriber bug");
          });
      bus.subscribe("{\"source\":[\"aws.states\"]}", received::add);

      bus.publish(event("FAILED"));
    }

    assertThat(received).hasSize(1);
  }

  @Test
  void refusesInvalidPattern() {
    try (EventBus bus = new EventBus()) {
      assertThatThrownBy(() -> bus.subscribe("{\"source\": \"not-a-list\"}", e -> {}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a valid event pattern");
    }
  }

  @Test
  void postsEventsToAnHttpUrl() throws Exception {
    BlockingQueue<String> bodies = new LinkedBlockingQueue<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/events",
        exchange -> {
          try (exchange;
              InputStream in = exchange.getRequestBody()) {
            bodies.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
          } catch (IOException e) {
            throw e;
          }
        });
    receiver.start();
    try (EventBus bus = new EventBus()) {
      bus.addSink(
          new HttpEventSink(
              URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/events"),
              Duration.ofSeconds(5)));

      bus.publish(event("FAILED"));

      String body = bodies.poll(10, TimeUnit.SECONDS);
      assertThat(body).isNotNull();
      assertThat(JSON.readTree(body).at("/detail/status").asText()).isEqualTo("FAILED");
    } finally {
      receiver.stop(0);
    }
  }

  private static ObjectNode event(String status) {
    return new ExecutionStatusChange(
            "us-east-1",
            "111111111111",
            Instant.parse("2023-11-16T06:38:03.120Z"),
            "arn:aws:states:us-east-1:111111111111:execution:sm:e",
            "arn:aws:states:us-east-1:111111111111:stateMachine:sm",
            "e",
            dev.redrive.simulator.execution.ExecutionStatus.parse(status),
            Instant.parse("2023-11-16T06:37:54.994Z"),
            status.equals("RUNNING") ? Optional.empty() : Optional.of(Instant.now()),
            "{}",
            Optional.empty(),
            0,
            Optional.empty(),
            status.equals("RUNNING")
                ? dev.redrive.simulator.execution.RedriveStatus.NOT_REDRIVABLE
                : dev.redrive.simulator.execution.RedriveStatus.REDRIVABLE,
            Optional.empty(),
            Optional.empty(),
            Optional.empty())
        .toEvent();
  }
}
