package dev.redrive.simulator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HoldingSubscriberTest {
  static ObjectNode event(int n) {
    return JsonNodeFactory.instance.objectNode().put("id", "e" + n);
  }

  static List<String> ids(List<JsonNode> events) {
    return events.stream().map(e -> e.get("id").asText()).toList();
  }

  @Test
  void holdsEventsUntilTheConsumerIsAttachedThenPassesThemOnInOrder() {
    HoldingSubscriber holding = new HoldingSubscriber(10);
    List<JsonNode> received = new CopyOnWriteArrayList<>();
    holding.accept(event(1));
    holding.accept(event(2));
    assertThat(holding.heldCount()).isEqualTo(2);
    assertThat(received).isEmpty();

    holding.attach(received::add);
    holding.accept(event(3));

    assertThat(ids(received)).containsExactly("e1", "e2", "e3");
    assertThat(holding.heldCount()).isZero();
  }

  @Test
  void anEventPublishedBeforeTheConsumerExistsReachesItThroughTheBus() {
    List<JsonNode> received = new CopyOnWriteArrayList<>();
    try (EventBus bus = new EventBus()) {
      HoldingSubscriber holding = new HoldingSubscriber(10);
      bus.subscribe("{\"id\":[\"e1\",\"e3\"]}", holding);
      bus.publish(event(1));
      bus.publish(event(2));

      holding.attach(received::add);
      bus.publish(event(3));
    }

    assertThat(ids(received)).containsExactly("e1", "e3");
  }

  @Test
  void dropsAndLogsEveryEventBeyondItsCapacity() {
    HoldingSubscriber holding = new HoldingSubscriber(2);
    List<JsonNode> received = new CopyOnWriteArrayList<>();
    try (LogCapture log = new LogCapture(HoldingSubscriber.class)) {
      IntStream.rangeClosed(1, 4).forEach(n -> holding.accept(event(n)));

      assertThat(log.messages())
          .containsExactly(
              "event e3 dropped: 2 events already wait for a consumer that is not attached yet"
                  + " (1 dropped so far)",
              "event e4 dropped: 2 events already wait for a consumer that is not attached yet"
                  + " (2 dropped so far)");
    }
    holding.attach(received::add);
    assertThat(ids(received)).containsExactly("e1", "e2");
    assertThat(holding.droppedCount()).isEqualTo(2);
  }

  @Test
  void keepsTheOrderWhenEventsArriveWhileTheHeldOnesAreHandedOver() throws Exception {
    HoldingSubscriber holding = new HoldingSubscriber(100_000);
    List<JsonNode> received = new CopyOnWriteArrayList<>();
    Thread publisher =
        new Thread(() -> IntStream.range(0, 20_000).forEach(n -> holding.accept(event(n))));
    publisher.start();
    while (holding.heldCount() < 100 && publisher.isAlive()) {
      Thread.onSpinWait();
    }
    holding.attach(received::add);
    publisher.join();

    assertThat(ids(received))
        .containsExactlyElementsOf(IntStream.range(0, 20_000).mapToObj(n -> "e" + n).toList());
  }

  @Test
  void aHeldEventTheConsumerRefusesIsLoggedAndTheOthersStillGo() {
    HoldingSubscriber holding = new HoldingSubscriber(10);
    List<JsonNode> received = new CopyOnWriteArrayList<>();
    IntStream.rangeClosed(1, 3).forEach(n -> holding.accept(event(n)));
    try (LogCapture log = new LogCapture(HoldingSubscriber.class)) {
      holding.attach(
          e -> {
            if (e.get("id").asText().equals("e2")) {
              throw new IllegalStateException("closed");
            }
            received.add(e);
          });

      assertThat(log.messages()).containsExactly("held event e2 dropped: the consumer refused it");
    }
    assertThat(ids(received)).containsExactly("e1", "e3");
  }

  @Test
  void refusesABadCapacityAndASecondConsumer() {
    assertThatThrownBy(() -> new HoldingSubscriber(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity must be >= 1, was 0");
    HoldingSubscriber holding = new HoldingSubscriber(1);
    holding.attach(e -> {});
    assertThatThrownBy(() -> holding.attach(e -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a consumer is already attached");
  }
}
